package lab.handshake.engine.trace;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sequence number as the lessons write it: a name and an offset from the number it names, "K0+1", "J", "X+1".
 * The names of a trace are J and K (the client's and the server's ISN of the taught connection), X (an old
 * duplicate SYN's seq) and J0 or K0 (the ISN of a connection an old duplicate SYN opened: RFC 9293 Figure 8's
 * bogus attempt); the engine's fold decides which, and everything that shows or reads a trace's names takes
 * them from its {@code seqSymbolic} and {@code ackSymbolic} through this record.
 */
public record SymbolicNumber(String name, long offset) {
    private static final Pattern FORM = Pattern.compile("([JK]0?|X)([+-]\\d+)?");

    /** "K0+1", "J", "X-10". */
    @Override
    public String toString() {
        return offset == 0 ? name : offset > 0 ? name + "+" + offset : name + offset;
    }

    /** The same name, {@code more} further on. */
    public SymbolicNumber plus(long more) {
        return new SymbolicNumber(name, offset + more);
    }

    /** A trace's symbolic number read back; null for null (a number with no name). */
    public static SymbolicNumber parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a symbolic number: " + text);
        }
        return new SymbolicNumber(m.group(1), m.group(2) == null ? 0 : Long.parseLong(m.group(2)));
    }
}
