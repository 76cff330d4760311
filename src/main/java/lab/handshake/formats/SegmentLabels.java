package lab.handshake.formats;

import java.util.List;
import lab.handshake.engine.Flags;
import lab.handshake.engine.trace.TeardownNumbers;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;

/**
 * A segment's label as the simulator's ladder writes it ({@code segmentLabel} in segment-format.js), with
 * symbolic numbers or the 32-bit ones: "SYN,ACK seq=K ack=J+1", "↻ SYN seq=J" for a retransmission, "… len=100", and in a
 * teardown the lessons' u, v and w ({@code teardownSymbols}) in place of the trace's J/K-relative numbers.
 */
final class SegmentLabels {
    private static final long MOD = 1L << 32;
    /** Offsets up to this are written relative to a name; beyond, the trace's own symbolic number. */
    private static final long MAX_OFFSET = 1L << 20;

    private final List<TraceSegment> segments;
    private final TeardownNumbers teardown;

    private SegmentLabels(List<TraceSegment> segments, TeardownNumbers teardown) {
        this.segments = segments;
        this.teardown = teardown;
    }

    static SegmentLabels of(Trace trace) {
        return new SegmentLabels(trace.segments(), TeardownNumbers.of(trace.segments()).orElse(null));
    }

    /** Flags in the material's order (SYN, FIN, RST, PSH, ACK): "SYN,ACK". */
    static String flagText(List<String> flags) {
        return Flags.join(Flags.parse(flags));
    }

    /** The label of the segment at {@code index} in the trace's segments. */
    String label(int index) {
        TraceSegment segment = segments.get(index);
        String seq = segment.seqSymbolic();
        String ack = segment.ackSymbolic();
        if (teardown != null && index >= teardown.finIndex() && TeardownNumbers.ofTheConnection(segment)) {
            List<Name> u = List.of(new Name(teardown.u(), "u"));
            List<Name> vw = teardown.passiveFinIndex() >= 0 && index >= teardown.passiveFinIndex()
                    ? List.of(new Name(teardown.w(), "w"), new Name(teardown.v(), "v"))
                    : List.of(new Name(teardown.v(), "v"), new Name(teardown.w(), "w"));
            boolean fromActive = segment.from().equals(teardown.active());
            seq = orElse(named(segment.seq(), fromActive ? u : vw), seq);
            ack = orElse(named(segment.ack(), fromActive ? vw : u), ack);
        }
        return text(segment, orElse(seq, Long.toString(segment.seq())), segment.ack() == null ? null : orElse(ack, Long.toString(segment.ack())));
    }

    /** The label of the segment at {@code index} with its 32-bit numbers ("SYN,ACK seq=5000 ack=1001"). */
    String absoluteLabel(int index) {
        TraceSegment segment = segments.get(index);
        return text(segment, Long.toString(segment.seq()), segment.ack() == null ? null : Long.toString(segment.ack()));
    }

    /** "↻ " for a retransmission, the flags, seq, ack (none: no ACK bit) and len when there is data. */
    private static String text(TraceSegment segment, String seq, String ack) {
        StringBuilder label = new StringBuilder(segment.retransmission() ? "↻ " : "").append(flagText(segment.flags()));
        label.append(" seq=").append(seq);
        if (ack != null) {
            label.append(" ack=").append(ack);
        }
        if (segment.len() > 0) {
            label.append(" len=").append(segment.len());
        }
        return label.toString();
    }

    private record Name(Long base, String name) {
    }

    /** "u", "w+1": the first name the value equals or lies a little above; null for none. */
    private static String named(Long value, List<Name> names) {
        if (value == null) {
            return null;
        }
        for (Name name : names) {
            if (name.base() == null) {
                continue;
            }
            long offset = Math.floorMod(value - name.base(), MOD);
            if (offset == 0) {
                return name.name();
            }
            if (offset < MAX_OFFSET) {
                return name.name() + "+" + offset;
            }
        }
        return null;
    }

    private static String orElse(String text, String other) {
        return text != null ? text : other;
    }
}
