package lab.handshake.predict;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.engine.trace.SymbolicNumber;
import lab.handshake.engine.trace.TeardownNumbers;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;

/**
 * The names the lessons give sequence numbers: J and K, the client's and the server's ISN, and in a teardown u
 * (the active closer's FIN), v (the passive side's ACK of it) and w (the passive side's FIN), X, the number
 * of an old duplicate SYN, and K0, the server's ISN for the attempt that SYN opened (RFC 9293 Figure 8), as the
 * simulator names them: J, K, K0 and X are what the trace's symbolic numbers say they are (the engine's one rule,
 * read through {@link SymbolicNumber}), u, v and w as segment-format.js finds them. A student may write a number
 * as one of them plus or minus an offset ({@code J+1}, {@code u + 1}) or as the 32-bit number itself.
 */
public final class SeqNames {
    static final long MOD = 1L << 32;
    /** Offsets up to this are written relative to a name; beyond, the number itself. */
    private static final long NEAR = 1L << 20;
    /** A number, or a name with an optional offset; letters in either case. */
    private static final Pattern FORM = Pattern.compile("\\s*(?:(\\d{1,10})|([JjKk]0|[JKUVWXjkuvwx])\\s*(?:([+-])\\s*(\\d{1,10}))?)\\s*");
    /** The longest answer read for seq or ack. */
    public static final int MAX_LENGTH = 24;

    private final Map<String, Long> values;

    private SeqNames(Map<String, Long> values) {
        this.values = values;
    }

    /** What is wrong with a number a student wrote, said after the field's name in the reader's language. */
    public static final class Unreadable extends IllegalArgumentException {
        private final transient Refusal.Worded<String> reason;

        Unreadable(Refusal.Worded<String> reason) {
            this.reason = reason;
        }

        public Refusal.Worded<String> reason() {
            return reason;
        }
    }

    /**
     * The names of this trace: J and K always (the endpoints' ISNs until a segment says otherwise), X and K0 when an
     * old duplicate SYN arrives and is answered, u, v and w when the connection is closed with a FIN.
     */
    public static SeqNames of(Trace trace) {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("J", trace.endpoints().get("client").isn());
        values.put("K", trace.endpoints().get("server").isn());
        Set<String> learned = new HashSet<>();
        for (TraceSegment segment : trace.segments()) {
            learn(values, learned, segment.seqSymbolic(), segment.seq());
            learn(values, learned, segment.ackSymbolic(), segment.ack());
        }
        TeardownNumbers.of(trace.segments()).ifPresent(teardown -> {
            values.put("u", teardown.u());
            if (teardown.v() != null) {
                values.put("v", teardown.v());
            }
            if (teardown.w() != null) {
                values.put("w", teardown.w());
            }
        });
        return new SeqNames(values);
    }

    /** The number a symbolic number of the trace names: {@code value} less its offset; the first segment that names it wins. */
    private static void learn(Map<String, Long> values, Set<String> learned, String symbolic, Long value) {
        SymbolicNumber number = SymbolicNumber.parse(symbolic);
        if (number != null && value != null && learned.add(number.name())) {
            values.put(number.name(), Math.floorMod(value - number.offset(), MOD));
        }
    }

    /** The names of a quiz question's numbers: J and K only, the ISNs generated for that student. */
    public static SeqNames ofIsns(long clientIsn, long serverIsn) {
        return new SeqNames(Map.of("J", clientIsn, "K", serverIsn));
    }

    /**
     * The 32-bit number a student wrote; an {@link Unreadable} saying what is wrong for a form
     * that is not a number or a name with an offset, a number beyond 32 bits, or a name this trace lacks.
     */
    public long read(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            throw new Unreadable(Worded.of(PredictProblemMessages.class, PredictProblemMessages::seq_form));
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new Unreadable(Worded.of(PredictProblemMessages.class, PredictProblemMessages::seq_form));
        }
        if (m.group(1) != null) {
            long number = Long.parseLong(m.group(1));
            if (number >= MOD) {
                throw new Unreadable(Worded.of(PredictProblemMessages.class, PredictProblemMessages::seq_over_32_bits));
            }
            return number;
        }
        String letter = m.group(2);
        String name = "jkx".indexOf(Character.toLowerCase(letter.charAt(0))) >= 0 ? letter.toUpperCase(Locale.ROOT) : letter.toLowerCase(Locale.ROOT);
        Long base = values.get(name);
        if (base == null) {
            throw new Unreadable(Worded.of(PredictProblemMessages.class, words -> words.seq_name_not_here(name)));
        }
        long offset = m.group(4) == null ? 0 : Long.parseLong(m.group(4)) % MOD;
        return Math.floorMod("-".equals(m.group(3)) ? base - offset : base + offset, MOD);
    }

    /**
     * Whether {@code value} is the trace's number {@code symbolic} counted from the ISN of the other attempt of the
     * same endpoint: K+1 for K0+1, K0 for K (RFC 9293 Figure 8's two answers of the server).
     */
    boolean countsFromTheOtherAttempt(String symbolic, long value) {
        SymbolicNumber expected = SymbolicNumber.parse(symbolic);
        if (expected == null || expected.name().equals("X")) {
            return false;
        }
        String other = expected.name().endsWith("0") ? expected.name().substring(0, 1) : expected.name() + "0";
        Long base = values.get(other);
        return base != null && values.containsKey(expected.name().substring(0, 1) + "0")
                && value == Math.floorMod(base + expected.offset(), MOD);
    }

    /** A number as J+n, K+n, K0+n or X+n when it is near one of them, otherwise the number itself. */
    public String name(long value) {
        String best = Long.toString(value);
        long bestOffset = NEAR;
        for (String name : List.of("J", "K", "J0", "K0", "X")) {
            if (!values.containsKey(name)) {
                continue;
            }
            long offset = Math.floorMod(value - values.get(name), MOD);
            if (offset < bestOffset) {
                bestOffset = offset;
                best = new SymbolicNumber(name, offset).toString();
            }
        }
        return best;
    }
}
