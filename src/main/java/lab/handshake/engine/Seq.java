package lab.handshake.engine;

/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4). Sequence numbers are held in an {@code int}
 * and compared through their signed difference, so comparisons stay right across the wrap from
 * 4294967295 to 0 as long as the two numbers are less than 2^31 apart.
 */
public final class Seq {
    private Seq() {
    }

    /** a &lt; b in sequence space. */
    public static boolean lt(int a, int b) {
        return a - b < 0;
    }

    /** a =&lt; b in sequence space. */
    public static boolean le(int a, int b) {
        return a - b <= 0;
    }

    /** a &gt; b in sequence space. */
    public static boolean gt(int a, int b) {
        return a - b > 0;
    }

    /** a &gt;= b in sequence space. */
    public static boolean ge(int a, int b) {
        return a - b >= 0;
    }

    /** low =&lt; x &lt; high, the half-open interval used by the acceptability tests of §3.10.7.4. */
    public static boolean inWindow(int low, int x, int high) {
        return le(low, x) && lt(x, high);
    }

    /** The 32-bit value as the unsigned number the wire and the API show (0 … 4294967295). */
    public static long unsigned(int seq) {
        return Integer.toUnsignedLong(seq);
    }

    /** The signed distance from {@code base} to {@code seq}, used for the symbolic J+n form. */
    public static int offset(int seq, int base) {
        return seq - base;
    }
}
