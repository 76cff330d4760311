package lab.handshake.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * TCP control bits as a small bit set, at their places in the header's flags byte. URG is left out; ECE and CWR are
 * ECN's (RFC 3168 §6.1, named in RFC 9293 §3.1).
 */
public final class Flags {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    /** ECN-Echo (RFC 3168 §6.1): with CWR on a SYN it asks for ECN, on a SYN,ACK it agrees, later it echoes a CE mark. */
    public static final int ECE = 0x40;
    /** Congestion Window Reduced (RFC 3168 §6.1.2): the sender reduced its window after an ECE. */
    public static final int CWR = 0x80;

    private static final int[] ORDER = {SYN, FIN, RST, PSH, ACK, ECE, CWR};
    private static final String[] NAMES = {"SYN", "FIN", "RST", "PSH", "ACK", "ECE", "CWR"};
    /** Every flag's name, in the readable order of {@link #names}. */
    public static final List<String> ALL_NAMES = List.of(NAMES);

    private Flags() {
    }

    public static boolean has(int flags, int bit) {
        return (flags & bit) != 0;
    }

    /** Flag names in a fixed, readable order (SYN, FIN, RST, PSH, ACK, ECE, CWR), e.g. {@code [SYN, ACK]}. */
    public static List<String> names(int flags) {
        List<String> names = new ArrayList<>(2);
        for (int i = 0; i < ORDER.length; i++) {
            if (has(flags, ORDER[i])) {
                names.add(NAMES[i]);
            }
        }
        return names;
    }

    /** Parses a flag name (case-insensitive); throws {@link IllegalArgumentException} for anything else. */
    public static int parse(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equalsIgnoreCase(name)) {
                return ORDER[i];
            }
        }
        throw new IllegalArgumentException("unknown TCP flag '" + name + "' (expected SYN, ACK, FIN, RST, PSH, ECE or CWR)");
    }

    public static int parse(List<String> names) {
        int flags = 0;
        for (String name : names) {
            flags |= parse(name);
        }
        return flags;
    }

    /** RFC figure notation for the control bits, e.g. {@code SYN,ACK}. */
    public static String join(int flags) {
        return String.join(",", names(flags));
    }
}
