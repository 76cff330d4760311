package lab.handshake.engine;

import java.util.ArrayList;
import java.util.List;
import lab.handshake.engine.trace.SackBlock;
import lab.handshake.engine.trace.TraceOption;

/**
 * The TCP options a segment carries, by meaning; {@link #onWire()} lays them out in the order and with the NOP
 * padding Linux 6.x uses (tcp_options_write), which is also RFC 7323 Appendix A's layout. The options-off
 * captures and the options-on capture (docs/linux-captures.md, three-way-handshake-defaults) show it:
 * {@code MSS, SACK_PERM, TS, NOP, WS} on a SYN, {@code NOP, NOP, TS} on later segments, and {@code NOP, NOP, SACK} after
 * them while the receiver holds data beyond a gap (data-segment-lost).
 *
 * @param mss           the MSS option (RFC 9293 §3.7.1), null when absent
 * @param sackPermitted the SACK-permitted option (RFC 2018 §2)
 * @param windowScale   the window-scale shift (RFC 7323 §2.2), null when absent
 * @param timestamps    the timestamps option (RFC 7323 §3.2), null when absent
 * @param sackBlocks    the SACK option's blocks (RFC 2018 §3), empty when absent
 * @param fastOpenCookie the TCP Fast Open option (RFC 7413 §4.1.1): the cookie in hexadecimal, empty for a cookie
 *                       request, null when absent
 */
public record TcpOptions(Integer mss, boolean sackPermitted, Integer windowScale, Timestamps timestamps,
                         List<SackBlock> sackBlocks, String fastOpenCookie) {

    public TcpOptions(Integer mss, boolean sackPermitted, Integer windowScale, Timestamps timestamps,
                      List<SackBlock> sackBlocks) {
        this(mss, sackPermitted, windowScale, timestamps, sackBlocks, null);
    }

    /** The timestamps option with its two NOPs (RFC 7323 Appendix A), taken from every segment's payload room. */
    public static final int TIMESTAMPS_ROOM = 12;
    /** RFC 9293 §3.7.1 (MUST-15): the send MSS when the peer's SYN carried no MSS option. */
    public static final int DEFAULT_MSS = 536;

    /** The largest window-scale shift (RFC 7323 §2.3). */
    public static final int MAX_WINDOW_SCALE = 14;

    /** The most SACK blocks that fit in the 40 bytes of options beside the timestamps (RFC 2018 §3), and without. */
    public static final int MAX_SACK_BLOCKS_WITH_TIMESTAMPS = 3;
    public static final int MAX_SACK_BLOCKS = 4;

    /** A segment without options. */
    public static final TcpOptions NONE = new TcpOptions(null, false, null, null, List.of());

    public TcpOptions(Integer mss, boolean sackPermitted, Integer windowScale, Timestamps timestamps) {
        this(mss, sackPermitted, windowScale, timestamps, List.of());
    }

    /** TSval and TSecr, unsigned 32-bit values. */
    public record Timestamps(long value, long echo) {
    }

    /** Only the timestamps option, as on every segment after the handshake when both ends offered it. */
    public static TcpOptions timestampsOnly(Timestamps timestamps) {
        return timestamps == null ? NONE : new TcpOptions(null, false, null, timestamps);
    }

    /** The options of a segment after the handshake: the timestamps if agreed, the SACK blocks if any are held. */
    public static TcpOptions established(Timestamps timestamps, List<SackBlock> sackBlocks) {
        return new TcpOptions(null, false, null, timestamps, List.copyOf(sackBlocks));
    }

    /**
     * The options read back from the wire (a capture's segment): NOPs carry nothing, and an MSS of 0 counts as
     * absent (RFC 9293 §3.7.1's default of 536 applies). A shift over the largest is kept; the receiver clamps it.
     */
    public static TcpOptions fromWire(List<TraceOption> wire) {
        Integer mss = null;
        boolean sackPermitted = false;
        Integer windowScale = null;
        Timestamps timestamps = null;
        List<SackBlock> sackBlocks = List.of();
        String fastOpenCookie = null;
        for (TraceOption option : wire) {
            switch (option.kind()) {
                case MSS -> mss = option.value() > 0 ? option.value() : null;
                case WINDOW_SCALE -> windowScale = option.value();
                case SACK_PERMITTED -> sackPermitted = true;
                case TIMESTAMPS -> timestamps = new Timestamps(option.tsVal(), option.tsEcr());
                case SACK -> sackBlocks = option.blocks();
                case FAST_OPEN -> fastOpenCookie = option.cookie();
                case NOP -> {
                }
            }
        }
        return new TcpOptions(mss, sackPermitted, windowScale, timestamps, sackBlocks, fastOpenCookie);
    }

    /** The same options with other timestamps (a replay moves a captured echo onto the engine's clock). */
    public TcpOptions withTimestamps(Timestamps other) {
        return new TcpOptions(mss, sackPermitted, windowScale, other, sackBlocks, fastOpenCookie);
    }

    /** The same options with the Fast Open option: a cookie in hexadecimal, empty for a cookie request (RFC 7413 §4.1.1). */
    public TcpOptions withFastOpenCookie(String cookie) {
        return new TcpOptions(mss, sackPermitted, windowScale, timestamps, sackBlocks, cookie);
    }

    /** The options of a SYN (or SYN,ACK) sent with these tunables: what RFC 9293 and RFC 7323 offer. */
    public static TcpOptions forSyn(TcpParams params, boolean sack, boolean windowScaling, Timestamps timestamps) {
        return new TcpOptions(params.mss(), sack, windowScaling ? params.windowScale() : null, timestamps);
    }

    /**
     * The options a SYN,ACK carries in answer to a SYN with these options: only what both ends offer (RFC 7323
     * §1.3, RFC 2018 §2).
     */
    TcpOptions answer(TcpParams params, Timestamps ours) {
        return forSyn(params, params.sack() && sackPermitted, params.windowScaling() && windowScale != null,
                params.timestamps() && timestamps != null ? ours : null);
    }

    /**
     * A timestamp clock reading: one tick per millisecond (Linux since 4.13; RFC 7323 §5.4 allows 1 ms to
     * 1 s), from an offset per connection (RFC 7323 §5.4, Linux secure_tcp_ts_off) drawn from its ISN, so that
     * runs repeat without taking anything from the seeded generator.
     */
    public static long clock(int isn, long now) {
        long offset = Integer.toUnsignedLong(Integer.reverse(isn) ^ 0x5bd1e995);
        return (offset + now) & 0xFFFF_FFFFL;
    }

    /** Bytes these options take in the TCP header, padding included. */
    public int length() {
        int length = 0;
        for (TraceOption option : onWire()) {
            length += option.length();
        }
        return length;
    }

    /** The options in wire order, with NOPs so that timestamps start on a 4-byte boundary. */
    public List<TraceOption> onWire() {
        List<TraceOption> wire = new ArrayList<>();
        if (mss != null) {
            wire.add(TraceOption.mss(mss));
        }
        if (timestamps != null) {
            if (sackPermitted) {
                wire.add(TraceOption.sackPermitted());
            } else {
                wire.add(TraceOption.nop());
                wire.add(TraceOption.nop());
            }
            wire.add(TraceOption.timestamps(timestamps.value(), timestamps.echo()));
        } else if (sackPermitted) {
            wire.add(TraceOption.nop());
            wire.add(TraceOption.nop());
            wire.add(TraceOption.sackPermitted());
        }
        if (windowScale != null) {
            wire.add(TraceOption.nop());
            wire.add(TraceOption.windowScale(windowScale));
        }
        if (!sackBlocks.isEmpty()) {
            wire.add(TraceOption.nop());
            wire.add(TraceOption.nop());
            wire.add(TraceOption.sack(sackBlocks));
        }
        if (fastOpenCookie != null) {
            // Last, padded with NOPs to a 4-byte boundary (Linux tcp_options_write, OPTION_FAST_OPEN_COOKIE): the
            // captures show "tfo cookiereq,nop,nop" and "tfo cookie 450977297b77929c,nop,nop" (docs/linux-captures.md §62).
            TraceOption option = TraceOption.fastOpen(fastOpenCookie);
            wire.add(option);
            for (int pad = (4 - option.length() % 4) % 4; pad > 0; pad--) {
                wire.add(TraceOption.nop());
            }
        }
        return List.copyOf(wire);
    }
}
