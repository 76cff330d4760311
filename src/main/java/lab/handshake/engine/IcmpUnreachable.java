package lab.handshake.engine;

import java.util.List;
import java.util.Optional;
import lab.handshake.engine.trace.WireNamed;

/**
 * The code of an ICMP Destination Unreachable ({@code reject} fault; RFC 792, ICMPv6's equivalents in RFC 4443 §3.1).
 * RFC 9293 §3.9.2.2 calls codes 0, 1 and 5 soft (MUST-56: never abort) and 2–4 hard (SHLD-26: abort); code 13 is not
 * named there and is taken as soft. {@link #wireName()} is how scenario files spell it.
 */
public enum IcmpUnreachable implements WireNamed {
    NET("net", 0, false, "ENETUNREACH"),
    HOST("host", 1, false, "EHOSTUNREACH"),
    PROTOCOL("protocol", 2, true, "ENOPROTOOPT"),
    PORT("port", 3, true, "ECONNREFUSED"),
    /** Communication administratively prohibited (RFC 1812 §5.2.7.1): what a firewall's reject sends. */
    ADMIN("admin", 13, false, "EHOSTUNREACH");

    private final String wireName;
    private final int code;
    private final boolean hard;
    private final String linuxErrno;

    IcmpUnreachable(String wireName, int code, boolean hard, String linuxErrno) {
        this.wireName = wireName;
        this.code = code;
        this.hard = hard;
        this.linuxErrno = linuxErrno;
    }

    /** The error Linux gives connect() for it (net/ipv4/icmp.c icmp_err_convert). */
    public String linuxErrno() {
        return linuxErrno;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** Its name in the reader's language ("port unreachable", "端口不可达"), for the texts that tell it. */
    public Phrase phrase() {
        return Phrase.of("icmp.code." + wireName);
    }

    /** The ICMPv4 code. */
    public int code() {
        return code;
    }

    /** A hard error in RFC 9293 §3.9.2.2's sense (codes 2–4). */
    public boolean hard() {
        return hard;
    }

    public static Optional<IcmpUnreachable> fromWire(String text) {
        return WireNamed.find(values(), text);
    }

    public static List<String> wireNames() {
        return WireNamed.wireNames(values());
    }

    @Override
    public String toString() {
        return wireName;
    }
}
