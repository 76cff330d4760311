package lab.handshake.engine;

/**
 * How long an owed ACK may wait: the delayed-ACK time-out of one connection ("ato" in Linux). RFC 9293 §3.8.6.3 and
 * RFC 1122 §4.2.3.2 only bound it (under 0.5 s), so the rfc9293 profile keeps the tunable {@code delayedAckMs}.
 * Linux adapts it to the peer ({@link Profile#adaptsAckTimeout()}): it starts at TCP_ATO_MIN (the tunable, 40 ms)
 * with the first data, follows the gaps between arriving segments (tcp_event_data_recv() in net/ipv4/tcp_input.c),
 * doubles when its timer had to send the ACK (tcp_delack_timer_handler() in net/ipv4/tcp_timer.c), falls back to
 * TCP_ATO_MIN when the last quick ACK is sent (tcp_dec_quickack_mode()), and is bounded by the round-trip time when
 * the timer is set (tcp_send_delayed_ack() in net/ipv4/tcp_output.c); a gap longer than the RTO brings the quick ACKs
 * back ({@link Profile#quickAcksAgainAfterIdleGap}). Linux counts ato
 * and the gaps in 4 ms ticks (jiffies at HZ=250), halving with integer arithmetic, and so does this class (ticks
 * counted from the simulation's start), and its timer fires on a tick too ({@link Profile#delayedAckTimerFiresOnTick}).
 */
final class AckTimeout {
    /** TCP_DELACK_MAX (HZ/5): the longest wait for pushed data or an interactive connection, and icsk_delack_max. */
    private static final int LINUX_DELACK_MAX_MS = 200;
    /** HZ/2: the longest wait otherwise. */
    private static final int LINUX_ATO_CAP_MS = 500;
    /** One jiffy at HZ=250. Before any data ato is 0, so an owed ACK (of a FIN, say) leaves at the next tick. */
    private static final int LINUX_TICK_MS = 4;

    private final boolean adapts;
    private final boolean firesOnTick;
    private final boolean quickAcksAtFirstData;
    private final boolean quickAcksAgainAfterIdleGap;
    private final boolean pingPongBySendingData;
    /** TCP_ATO_MIN, in ticks under Linux. */
    private final int minimum;
    /** In ticks under Linux; 0 until the first data. */
    private int ato;
    private long lastArrivalTick;

    AckTimeout(Profile profile, TcpParams params) {
        this.adapts = profile.adaptsAckTimeout();
        this.firesOnTick = profile.delayedAckTimerFiresOnTick();
        this.quickAcksAtFirstData = profile.countsQuickAcksAtFirstData();
        this.quickAcksAgainAfterIdleGap = profile.quickAcksAgainAfterIdleGap();
        this.pingPongBySendingData = profile.entersPingPongBySendingDataWithinAto();
        this.minimum = adapts ? Math.max(1, params.delayedAckMs() / LINUX_TICK_MS) : params.delayedAckMs();
        this.ato = adapts ? 0 : minimum;
    }

    /**
     * Data arrived (tcp_event_data_recv): the first sets ato to its minimum; a segment within half of it after the
     * one before pulls ato towards that minimum, a longer gap still under ato towards the gap (at most the RTO).
     *
     * @return whether this data grants quick ACKs: the first data ({@link Profile#countsQuickAcksAtFirstData}), or
     *         data after a gap longer than the RTO ({@link Profile#quickAcksAgainAfterIdleGap})
     */
    boolean dataArrived(long now, int rto) {
        if (!adapts) {
            return false;
        }
        long tick = tickOf(now);
        boolean grantsQuickAcks = false;
        if (ato == 0) {
            ato = minimum;
            grantsQuickAcks = quickAcksAtFirstData;
        } else {
            long gap = tick - lastArrivalTick;
            if (gap <= minimum / 2) {
                ato = (ato >> 1) + minimum / 2;
            } else if (gap < ato) {
                ato = Math.min((ato >> 1) + (int) gap, ticks(rto));
            } else {
                grantsQuickAcks = quickAcksAgainAfterIdleGap && gap > ticks(rto);
            }
        }
        lastArrivalTick = tick;
        return grantsQuickAcks;
    }

    /**
     * Data is sent now (tcp_event_data_sent): whether it answers within ato of the last data that arrived, which makes
     * the connection interactive ({@link Profile#entersPingPongBySendingDataWithinAto}). Counted in ticks, as the
     * kernel counts jiffies; before any data ato is 0, so nothing is an answer yet.
     */
    boolean answersWithinAto(long now) {
        return pingPongBySendingData && tickOf(now) - lastArrivalTick < ato;
    }

    /**
     * The wait for an ACK owed now (tcp_send_delayed_ack): ato, but above its minimum no longer than the smoothed
     * round-trip time (if measured; never under the minimum), nor 200 ms for pushed data or an interactive connection,
     * nor 500 ms; never more than 200 ms (icsk_delack_max).
     *
     * @param srtt the smoothed round-trip time, negative while none was measured
     */
    int waitMs(boolean pushedOrInteractive, int srtt) {
        if (!adapts) {
            return minimum;
        }
        if (ato == 0) {
            // jiffies + 0, which the tick grid runs at the next tick; off the grid, one tick.
            return firesOnTick ? 0 : LINUX_TICK_MS;
        }
        int wait = ato;
        if (wait > minimum) {
            int cap = ticks(pushedOrInteractive ? LINUX_DELACK_MAX_MS : LINUX_ATO_CAP_MS);
            if (srtt >= 0) {
                cap = Math.min(cap, Math.max(ticks(srtt), minimum));
            }
            wait = Math.min(wait, cap);
        }
        return Math.min(wait, ticks(LINUX_DELACK_MAX_MS)) * LINUX_TICK_MS;
    }

    /**
     * When the timer for an ACK owed now, which may wait {@code waitMs}, fires. On the tick grid
     * ({@link Profile#delayedAckTimerFiresOnTick}) the kernel's deadline is jiffies + ato, counted from the start of
     * the current tick, and its timer wheel runs it one tick after that: between ato and ato + 1 ticks from now.
     */
    long firesAt(long now, int waitMs) {
        return countedFrom(now) + waitMs + wheelDelayMs();
    }

    /**
     * With a timer already running, Linux keeps the earlier of the two deadlines, and sends the ACK at once when the
     * running one is due within a quarter of the new wait (tcp_send_delayed_ack: its deadline in jiffies, one tick
     * before the wheel runs it, against jiffies + ato / 4). The RFC's fixed wait keeps the timer.
     */
    boolean sendsAtOnce(long runningFiresAt, long now, int waitMs) {
        int quarterMs = (waitMs / LINUX_TICK_MS >> 2) * LINUX_TICK_MS;
        return adapts && runningFiresAt - wheelDelayMs() <= countedFrom(now) + quarterMs;
    }

    /** Where a wait is counted from: the start of the current tick on the tick grid, else the moment itself. */
    private long countedFrom(long now) {
        return firesOnTick ? tickOf(now) * LINUX_TICK_MS : now;
    }

    /** How much later than its deadline the timer runs: one tick on the grid (the wheel's rounding up). */
    private int wheelDelayMs() {
        return firesOnTick ? LINUX_TICK_MS : 0;
    }

    /**
     * The timer sent the ACK the peer waited for (tcp_delack_timer_handler): outside ping-pong mode ato doubles (at most
     * the RTO); in it, the connection leaves ping-pong mode and ato falls back to its minimum.
     *
     * @return whether ping-pong mode ends
     */
    boolean timerSentAck(boolean pingPong, int rto) {
        if (!adapts) {
            return false;
        }
        if (pingPong) {
            ato = minimum;
            return true;
        }
        ato = Math.min(ato << 1, ticks(rto));
        return false;
    }

    /**
     * ato falls back to its minimum: when the last quick ACK was sent (tcp_dec_quickack_mode() in include/net/tcp.h:
     * "Leaving quickack mode we deflate ATO"), so the first delayed ACK after the quick ones waits about 40 ms again
     * (quick-ack-after-idle capture: 50 and 48 ms after 30 ms gaps, where ato had grown to 14 ticks), and when quick-ACK
     * mode is entered (tcp_enter_quickack_mode()).
     */
    void atoToMinimum() {
        if (adapts) {
            ato = minimum;
        }
    }

    /** The tick (jiffy) a moment falls in, counted from the simulation's start. */
    private static long tickOf(long now) {
        return Math.floorDiv(now, LINUX_TICK_MS);
    }

    /** msecs_to_jiffies and usecs_to_jiffies round up. */
    private static int ticks(int ms) {
        return (ms + LINUX_TICK_MS - 1) / LINUX_TICK_MS;
    }
}
