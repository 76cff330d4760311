package lab.handshake.engine;

/**
 * Receive-buffer autotuning (dynamic right-sizing) as Linux 6.18 does it for a socket whose buffer was not fixed with
 * SO_RCVBUF (tcp_rcvbuf_grow returns at once under SOCK_RCVBUF_LOCK or tcp_moderate_rcvbuf 0): the receiver measures
 * its own round-trip time (tcp_rcv_rtt_measure_ts from the TSecr of full segments, tcp_rcv_rtt_measure from the
 * time a window takes to arrive, tcp_rcv_rtt_update), and once per such round trip, when the application has copied
 * more than in the round trip before, the buffer grows so that the next one may bring twice as much
 * (tcp_rcv_space_adjust, tcp_rcvbuf_grow in net/ipv4/tcp_input.c). {@link ReceiveMemory} applies the growth. Not
 * modelled: the growth by data held beyond a gap (tcp_rcvbuf_grow's out-of-order term, tcp_data_queue_ofo).
 *
 * <p>Sequence numbers here are byte counts from the first byte received; times are the simulation's milliseconds,
 * taken to microseconds as the kernel keeps them.
 */
final class ReceiveAutotuning {
    private static final long US_PER_MS = 1_000;
    /** tcp_rcvbuf_low_rtt: below this round trip the buffer grows only in proportion to it (1 ms). */
    private static final long LOW_RTT_US = 1_000;
    /** TCP_INIT_CWND: the first measure of a round trip's copy is at most ten segments (tcp_init_buffer_space). */
    private static final int INIT_CWND = 10;

    /** rcv_rtt_est.rtt_us: eight times the receiver's round-trip time in µs; 0 until measured. */
    private long rtt8;
    /** rcv_rtt_est.seq and .time: the window-based measure ends once RCV.NXT passes the window offered at its start. */
    private long rttSeq;
    private long rttSince;
    private boolean rttMeasuring;
    /** rcv_rtt_last_tsecr: a TSecr gives one sample only. */
    private long lastEcho;
    /** rcvq_space.space, .seq and .time: what the application copied in the last measured round trip, and since when. */
    private int space;
    private long spaceFrom;
    private long spaceSince;
    /** rcv_nxt and copied_seq, as counts of bytes. */
    private long received;
    private long copied;

    /** tcp_init_buffer_space at the end of the handshake: the first measure begins, of at most ten segments. */
    void start(long now, int threshold, int lastOffer, int advmss) {
        spaceSince = now;
        spaceFrom = copied;
        space = Math.min(Math.min(threshold, lastOffer), INIT_CWND * advmss);
    }

    /**
     * tcp_rcv_rtt_measure_ts: a segment whose TSecr is new and that is at least a segment long gives a sample, the
     * age of our timestamp it echoes (in whole ticks; 0 gives none). Every segment's TSecr counts as seen.
     *
     * @param length the segment's sequence length (end_seq - seq)
     * @param rcvMss the peer's segment size as measured before this segment
     */
    void echoed(long echo, long clockNow, int length, int rcvMss) {
        if (echo == lastEcho) {
            return;
        }
        lastEcho = echo;
        long ageMs = (clockNow - echo) & 0xFFFF_FFFFL;
        if (length >= rcvMss && ageMs > 0) {
            update(ageMs * US_PER_MS, false);
        }
    }

    /**
     * tcp_rcv_rtt_measure (from tcp_event_data_recv): in-order data arrived; once RCV.NXT has passed the window
     * offered when the measure began, the time it took is a sample, and a new measure begins.
     */
    void arrived(int len, long now, int lastOffer) {
        received += len;
        if (rttMeasuring) {
            if (received < rttSeq) {
                return;
            }
            update(Math.max(1, (now - rttSince) * US_PER_MS), true);
        }
        rttMeasuring = true;
        rttSeq = received + lastOffer;
        rttSince = now;
    }

    /** tcp_ofo_queue: data held beyond a gap is now in order (RCV.NXT jumps past it). */
    void gapFilled(int bytes) {
        received += bytes;
    }

    /**
     * tcp_rcv_rtt_update: a smaller sample replaces the estimate; a larger one from timestamps moves it by an eighth
     * while the receive queue is empty; a larger window-based one is ignored.
     */
    private void update(long sampleUs, boolean windowBased) {
        long m = sampleUs << 3;
        if (rtt8 == 0 || m < rtt8) {
            rtt8 = m;
        } else if (!windowBased && received == copied) {
            rtt8 = rtt8 - (rtt8 >> 3) + sampleUs;
        }
    }

    /**
     * tcp_rcv_space_adjust, after the application copied all the in-order data, the last of it arrived at {@code at}
     * (tcp_mstamp is not refreshed): at most once per measured round trip, what it copied since the measure began is
     * compared with the measure before. Data held beyond a gap is not copied, and with nothing to copy recvmsg does
     * not return.
     *
     * @return the window tcp_rcvbuf_grow asks the buffer to hold, or 0 when it does not grow
     */
    long read(long at) {
        if (copied == received) {
            return 0;
        }
        copied = received;
        if (rtt8 == 0 || (at - spaceSince) * US_PER_MS < rtt8 >> 3) {
            return 0;
        }
        // Less what is still queued (inq), nothing here: the application took it all.
        long copiedInRound = copied - spaceFrom;
        long window = copiedInRound > space ? grow((int) copiedInRound) : 0;
        spaceFrom = copied;
        spaceSince = at;
        return window;
    }

    /**
     * tcp_rcvbuf_grow: twice what was copied ("DRS is always one RTT late"), plus, in slow start, room for the sender
     * to double its rate again: twice that times the growth since the measure before; on a round trip below
     * tcp_rcvbuf_low_rtt only that share of the doubled copy.
     */
    private long grow(int newSpace) {
        int oldSpace = space;
        space = newSpace;
        long window = (long) newSpace << 1;
        long rttUs = rtt8 >> 3;
        long growth = rttUs < LOW_RTT_US ? window * rttUs / LOW_RTT_US : (window << 1) * (newSpace - oldSpace) / oldSpace;
        return window + growth;
    }

    /** tcp_measure_rcv_mss: a clamp that fell below the last measure bounds it. */
    void bound(int clamp) {
        space = Math.min(space, clamp);
    }
}
