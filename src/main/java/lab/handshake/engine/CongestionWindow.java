package lab.handshake.engine;

/**
 * The sender's congestion window (RFC 9293 §3.8.2, MUST-19: congestion control per RFC 5681): besides the peer's
 * window, it bounds what may be in flight. It starts at the profile's initial window when the connection is
 * established ({@link Profile#initialCongestionWindow}; Linux tcp_init_transfer), grows in slow start with every
 * ACK of new data ({@link Profile#slowStartIncrease}; Linux tcp_slow_start) up to ssthresh and in congestion
 * avoidance above it ({@link Profile#congestionAvoidance}: RFC 5681 §3.1, one segment a round trip; Linux CUBIC), goes
 * back to the restart window after the sender has been idle for longer than the RTO ({@link Profile#restartWindow};
 * RFC 5681 §4.1, Linux tcp_cwnd_restart), and down to one segment, the loss window, when the retransmission timer
 * fires, with ssthresh lowered once per loss ({@link Profile#ssthreshAfterLoss}; RFC 5681 §3.1 eq. 4, Linux
 * tcp_enter_loss). A loss found without the timer (RACK, from SACK blocks; without SACK, the third duplicate ACK)
 * starts fast recovery: ssthresh is lowered the same way, and until everything that was outstanding then is
 * acknowledged the window follows Proportional Rate Reduction (RFC 6937; Linux tcp_cwnd_reduction), then it is ssthresh
 * (Linux tcp_end_cwnd_reduction). An ACK with ECE (RFC 3168 §6.1.2) reduces the window once per window of data
 * ({@link #enterCwr}): Linux as in fast recovery, by PRR until what was in flight is acknowledged (the CWR state), the
 * RFC at once by half. A Linux host that chose BBR ({@link TcpParams#congestionControl}) runs {@link Bbr}
 * on every ACK outside recovery instead of slow start and congestion avoidance, and its window does not restart after
 * idle.
 *
 * <p>Bytes throughout. Linux counts segments (snd_cwnd, packets in flight), so for it the flight is measured as its
 * segments times the MSS ({@link Profile#countsFlightInSegments}), and the window and ssthresh keep their number of
 * segments when the MSS changes ({@link #countIn}). CUBIC's HyStart may end slow start early ({@link #sampled}). Not
 * modelled: RFC 5681 §3.2's window inflation (Linux reduces the window by PRR with or without SACK, and the engine does
 * as Linux), the undoing of a reduction that D-SACKs show was needless
 * (Linux tcp_try_undo_dsack) or of a timeout's (tcp_try_undo_loss), and the smaller window after a lost SYN or SYN,ACK
 * (RFC 5681 §3.1). A fast recovery's reduction that timestamps show was needless is undone ({@link #undoReduction}).
 */
final class CongestionWindow {
    private final Profile profile;
    private final CongestionAvoidance avoidance;
    /** cwnd in bytes; 0 until the connection is established. */
    private int cwnd;
    /** ssthresh in bytes: arbitrarily high at first (RFC 5681 §3.1). */
    private int ssthresh = Integer.MAX_VALUE;
    /** ssthresh is the window at which CUBIC's HyStart ended slow start, not a loss's (for the sends' explanation). */
    private boolean setByHyStart;
    /** When data was last sent (Linux lsndtime); -1 before any. */
    private long lastSentAt = -1;
    /** The largest flight since the window was last set, in the profile's measure (Linux max_packets_out). */
    private int largestFlight;
    /** The reduction under way, if any (Linux icsk_ca_state's TCP_CA_CWR and TCP_CA_Recovery). */
    private Reduction reduction = Reduction.NONE;
    /** SND.NXT when the reduction began (RFC 6675's RecoveryPoint, Linux high_seq): its ACK ends it. */
    private int recoveryPoint;
    /** Whether the reduction lasts until an ACK beyond the recovery point, not at it: without SACK, and in CWR ({@link #recoveringAt}). */
    private boolean holdsAtRecoveryPoint;
    /** PRR's RecoverFS (RFC 6937 §3; Linux prior_cwnd), in the profile's units: the window when the reduction began. */
    private int priorCwnd;
    /** The ssthresh an undo of this recovery restores (Linux prior_ssthresh, tcp_current_ssthresh when it began). */
    private int priorSsthresh;
    /** PRR's prr_delivered and prr_out, in the profile's units (segments for Linux, bytes for the RFC). */
    private int prrDelivered;
    private int prrOut;
    /** The MSS the window's bytes are counted in; 0 before the first. */
    private int unit;

    /** The host's congestion control, CUBIC where the profile honours no choice ({@link Profile#runsCongestionControl}). */
    private final CongestionControl control;
    /** BBR's state from the connection's start, for a host that runs it; null otherwise. */
    private Bbr bbr;

    CongestionWindow(Profile profile) {
        this(profile, CongestionControl.CUBIC);
    }

    CongestionWindow(Profile profile, CongestionControl control) {
        this.profile = profile;
        this.avoidance = profile.congestionAvoidance();
        this.control = profile.runsCongestionControl(control) ? control : CongestionControl.CUBIC;
    }

    /**
     * The connection is established at {@code now} with SND.NXT {@code sndNxt}: the initial window (RFC 5681 §3.1;
     * RFC 6928's ten segments for Linux), and the congestion control's start (tcp_init_transfer →
     * tcp_init_congestion_control: bbr_init, or cubictcp_init, whose HyStart round lasts until sndNxt is acknowledged).
     */
    void start(int mss, long now, int sndNxt) {
        unit = mss;
        cwnd = profile.initialCongestionWindow(mss);
        if (control == CongestionControl.BBR) {
            bbr = new Bbr(cwnd / mss, mss);
        } else {
            avoidance.started(now, sndNxt);
        }
    }

    /**
     * An ACK that moved SND.UNA to {@code sndUna} gave a round-trip sample of {@code rttMs} (Linux tcp_clean_rtx_queue
     * → pkts_acked, before the window grows): CUBIC's HyStart may end slow start, ssthresh becoming the window
     * (hystart_update), so that this ACK already grows it in congestion avoidance ({@link Cubic#endsSlowStart}).
     */
    void sampled(int rttMs, int sndUna, int sndNxt, long now) {
        if (cwnd == 0 || bbr != null) {
            return;
        }
        if (avoidance.endsSlowStart(rttMs, cwnd / unit, cwnd < ssthresh, sndUna, sndNxt, now)) {
            ssthresh = cwnd;
            setByHyStart = true;
        }
    }

    /** Whether ssthresh is where CUBIC's HyStart ended slow start (no loss has lowered it since). */
    boolean slowStartEndedByHyStart() {
        return setByHyStart;
    }

    /**
     * The application writes ({@link Bbr#applicationWrites}: BBR's samples tell a flight the application left short);
     * {@code unsentBytes} queued and not sent, {@code packetsOut} in flight.
     */
    void applicationWrites(long unsentBytes, int mss, int packetsOut) {
        if (bbr != null) {
            bbr.applicationWrites(unsentBytes, mss, packetsOut, cwnd / mss);
        }
    }

    /** The BBR state of a host that chose it; null otherwise. */
    Bbr bbr() {
        return bbr;
    }

    /**
     * The MSS is now {@code mss}. Linux keeps snd_cwnd and snd_ssthresh in packets (tcp_slow_start adds the packets
     * acknowledged, tcp_cwnd_test compares them with tcp_packets_in_flight), whatever each packet's size, so when the
     * MSS changes (tcp_sync_mss: tcp_bound_to_half_wnd as the peer's largest window grows) the window keeps its
     * number of segments, not its bytes, and so does the largest flight (max_packets_out). RFC 5681 counts bytes,
     * which an MSS change leaves as they are.
     */
    private void countIn(int mss) {
        if (profile.countsFlightInSegments() && unit != 0 && mss != unit) {
            cwnd = cwnd / unit * mss;
            largestFlight = largestFlight / unit * mss;
            if (ssthresh != Integer.MAX_VALUE) {
                ssthresh = ssthresh / unit * mss;
            }
        }
        unit = mss;
    }

    /**
     * How many bytes more the window lets into flight (unbounded before the connection is established). Less than a
     * segment is none: what is left waits for the next ACK rather than leave as a small segment (sender SWS avoidance,
     * RFC 9293 §3.8.6.2.1; RFC 5681's 4380 bytes are three segments of 1448 and 36 bytes).
     *
     * @param flightBytes    SND.NXT - SND.UNA (RFC 5681's FlightSize)
     * @param flightSegments the segments sent and not yet acknowledged or SACKed
     */
    int room(int flightBytes, int flightSegments, int mss) {
        if (cwnd == 0) {
            return Integer.MAX_VALUE;
        }
        countIn(mss);
        int left = cwnd - flight(flightBytes, flightSegments, mss);
        return left < mss ? 0 : left;
    }

    /**
     * A segment of {@code len} bytes of data was sent; the flight after it (Linux tcp_event_data_sent,
     * tcp_cwnd_validate). In recovery it counts as PRR's prr_out (RFC 6937 §3).
     */
    void sent(long now, int len, int flightBytes, int flightSegments, int mss) {
        sent(now, 0, len, flightBytes, flightSegments, mss);
    }

    /** The same, for a segment that ends at {@code end}: BBR's delivery-rate samples start from it ({@link Bbr#sent}). */
    void sent(long now, int end, int len, int flightBytes, int flightSegments, int mss) {
        countIn(mss);
        if (bbr != null) {
            bbr.sent(end, now, flightSegments - 1);
        }
        lastSentAt = now;
        largestFlight = Math.max(largestFlight, flight(flightBytes, flightSegments, mss));
        if (inReduction()) {
            prrOut += units(len, 1);
        }
    }

    /**
     * An ACK of new data up to {@code ack}, which newly delivered {@code bytes} in {@code segments} (not counting what
     * was SACKed before). In fast recovery nothing grows until the ACK covers the recovery point, which ends recovery
     * with the window at ssthresh (RFC 6937 §3: "cwnd = ssthresh"; Linux tcp_end_cwnd_reduction); without SACK only an
     * ACK beyond it does ({@link #recoveringAt}). Then slow start up
     * to ssthresh and congestion avoidance above it. Linux grows the window only while the flight has used it, that is
     * while it is below twice the largest flight (tcp_is_cwnd_limited); RFC 5681 on every such ACK.
     */
    void acked(int ack, int bytes, int segments, int mss, long now, int minRtt) {
        acked(ack, bytes, segments, mss, now, minRtt, -1, -1, 0);
    }

    /**
     * The same, for a host that chose BBR ({@link Bbr}: bbr_main takes every ACK in place of slow start and congestion
     * avoidance, outside recovery).
     *
     * @param minRttUs   the smallest round trip measured, µs; -1 while none was
     * @param srttUs     the smoothed round trip, µs; -1 while none was
     * @param packetsOut the segments still in flight after this ACK
     */
    void acked(int ack, int bytes, int segments, int mss, long now, int minRtt, long minRttUs, long srttUs, int packetsOut) {
        if (cwnd == 0) {
            return;
        }
        countIn(mss);
        if (bbr != null && !inRecovery()) {
            if (reduction == Reduction.CWR && !recoveringAt(ack)) {
                reduction = Reduction.NONE;
            }
            cwnd = bbr.acked(ack, segments, cwnd / mss, packetsOut, mss, now, minRttUs, srttUs) * mss;
            return;
        }
        grow(ack, bytes, segments, mss, now, minRtt);
        if (bbr == null) {
            // tcp_cong_control → tcp_update_pacing_rate, which HyStart's ACK delay reads on the next ACK.
            avoidance.paced(cwnd / mss, ssthresh == Integer.MAX_VALUE ? Integer.MAX_VALUE : ssthresh / mss, packetsOut, mss, srttUs);
        }
    }

    /**
     * Without SACK, a duplicate ACK that a timeout's loss counts as a segment held beyond the gap delivered that
     * segment (Linux tcp_add_reno_sack → tcp_count_delivered). A host that runs BBR grows its window by it as by any
     * delivery (bbr_main takes every ACK's rs->acked_sacked; bbr_set_cwnd), where the RFC 5681 rule, CUBIC's, grows
     * only on data acknowledged (tcp_may_raise_cwnd: FLAG_DATA_ACKED).
     *
     * @param ack        SND.UNA, which the duplicate ACK acknowledges again
     * @param packetsOut the segments in flight after it
     */
    void deliveredBeyondTheGap(int ack, int mss, long now, long minRttUs, long srttUs, int packetsOut) {
        if (cwnd == 0 || bbr == null || inRecovery()) {
            return;
        }
        countIn(mss);
        cwnd = bbr.acked(ack, 1, cwnd / mss, packetsOut, mss, now, minRttUs, srttUs) * mss;
    }

    /** Recovery's end, slow start or congestion avoidance for an ACK of new data ({@link #acked}). */
    private void grow(int ack, int bytes, int segments, int mss, long now, int minRtt) {
        if (inReduction()) {
            if (recoveringAt(ack)) {
                return;
            }
            endReduction();
        }
        if (profile.growsCongestionWindowOnlyWhenUsed() && cwnd >= 2 * largestFlight) {
            return;
        }
        int avoidBytes = bytes;
        int avoidSegments = segments;
        if (cwnd < ssthresh) {
            int before = cwnd;
            cwnd = (int) Math.min((long) cwnd + profile.slowStartIncrease(bytes, segments, mss), ssthresh);
            if (cwnd < ssthresh || !profile.carriesSlowStartRemainderIntoAvoidance()) {
                return;
            }
            // Linux tcp_slow_start: what reaching ssthresh did not use goes on to congestion avoidance.
            avoidSegments -= (cwnd - before) / mss;
            avoidBytes -= cwnd - before;
            if (avoidSegments <= 0) {
                return;
            }
        }
        cwnd = avoidance.grow(cwnd, avoidBytes, avoidSegments, mss, now, minRtt);
    }

    /**
     * New data is about to be sent with nothing in flight: after an idle time longer than the RTO the window
     * restarts (RFC 5681 §4.1; Linux tcp_slow_start_after_idle_check at the write).
     */
    void restartIfIdle(long now, int rto, int mss) {
        countIn(mss);
        if (bbr != null) {
            // tcp_slow_start_after_idle_check returns for a module with its own cong_control (BBR).
            return;
        }
        long idle = now - lastSentAt;
        if (cwnd > 0 && lastSentAt >= 0 && idle > rto) {
            cwnd = profile.restartWindow(cwnd, idle, rto, mss);
            largestFlight = 0;
        }
    }

    /**
     * The retransmission timer fired: one segment may be in flight (the loss window), and ssthresh is lowered for the
     * first timeout of a loss only (RFC 5681 §3.1: "no more than ... once", Linux tcp_enter_loss), not again for a loss
     * fast recovery or an ECE already lowered it for (tcp_enter_loss: high_seq still ahead). Recovery ends; CUBIC forgets what
     * it learnt, and HyStart watches a new round (cubictcp_state: bictcp_reset, bictcp_hystart_reset).
     */
    void timedOut(boolean firstOfLoss, int flightBytes, int mss, long now, int sndNxt) {
        if (cwnd == 0) {
            return;
        }
        countIn(mss);
        if (firstOfLoss && !inReduction()) {
            ssthresh = profile.ssthreshAfterLoss(cwnd, flightBytes, mss);
            setByHyStart = false;
        }
        cwnd = mss;
        largestFlight = 0;
        reduction = Reduction.NONE;
        avoidance.reset(now, sndNxt);
    }

    /**
     * A loss was found without the timer (RACK; without SACK, three duplicate ACKs): fast recovery begins, unless it is
     * on already (RFC 6675 §5 step 4.2, RFC 6582 §3.2, RFC 6937 §3; Linux tcp_enter_recovery,
     * tcp_init_cwnd_reduction). ssthresh is lowered as after a timeout, the window is kept as PRR's RecoverFS, and
     * recovery lasts until {@code sndNxt} is acknowledged, or without SACK until more than that is. Begun during an
     * ECE's reduction, recovery goes on with it (tcp_enter_recovery: no tcp_init_cwnd_reduction while
     * tcp_in_cwnd_reduction), and nothing of it can be undone (prior_ssthresh 0).
     *
     * @return whether a reduction began (tcp_init_cwnd_reduction ran)
     */
    boolean enterRecovery(int sndNxt, int flightBytes, int mss, boolean withoutSack) {
        if (cwnd == 0 || inRecovery()) {
            return false;
        }
        countIn(mss);
        if (reduction == Reduction.CWR) {
            reduction = Reduction.RECOVERY;
            holdsAtRecoveryPoint |= withoutSack;
            priorSsthresh = 0;
            return false;
        }
        // tcp_current_ssthresh: the larger of ssthresh and three quarters of the window (in segments).
        int segments = cwnd / mss;
        priorSsthresh = Math.max(ssthresh, ((segments >> 1) + (segments >> 2)) * mss);
        beginReduction(Reduction.RECOVERY, sndNxt, withoutSack, flightBytes, mss);
        return true;
    }

    /**
     * An ACK with ECE arrived (RFC 3168 §6.1.2: "treated just as a congestion loss", once per window of data) while
     * {@code ack} is SND.UNA after it: unless a reduction is on, one begins, and the caller queues CWR. Linux
     * tcp_fastretrans_alert ends a CWR state the ACK has passed, then tcp_try_to_open → tcp_enter_cwr →
     * tcp_init_cwnd_reduction: high_seq = SND.NXT, prior_cwnd the window, ssthresh CUBIC's 717/1024 of it
     * (cubictcp_recalc_ssthresh), and until an ACK beyond high_seq, PRR on every ACK (tcp_cong_control →
     * tcp_cwnd_reduction; {@link #reduce}), then the window is ssthresh (tcp_end_cwnd_reduction). The RFC halves it at
     * once (ssthresh as after a loss, RFC 5681 eq. 4, and the window to it) and holds it until then. A host that runs
     * BBR keeps its window (bbr_ssthresh keeps ssthresh, tcp_cong_control hands the ACK to bbr_main), its CWR state
     * only saying that the reduction was made.
     *
     * @return whether a reduction began
     */
    boolean enterCwr(int ack, int sndNxt, int flightBytes, int mss) {
        if (cwnd == 0) {
            return false;
        }
        countIn(mss);
        if (reduction == Reduction.CWR && !recoveringAt(ack)) {
            endReduction();
        }
        if (inReduction()) {
            return false;
        }
        beginReduction(Reduction.CWR, sndNxt, true, flightBytes, mss);
        if (!profile.reducesGraduallyAfterEcnEcho()) {
            cwnd = ssthresh;
        }
        return true;
    }

    /** tcp_init_cwnd_reduction: the point that ends it, PRR's counts from zero, ssthresh from the congestion control. */
    private void beginReduction(Reduction kind, int sndNxt, boolean holds, int flightBytes, int mss) {
        reduction = kind;
        recoveryPoint = sndNxt;
        holdsAtRecoveryPoint = holds;
        priorCwnd = units(cwnd, cwnd / mss);
        prrDelivered = 0;
        prrOut = 0;
        if (bbr == null) {
            ssthresh = profile.ssthreshAfterLoss(cwnd, flightBytes, mss);
            setByHyStart = false;
            avoidance.reduced(cwnd, mss);
        }
    }

    /** tcp_end_cwnd_reduction: the window is ssthresh (a BBR host's is BBR's). */
    private void endReduction() {
        if (bbr == null) {
            cwnd = ssthresh;
        }
        reduction = Reduction.NONE;
    }

    /**
     * The reduction of this fast recovery was needless: what it took for lost had only been held back (Linux
     * tcp_undo_cwnd_reduction, from tcp_try_undo_partial and tcp_try_undo_recovery). Recovery ends, the window is at
     * least what it was when recovery began and ssthresh what it was then (CUBIC's tcp_reno_undo_cwnd: max(snd_cwnd, prior_cwnd); prior_ssthresh). Not
     * the reduction of a recovery that began in an ECE's (prior_ssthresh 0: tcp_undo_cwnd_reduction leaves the window). CUBIC's own state, which
     * the loss changed (cubictcp_recalc_ssthresh), stays changed, as the kernel's does.
     */
    void undoReduction(int mss) {
        if (!inRecovery()) {
            return;
        }
        countIn(mss);
        if (priorSsthresh > 0) {
            cwnd = Math.max(cwnd, profile.countsFlightInSegments() ? priorCwnd * mss : priorCwnd);
            ssthresh = Math.max(ssthresh, priorSsthresh);
        }
        reduction = Reduction.NONE;
    }

    /**
     * A tail loss probe that sent a segment again repaired a loss (RFC 8985 §7.4.2; Linux tcp_process_tlp_ack): the
     * window comes down once, at once, to ssthresh lowered as for a loss (tcp_init_cwnd_reduction, then
     * tcp_end_cwnd_reduction in CWR sets cwnd to ssthresh), and grows from there in congestion avoidance. A host that
     * runs BBR keeps its window (tcp_end_cwnd_reduction returns for a cong_control module).
     */
    void reduceAfterRepairedProbe(int mss) {
        if (cwnd == 0 || bbr != null || inReduction()) {
            return;
        }
        countIn(mss);
        ssthresh = profile.ssthreshAfterLoss(cwnd, cwnd, mss);
        setByHyStart = false;
        avoidance.reduced(cwnd, mss);
        cwnd = ssthresh;
    }

    /**
     * Proportional Rate Reduction (RFC 6937 §3, Linux tcp_cwnd_reduction) on an ACK in recovery (or Linux's CWR) that delivered
     * something (acknowledged or SACKed): while the flight is above ssthresh, what may be sent keeps to ssthresh /
     * RecoverFS of what has been delivered since recovery began, so that the flight falls to ssthresh by the end of
     * it; at or below ssthresh it may grow back to ssthresh, by what was delivered (PRR-SSRB; Linux one segment more
     * when SND.UNA advanced and nothing was newly lost). The first ACK always lets one segment go: the retransmission
     * that starts recovery. The window becomes the flight plus that.
     *
     * @param unaAdvanced whether this ACK moved SND.UNA and marked nothing newly lost (Linux FLAG_SND_UNA_ADVANCED)
     */
    void reduce(int deliveredBytes, int deliveredSegments, boolean unaAdvanced, int flightBytes, int flightSegments, int mss) {
        countIn(mss);
        int delivered = units(deliveredBytes, deliveredSegments);
        boolean prrRuns = inRecovery() || reduction == Reduction.CWR && bbr == null && profile.reducesGraduallyAfterEcnEcho();
        if (!prrRuns || delivered <= 0) {
            return;
        }
        int unit = units(mss, 1);
        int flight = units(flightBytes, flightSegments);
        int threshold = units(ssthresh, ssthresh / mss);
        prrDelivered += delivered;
        int sendCount;
        if (flight > threshold) {
            sendCount = (int) (((long) threshold * prrDelivered + priorCwnd - 1) / priorCwnd) - prrOut;
        } else {
            sendCount = Math.min(threshold - flight,
                    Math.max(prrDelivered - prrOut, delivered) + (unaAdvanced ? unit : 0));
        }
        sendCount = Math.max(sendCount, prrOut == 0 ? unit : 0);
        cwnd = profile.countsFlightInSegments() ? (flight + sendCount) * mss : flight + sendCount;
    }

    /** Fast recovery (Linux TCP_CA_Recovery). */
    boolean inRecovery() {
        return reduction == Reduction.RECOVERY;
    }

    /** Fast recovery or an ECE's reduction (Linux tcp_in_cwnd_reduction). */
    boolean inReduction() {
        return reduction != Reduction.NONE;
    }

    /** In an ECE's reduction (Linux TCP_CA_CWR). */
    boolean inCwr() {
        return reduction == Reduction.CWR;
    }

    /**
     * Whether the reduction goes on after an ACK up to {@code ack}: it is below the recovery point (RFC 6582's partial
     * acknowledgment), or at it without SACK: Linux holds recovery until something above it is acknowledged, "to
     * prevent false fast retransmits (RFC2582)" (tcp_is_non_sack_preventing_reopen), and the window stays PRR's; and
     * the CWR state so, "for CWR bit to reach receiver" (tcp_fastretrans_alert).
     */
    boolean recoveringAt(int ack) {
        return inReduction() && (Seq.lt(ack, recoveryPoint) || holdsAtRecoveryPoint && ack == recoveryPoint);
    }

    /** An ACK in fast recovery below its recovery point (RFC 6582 §3.2: a partial acknowledgment). */
    boolean isPartialAck(int ack) {
        return inRecovery() && Seq.lt(ack, recoveryPoint);
    }

    int bytes() {
        return cwnd;
    }

    int ssthresh() {
        return ssthresh;
    }

    /** The window in segments, as Linux keeps snd_cwnd. */
    int segments() {
        return unit == 0 ? 0 : cwnd / unit;
    }

    /** ssthresh in segments, Integer.MAX_VALUE while the initial slow start lasts (Linux TCP_INFINITE_SSTHRESH). */
    int ssthreshSegments() {
        return ssthresh == Integer.MAX_VALUE || unit == 0 ? Integer.MAX_VALUE : ssthresh / unit;
    }

    /**
     * Linux tcp_init_metrics: the ssthresh the host's TCP metrics keep for the peer ({@code segments}); slow start
     * ends there. tcp_init_metrics clamps it to snd_cwnd_clamp, which is unlimited unless a route locks the window.
     */
    void startFromKeptSsthresh(int segments) {
        ssthresh = segments * unit;
    }

    private int flight(int flightBytes, int flightSegments, int mss) {
        return profile.countsFlightInSegments() ? flightSegments * mss : flightBytes;
    }

    /** A quantity in the profile's units: segments for Linux, bytes for the RFC. */
    private int units(int bytes, int segments) {
        return profile.countsFlightInSegments() ? segments : bytes;
    }

    /** Linux icsk_ca_state's reducing states: the window comes down by PRR in both (tcp_in_cwnd_reduction). */
    private enum Reduction {
        NONE,
        /** After an ECE (TCP_CA_CWR). */
        CWR,
        /** Fast recovery (TCP_CA_Recovery). */
        RECOVERY
    }
}
