package lab.handshake.formats;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import lab.handshake.engine.EcnCodepoint;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceOption;
import lab.handshake.engine.trace.TraceSegment;

/**
 * A trace as a packetdrill-style script, from the server's point of view as packetdrill scripts are written:
 * {@code <} for a segment the server receives, {@code >} for one it sends, times in seconds from the start,
 * absolute sequence numbers. Lost segments stay in the script as comments, as they never reach the other side. An
 * ECN-capable or CE-marked IP header is written as packetdrill does, {@code [ect0]} or {@code [ce]} before the flags, as
 * the server's interface sees it (a router's CE mark on what arrives).
 */
public final class PacketdrillWriter {
    private PacketdrillWriter() {
    }

    public static String write(Trace trace) {
        StringBuilder script = new StringBuilder();
        script.append("// ").append(trace.scenario() == null ? "custom scenario" : trace.scenario())
                .append(" (").append(trace.profile()).append(" profile), written by Handshake Lab\n")
                .append("// Seen from the server ").append(trace.endpoints().get("server").address()).append(':')
                .append(trace.endpoints().get("server").port()).append("; '<' arrives at it, '>' leaves it.\n")
                .append("// Client ISN J = ").append(trace.endpoints().get("client").isn())
                .append(", server ISN K = ").append(trace.endpoints().get("server").isn()).append("\n\n");
        for (TraceSegment segment : trace.segments()) {
            boolean toServer = "server".equals(segment.to());
            boolean fromServer = "server".equals(segment.from());
            if (!toServer && !fromServer) {
                continue;
            }
            long at = fromServer ? segment.sentAt() : segment.arrivesAt() == null ? segment.sentAt() : segment.arrivesAt();
            EcnCodepoint ecn = fromServer ? EcnCodepoint.ofTraceName(segment.ecn()) : PcapWriter.ecnOnArrival(segment);
            String line = String.format(Locale.ROOT, "%.3f %s %s%s", at / 1000.0, fromServer ? ">" : "<", ipEcn(ecn), describe(segment));
            if (!fromServer && segment.arrivesAt() == null) {
                script.append("// ").append(line).append("   // sent by ").append(segment.from()).append(", lost in the network\n");
            } else {
                script.append(line).append(comment(segment)).append('\n');
            }
        }
        return script.toString();
    }

    /** packetdrill's IP ECN field before the flags: nothing for Not-ECT (its default), else {@code [ect0]}, {@code [ect1]}, {@code [ce]}. */
    private static String ipEcn(EcnCodepoint ecn) {
        return ecn == EcnCodepoint.NOT_ECT ? "" : "[" + ecn.traceName().toLowerCase(Locale.ROOT).replaceAll("[()]", "") + "] ";
    }

    /** packetdrill's notation: flags (S F R P, "." for ACK, then E for ECE and W for CWR), start:end(length), ack, window, options. */
    private static String describe(TraceSegment segment) {
        List<String> flags = segment.flags();
        StringBuilder text = new StringBuilder();
        for (String flag : List.of("SYN", "FIN", "RST", "PSH")) {
            if (flags.contains(flag)) {
                text.append(flag.charAt(0) == 'P' ? 'P' : flag.charAt(0));
            }
        }
        if (flags.contains("ACK")) {
            text.append('.');
        }
        if (flags.contains("ECE")) {
            text.append('E');
        }
        if (flags.contains("CWR")) {
            text.append('W');
        }
        long end = (segment.seq() + segment.len()) & 0xFFFF_FFFFL;
        text.append(' ').append(segment.seq()).append(':').append(end).append('(').append(segment.len()).append(')');
        if (segment.ack() != null) {
            text.append(" ack ").append(segment.ack());
        }
        text.append(" win ").append(segment.window());
        if (!segment.options().isEmpty()) {
            text.append(' ').append(options(segment.options()));
        }
        return text.toString();
    }

    /**
     * Options in packetdrill's (and tcpdump's) notation: {@code <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7>}, SACK
     * blocks as {@code sack 2897:4345 5793:7241}.
     */
    public static String options(List<TraceOption> options) {
        StringJoiner text = new StringJoiner(",", "<", ">");
        for (TraceOption option : options) {
            text.add(switch (option.kind()) {
                case NOP -> "nop";
                case MSS -> "mss " + option.value();
                case WINDOW_SCALE -> "wscale " + option.value();
                case SACK_PERMITTED -> "sackOK";
                case TIMESTAMPS -> "TS val " + option.tsVal() + " ecr " + option.tsEcr();
                case SACK -> option.blocks().stream().map(block -> block.left() + ":" + block.right())
                        .collect(Collectors.joining(" ", "sack ", ""));
                // packetdrill's name for kind 34 (RFC 7413), the cookie in hexadecimal; bare for a cookie request.
                case FAST_OPEN -> option.cookie().isEmpty() ? "FO" : "FO " + option.cookie();
            });
        }
        return text.toString();
    }

    private static String comment(TraceSegment segment) {
        StringBuilder comment = new StringBuilder();
        if (segment.seqSymbolic() != null) {
            comment.append("   // seq=").append(segment.seqSymbolic());
            if (segment.ackSymbolic() != null) {
                comment.append(" ack=").append(segment.ackSymbolic());
            }
        }
        if (segment.retransmission()) {
            comment.append(comment.length() == 0 ? "   // " : ", ").append("retransmission");
        }
        return comment.toString();
    }
}
