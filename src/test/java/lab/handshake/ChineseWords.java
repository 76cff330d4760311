package lab.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Chinese reader should not be shown: English words (raw message keys are English words too) and ISO
 * timestamps. Allowed are protocol terms (any word in capitals: SYN, TIME_WAIT, SND.NXT, RFC 9293's OPEN and
 * "passive OPEN", the segment fields seq, ack, win and len as the ladders label them, key names, RFC requirement labels such as SHLD-3), kernel names and paths (tcp_fin_timeout, reqsk_timer_handler,
 * net.ipv4.tcp_syncookies), system calls as in code (connect(), listen(4)) and the errors they return ("connection
 * refused"), the lessons' symbolic numbers (J+1, K0) and a few names (the site's, the tools', cookie); the caller
 * leaves out code and text marked as English.
 */
public final class ChineseWords {
    /** Words a Chinese text may hold as they are: protocol and system terms, names, the symbolic numbers. */
    private static final Set<String> ALLOWED = Set.of(
            "IPv4", "IPv6", "ISNs", "TSval", "TSecr", "TS.Recent", "Nagle", "seq", "ack", "win", "len", "u", "v", "w", "Linux", "Tab", "Ctrl",
            "Handshake", "Lab", "Moodle", "Canvas", "Blackboard", "Brightspace", "pcap", "pcapng", "packetdrill",
            "Wireshark", "tshark", "tcpdump", "ss", "backlog", "svg", "cookie", "Markdown",
            // RFC 3168 §5's name of the ECN field that is not ECN-capable
            "Not-ECT");
    /** Terms of more than one word, taken out before the words are read. */
    private static final Pattern PHRASES = Pattern.compile("passive OPEN|active OPEN|SYN cookies?|connection (refused|reset|timed out)"
            + "|/proc/sys/[\\w/.]+|net[./]ipv4[./][\\w/.]+|\\d+\\.x\\b"
            // an RFC's figure is named as the RFC names it: "RFC 9293 §3.5, Figure 6"
            + "|RFC \\d+ §[\\d.]+, Figure \\d+");

    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_.'-]*[A-Za-z0-9]|[A-Za-z]");
    // a kernel name is snake_case (tcp_fin_timeout, reqsk_timer_handler, tcp_input.c): no English word has an underscore
    private static final Pattern CODE_LIKE = Pattern.compile("[A-Z0-9_.-]+|[JKXYuvw]\\d*([+-]\\d+)?|[a-z][a-z0-9]*(_[a-z0-9]+)+(\\.c)?"
            + "|[0-9A-Fa-f]*\\d[0-9A-Fa-f]*");
    private static final Pattern ISO_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

    private ChineseWords() {
    }

    /** What of {@code text} a Chinese reader should not see, each as the word and the text around it. */
    public static List<String> foreign(String text) {
        String flat = text.replaceAll("\\s+", " ");
        String words = PHRASES.matcher(flat).replaceAll(" ");
        List<String> found = new ArrayList<>();
        if (ISO_TIME.matcher(flat).find()) {
            found.add("ISO timestamp in «" + cut(flat) + "»");
        }
        Matcher word = WORD.matcher(words);
        while (word.find()) {
            String w = word.group();
            boolean call = word.end() < words.length() && words.charAt(word.end()) == '(';
            if (!ALLOWED.contains(w) && !CODE_LIKE.matcher(w).matches() && !call) {
                found.add("\"" + w + "\" in «" + cut(flat) + "»");
            }
        }
        return found;
    }

    private static String cut(String text) {
        return text.length() <= 140 ? text : text.substring(0, 137) + "…";
    }
}
