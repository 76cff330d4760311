package lab.handshake.engine;

import java.util.OptionalInt;
import java.util.OptionalLong;
import lab.handshake.engine.trace.WireNamed;

/**
 * Which TCP the simulation behaves like. {@link #RFC9293} is the textbook; {@link #LINUX} is what a
 * Linux 6.x kernel does with its default sysctls (see docs/linux-captures.md for the captures it was checked
 * against). Each behaviour where the two differ is a named method here, so the state machine never tests the
 * profile itself.
 */
public enum Profile implements WireNamed {
    RFC9293("rfc9293"),
    LINUX("linux");

    private final String wireName;

    Profile(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Profile parse(String text) {
        return WireNamed.parse(values(), text, "profile");
    }

    /** The profile's own value of every tunable. */
    public TcpParams defaults() {
        return switch (this) {
            // RFC 9293: MSL 2 min (§3.4.2); RTO 1 s, never below 1 s, at most 60 s (RFC 6298);
            // SYN retried for at least 3 minutes (§3.8.3 MUST-20): 7 retries reach 183 s with a 60 s cap.
            case RFC9293 -> TcpParams.builder().build();
            // Linux 6.x: TCP_TIMEWAIT_LEN 60 s; TCP_TIMEOUT_INIT 1 s, TCP_RTO_MIN 200 ms, TCP_RTO_MAX 120 s;
            // tcp_syn_retries 6 with tcp_syn_linear_timeouts 4, tcp_synack_retries 5, tcp_retries2 15; TCP_DELACK_MIN 40 ms and
            // TCP_MAX_QUICKACKS 16; tcp_fin_timeout 60 s; tcp_syncookies 1. Receive space 65536 (half of
            // tcp_rmem[1] = 131072), autotuned (tcp_moderate_rcvbuf 1); tcp_sack, tcp_timestamps and
            // tcp_window_scaling 1, shift 10 from tcp_rmem[2] = 32 MiB (three-way-handshake-defaults capture); tcp_ecn 2.
            case LINUX -> TcpParams.builder()
                    .mslMs(30_000).timeWaitMs(60_000)
                    .minRtoMs(200).maxRtoMs(120_000)
                    .synRetries(6).synLinearTimeouts(4).synAckRetries(5).dataRetries(15)
                    .delayedAck(true).delayedAckMs(40).quickAcks(16)
                    .finWait2TimeoutMs(60_000)
                    .synCookies(SynCookieMode.ON_OVERFLOW)
                    .window(65_536).moderateRcvbuf(true)
                    .sack(true).timestamps(true).windowScaling(true).windowScale(10)
                    .ecn(2)
                    .build();
        };
    }

    /**
     * Whether the round-trip time and the RTO follow Linux's estimator (tcp_rtt_estimator, __tcp_set_rto: the variance
     * term the largest deviation of a round, at least 200 ms, the RTO in whole ticks) rather than RFC 6298's formulas
     * with the RTO at least 1 s: {@link RoundTripEstimator}.
     */
    public boolean estimatesRoundTripAsLinux() {
        return this == LINUX;
    }

    /**
     * Whether a host keeps what a connection measured for the next one to the same address (Linux's TCP metrics,
     * net/ipv4/tcp_metrics.c): tcp_update_metrics stores the smoothed RTT when a connection ends in TIME-WAIT or
     * LAST-ACK, and tcp_init_metrics starts the next one's RTO from it when it exceeds the handshake's
     * (docs/linux-captures.md §136). RFC 9293 and RFC 6298 start every connection afresh.
     */
    public boolean keepsRoundTripPerDestination() {
        return this == LINUX;
    }

    /**
     * Whether the sender finds a lost segment by time once a later one is SACKed (RFC 8985 RACK, Linux's default
     * tcp_recovery 1) and sends it again before the RTO. RFC 9293 leaves loss to the retransmission timeout (§3.8.1);
     * the captures of one lost segment among four show the kernel acting on the second duplicate ACK's SACK, by time
     * (data-segment-lost).
     */
    public boolean detectsLossByRack() {
        return this == LINUX;
    }

    /**
     * Whether a fast recovery whose retransmission proves needless is undone: the ACK echoes a timestamp older than the
     * first copy sent, so what it acknowledges arrived as first sent, held back, not lost, and no copy is still out
     * (Linux tcp_try_undo_partial, tcp_try_undo_recovery → tcp_undo_cwnd_reduction). RFC 5681 and RFC 6675 keep the
     * reduction.
     */
    public boolean undoesNeedlessRecovery() {
        return this == LINUX;
    }

    /**
     * Whether the segments an ACK newly SACKs grow the congestion window as acknowledged ones do, given how far out of
     * order the peer was seen to take segments ({@code reorderingDegree}, Linux tp->reordering): once that exceeds
     * net.ipv4.tcp_reordering (3), "If reordering is high then always grow cwnd whenever data is delivered regardless
     * of its ordering" (tcp_may_raise_cwnd: FLAG_FORWARD_PROGRESS; tcp_cong_avoid with acked_sacked). RFC 5681 §3.1
     * grows the window on ACKs of new data only.
     */
    public boolean growsWindowOnSackedData(int reorderingDegree) {
        return this == LINUX && reorderingDegree > DUPLICATE_ACK_THRESHOLD;
    }

    /**
     * Whether a receiver, once it has sent three duplicate ACKs (TCP_FASTRETRANS_THRESH) for one RCV.NXT, holds the
     * ACKs of further out-of-order segments and sends one for all of them at most 1 ms later, or at once when 44 wait
     * or an ACK goes anyway (Linux __tcp_ack_snd_check, tcp_comp_sack_*; download-one-loss-defaults:
     * TcpExtTCPAckCompressed 20, no duplicate ACK before the retransmission filled the hole). RFC 5681 §4.2 asks for
     * an immediate duplicate ACK for each.
     */
    public boolean compressesSackAcks() {
        return this == LINUX;
    }

    /**
     * Whether a retransmission timeout is put to F-RTO's test (RFC 5682 §3.1; Linux net.ipv4.tcp_frto, 2 by default:
     * tcp_enter_loss sets tp->frto, tcp_process_loss steps 2.b and 3.a): once the timeout's retransmission is
     * acknowledged, new data goes before the other lost segments, and a duplicate ACK for it says the loss was real
     * (veth-no-sack-loss-server-1). RFC 5682 is Experimental; RFC 9293 leaves recovery after a timeout to RFC 5681.
     */
    public boolean testsTimeoutsByFrto() {
        return this == LINUX;
    }

    /**
     * Whether a sender without SACK recovers from duplicate ACKs: each takes a segment out of the flight, the third sends
     * the first unacknowledged segment again and starts fast recovery, a partial ACK sends the next (RFC 5681 §3.2 fast
     * retransmit, RFC 6582 NewReno, with PRR's window; Linux tcp_add_reno_sack, tcp_newreno_mark_lost;
     * data-fast-retransmit-no-sack, download-one-loss-no-sack). The rfc9293 profile is RFC 9293 alone, which leaves
     * loss to the retransmission timeout (§3.8.1); RFC 5681 is a spec of its own.
     */
    public boolean fastRetransmitsOnDuplicateAcks() {
        return this == LINUX;
    }

    /**
     * Whether an ACK that acknowledges only segments sent more than once still gives a round-trip sample, measured
     * from the TSecr it carries when timestamps are in use: now less the TSval it echoes, that of the transmission it
     * answers, a difference of 0 counting as one tick of the timestamp clock (1 ms). Karn's algorithm (RFC 6298 §3)
     * forbids the sample from the ACK's timing, and RFC 6298 (5.7) then starts data with an RTO of 3 s when the SYN
     * or SYN,ACK had to be sent again; RFC 7323 §4.1 (RTTM) lets a TSecr measure any ACK that advances the left edge
     * of the window. Linux does that for every acknowledgement, the SYN's and SYN,ACK's included:
     * tcp_ack_update_rtt in net/ipv4/tcp_input.c takes tcp_rtt_tsopt_us when tcp_clean_rtx_queue left no sample
     * (FLAG_RETRANS_DATA_ACKED) for data, a FIN and the SYN (tcp_rcv_synsent_state_process → tcp_ack), and when
     * tcp_synack_rtt_meas has none for a retransmitted SYN,ACK (tcp_rcv_state_process in SYN-RECV); so
     * tcp_init_metrics (net/ipv4/tcp_metrics.c) finds an srtt and its TCP_TIMEOUT_FALLBACK of 3 s applies only
     * without timestamps (captures syn-lost-data-lost-defaults and syn-ack-lost-data-lost-defaults,
     * docs/linux-captures.md §50). The textbook keeps Karn's rule and the 3 s.
     */
    public boolean samplesRttFromTimestampEcho() {
        return this == LINUX;
    }

    /**
     * Whether the sender probes for a lost tail before the RTO (RFC 8985 §7, Linux tcp_early_retrans 3 with SACK):
     * the RFC's sender waits for its retransmission timeout (data-tail-lost shows the kernel's probe).
     */
    public boolean probesTailLoss() {
        return this == LINUX;
    }

    /**
     * RACK's reordering window (Linux tcp_rack_reo_wnd, RFC 8985 §6.2 step 4): a quarter of the smallest round trip,
     * at most the smoothed one (none before any round trip was measured); none once as many segments as the degree of
     * reordering ({@code reordering}, Linux tp->reordering: the duplicate-ACK threshold, 3, unless measured or kept
     * from an earlier connection by tcp_init_metrics) are SACKed, unless the peer was seen to reorder in this
     * connection ({@code reorderingSeen}, Linux tp->reord_seen): then the window stays.
     */
    public int rackReorderingWindowMs(int minRtt, int srtt, int sacked, int reordering, boolean reorderingSeen) {
        return sacked >= reordering && !reorderingSeen ? 0 : Math.max(0, Math.min(minRtt / 4, srtt));
    }

    /**
     * RACK's reordering timer for a segment that becomes lost in {@code waitMs}. Linux adds TCP_TIMEOUT_MIN_US (2 ms)
     * and counts in whole 4 ms ticks (tcp_rack_mark_lost, usecs_to_jiffies at HZ=250), and its timer wheel fires it at
     * a bucket's end ({@link TimerKind#REORDER}, {@link #timerWheelMs}); the RFC's timer is the wait.
     */
    public int rackTimerMs(int waitMs) {
        return switch (this) {
            case RFC9293 -> waitMs;
            case LINUX -> inTicks(waitMs + LINUX_TIMEOUT_MIN_MS);
        };
    }

    /**
     * The tail loss probe's time-out (RFC 8985 §7.2): two smoothed round trips, plus the minimum RTO when one segment
     * is out (the peer may delay its ACK). Linux adds TCP_TIMEOUT_MIN_US (2 ms) instead when several are out and
     * counts in 4 ms ticks (tcp_schedule_loss_probe: usecs_to_jiffies of srtt_us >> 2 plus the allowance, all in µs, so
     * a smoothed round trip of 1.2 ms gives 4.4 ms and two ticks, not one).
     */
    public int probeTimeoutMs(long srttUs, int segmentsOut, TcpParams params) {
        long allowanceUs = 1_000L * (segmentsOut == 1 ? params.minRtoMs() : this == LINUX ? LINUX_TIMEOUT_MIN_MS : 0);
        long timeoutUs = 2 * srttUs + allowanceUs;
        return switch (this) {
            case RFC9293 -> (int) (timeoutUs / 1_000);
            case LINUX -> (int) ((timeoutUs + LINUX_TICK_US - 1) / LINUX_TICK_US * LINUX_TICK_MS);
        };
    }

    /**
     * How long after {@code now} a timer armed for {@code delayMs} fires: the retransmission timer, and the loss probe
     * and persist timers that take its place ({@link TimerKind#onTimerWheel}). Linux arms it in jiffies
     * (tcp_reset_xmit_timer: jiffies + timeout, the timeout rounded up to whole 4 ms ticks at HZ=250), and its timer
     * wheel files a timer in a bucket of its level, rounding the expiry up to the level's granularity, one bucket later
     * ("Round up with level granularity to prevent" early expiry: calc_index(), calc_wheel_index() in
     * kernel/time/timer.c): a timer due within 63 ticks one tick later, one due within 504 ticks at the next multiple of
     * 8 jiffies, within 4032 of 64, and so on by eight. So the timer fires on a tick boundary, between the timeout and
     * one bucket more after now; where the buckets of the coarser levels lie depends on the jiffies' count,
     * {@code ticksAtStart} at the clock's 0 ({@link TcpEnvironment#wheelTicksAtStart}; docs/linux-captures.md §57, §73,
     * §77). The RFC's timer is the delay.
     */
    public int timerWheelMs(long now, long ticksAtStart, int delayMs) {
        if (this == RFC9293) {
            return delayMs;
        }
        long ticks = (delayMs + LINUX_TICK_MS - 1) / LINUX_TICK_MS;
        long jiffies = Math.floorDiv(now, LINUX_TICK_MS) + ticksAtStart;
        int shift = 0;
        for (long levelEnd = LINUX_WHEEL_LEVEL_0_TICKS; ticks >= levelEnd; levelEnd <<= LINUX_WHEEL_LEVEL_SHIFT) {
            shift += LINUX_WHEEL_LEVEL_SHIFT;
        }
        long bucket = (((jiffies + ticks) >> shift) + 1) << shift;
        return (int) ((bucket - ticksAtStart) * LINUX_TICK_MS - now);
    }

    /**
     * Whether a zero-window probe carries no data and an old sequence number, SND.UNA - 1, which any receiver answers
     * with an ACK and its window, and which can never be taken as data (Linux tcp_write_wakeup, tcp_xmit_probe_skb:
     * "Use a previous sequence"; captures zero-window-probe, zero-window-update-lost). RFC 9293 §3.8.6.1 has the sender
     * "transmit at least one octet of new data (if available)": the textbook probe carries the next octet, which a
     * receiver whose window has opened keeps.
     */
    public boolean probesZeroWindowWithOldSequence() {
        return this == LINUX;
    }

    /**
     * Whether the ACK of a segment that brings only bytes already received reports them as its first SACK block (a
     * D-SACK, RFC 2883 §4), so that the sender learns it sent them again needlessly. RFC 2883 is an optional extension
     * of SACK ("when D-SACK is used") that RFC 9293 does not ask for, so the textbook's ACK carries only the blocks of
     * held data. Linux sends it with tcp_dsack on, the default (tcp_data_queue, or tcp_send_dupack for data older than
     * the last window announced, both calling tcp_dsack_set in net/ipv4/tcp_input.c; data-ack-lost capture).
     */
    public boolean reportsDuplicatesWithDsack() {
        return this == LINUX;
    }

    /**
     * The congestion window a connection starts with, in bytes. RFC 5681 §3.1: min(4 × MSS, max(2 × MSS, 4380)),
     * three segments of 1460. Linux: ten segments (RFC 6928, TCP_INIT_CWND in tcp_init_cwnd; data-slow-start capture).
     */
    public int initialCongestionWindow(int mss) {
        return switch (this) {
            case RFC9293 -> Math.min(4 * mss, Math.max(2 * mss, RFC5681_IW_BYTES));
            case LINUX -> LINUX_INIT_CWND * mss;
        };
    }

    /**
     * Whether the congestion window and the flight are counted in segments, whatever their size (Linux snd_cwnd and
     * tcp_packets_in_flight), rather than in bytes (RFC 5681).
     */
    public boolean countsFlightInSegments() {
        return this == LINUX;
    }

    /**
     * How much an ACK of {@code bytes} new bytes in {@code segments} segments grows the window in slow start. RFC 5681
     * §3.1: at most one SMSS per ACK (min(N, SMSS), RFC 3465's L = 1). Linux: one segment for each segment the ACK
     * acknowledges (tcp_slow_start), so an ACK of two segments adds two (data-slow-start: 10, 20, 40 segments a round).
     */
    public int slowStartIncrease(int bytes, int segments, int mss) {
        return switch (this) {
            case RFC9293 -> Math.min(bytes, mss);
            case LINUX -> segments * mss;
        };
    }

    /**
     * Whether slow start grows the window only while the sender uses it: Linux's tcp_is_cwnd_limited, below twice the
     * largest flight. RFC 5681 grows it with every ACK of new data.
     */
    public boolean growsCongestionWindowOnlyWhenUsed() {
        return this == LINUX;
    }

    /**
     * The window after {@code idleMs} without sending, longer than the RTO (RFC 5681 §4.1). The RFC restarts from
     * RW = min(IW, cwnd). Linux halves the window once for each RTO of the idle time, but not below RW
     * (tcp_cwnd_restart; data-slow-start-after-idle: ten segments again after 1.7 s).
     */
    public int restartWindow(int cwnd, long idleMs, int rto, int mss) {
        int restart = Math.min(initialCongestionWindow(mss), cwnd);
        if (this == RFC9293) {
            return restart;
        }
        int segments = cwnd / mss;
        for (long left = idleMs - rto; left > 0 && segments * mss > restart; left -= rto) {
            segments >>= 1;
        }
        return Math.max(segments * mss, restart);
    }

    /**
     * ssthresh after a loss, found by the retransmission timeout or in fast recovery. RFC 5681 §3.1 eq. 4 (and §3.2
     * step 2): max(FlightSize / 2, 2 × SMSS). Linux's default, CUBIC: 717/1024 of the window, at least two segments
     * (cubictcp_recalc_ssthresh, from tcp_enter_loss and tcp_init_cwnd_reduction).
     */
    public int ssthreshAfterLoss(int cwnd, int flightBytes, int mss) {
        return switch (this) {
            case RFC9293 -> Math.max(flightBytes / 2, 2 * mss);
            case LINUX -> Cubic.ssthresh(cwnd / mss) * mss;
        };
    }

    /**
     * Whether an ECE's reduction (RFC 3168 §6.1.2) comes down by Proportional Rate Reduction until what was in flight
     * is acknowledged, as fast recovery's does (Linux tcp_enter_cwr, tcp_cwnd_reduction in the CWR state,
     * tcp_end_cwnd_reduction), rather than at once: RFC 3168 §6.1.2, "the TCP source halves the congestion window
     * "cwnd" and reduces the slow start threshold "ssthresh"" (ssthresh as after a loss, the window set to it).
     */
    public boolean reducesGraduallyAfterEcnEcho() {
        return this == LINUX;
    }

    /**
     * How this profile's sender grows its window in congestion avoidance, a new one for each connection: RFC 5681
     * §3.1's one segment per round trip, or Linux's CUBIC (tcp_cubic.c; download-one-loss-defaults).
     */
    CongestionAvoidance congestionAvoidance() {
        return switch (this) {
            case RFC9293 -> new CongestionAvoidance.Rfc5681();
            case LINUX -> new Cubic();
        };
    }

    /**
     * Whether a host's choice of congestion control ({@link TcpParams#congestionControl}) is honoured: Linux runs the
     * module chosen (CUBIC or BBR); RFC 9293 asks for RFC 5681 whatever is chosen (§3.8.2, MUST-19).
     */
    public boolean runsCongestionControl(CongestionControl control) {
        return this == LINUX;
    }

    /**
     * Whether a host's TCP Fast Open ({@link TcpParams#fastOpen}, RFC 7413) is run: Linux's (net/ipv4/tcp_fastopen.c);
     * RFC 9293 has none, and queues data a SYN carries until ESTABLISHED (§3.10.7.3), so its hosts neither ask for a
     * cookie nor send or take data in a SYN.
     */
    public boolean runsFastOpen(TcpParams params) {
        return this == LINUX && params.fastOpen() != FastOpen.OFF;
    }

    /**
     * Whether a listener keeps the text of a SYN it answers without Fast Open, to process once ESTABLISHED: RFC 9293
     * §3.10.7.2 ("any other control or text should be queued for processing later", then "processed in the
     * SYN-RECEIVED state"). Linux drops it (tcp_rcv_state_process consumes the SYN after tcp_conn_request; only
     * tcp_try_fastopen keeps a SYN's data): its SYN,ACK acknowledges the SYN alone, and the client sends the data again
     * (capture veth-tfo-no-cookie-refused-server).
     */
    public boolean queuesSynText() {
        return this == RFC9293;
    }

    /**
     * Whether what an ACK acknowledges beyond what slow start needed to reach ssthresh grows the window in congestion
     * avoidance at once (Linux tcp_slow_start returns it to cubictcp_cong_avoid). RFC 5681 §3.1 takes each ACK in one
     * phase or the other.
     */
    public boolean carriesSlowStartRemainderIntoAvoidance() {
        return this == LINUX;
    }

    private static final int RFC5681_IW_BYTES = 4_380;
    private static final int LINUX_INIT_CWND = 10;

    private static int inTicks(int ms) {
        return (ms + LINUX_TICK_MS - 1) / LINUX_TICK_MS * LINUX_TICK_MS;
    }

    /** RFC 5681 §3.2's duplicate-ACK threshold, Linux's initial tp->reordering (TCP_FASTRETRANS_THRESH). */
    public static final int DUPLICATE_ACK_THRESHOLD = 3;
    /** Linux's tcp_comp_sack_delay_ns (1 ms): the longest a compressed SACK waits. */
    public static final int SACK_COMPRESS_DELAY_MS = 1;
    /** Linux's tcp_comp_sack_nr: at most this many ACKs are compressed into one. */
    public static final int SACK_COMPRESS_MAX = 44;
    private static final int LINUX_TIMEOUT_MIN_MS = 2;
    private static final int LINUX_TICK_MS = 4;
    private static final long LINUX_TICK_US = LINUX_TICK_MS * 1_000L;
    /** The ticks the timer wheel's first level holds (LVL_START(1) in kernel/time/timer.c: 63 at LVL_CLK_SHIFT 3). */
    private static final int LINUX_WHEEL_LEVEL_0_TICKS = 63;
    /** Each level of the wheel is eight times as coarse as the one below and starts eight times as far (LVL_CLK_SHIFT). */
    private static final int LINUX_WHEEL_LEVEL_SHIFT = 3;

    /** TIME-WAIT lasts 2MSL in the RFC (§3.4.2); Linux holds it for a fixed 60 s whatever the MSL. */
    public boolean timeWaitIsTwiceMsl() {
        return this == RFC9293;
    }

    /**
     * A SYN-RECEIVED endpoint that gets its peer's SYN again. The RFC finds it outside the window and sends
     * a bare ACK (§3.10.7.4, first step); Linux sends the SYN,ACK again and restarts its timer.
     */
    public boolean resendsSynAckOnDuplicateSyn() {
        return this == LINUX;
    }

    /**
     * Whether the delayed-ACK time-out adapts to the peer ({@link AckTimeout}). RFC 9293 §3.8.6.3 and RFC 1122
     * §4.2.3.2 only bound the wait (under 0.5 s), so the RFC keeps the tunable; Linux's "ato" follows the gaps between
     * arriving segments and doubles each time its timer has to send the ACK (tcp_event_data_recv,
     * tcp_delack_timer_handler, tcp_send_delayed_ack).
     */
    public boolean adaptsAckTimeout() {
        return this == LINUX;
    }

    /**
     * Whether the delayed-ACK timer fires on the clock's tick grid. RFC 9293 §3.8.6.3 only bounds the wait, and the
     * engine runs the RFC's timer from the moment it is set. Linux sets it to jiffies + ato (tcp_send_delayed_ack() in
     * net/ipv4/tcp_output.c), counted from the start of the current 4 ms tick at HZ=250, and its timer wheel files a
     * timer due within 63 ticks one tick later ("round up with level granularity to prevent" early expiry:
     * calc_index() in kernel/time/timer.c), so it fires on a tick boundary ato to ato + 1 ticks after it was set: an
     * ACK owed before any data (ato 0) at the next tick, one after data 40–44 ms later.
     */
    public boolean delayedAckTimerFiresOnTick() {
        return this == LINUX;
    }

    /**
     * A SYN inside a request's window, not its own SYN again, returns the request to LISTEN (RFC 9293 §3.10.7.4, fourth)
     * and is answered with a RST. The RFC sends none there; Linux's tcp_check_req sends it to embryonic_reset, which
     * answers as tcp_v4_send_reset answers any segment without ACK: {@code <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>}
     * (old-duplicate-syn capture, row 4: the client's own SYN reaching the old duplicate's request).
     */
    public boolean resetsRequestOnSyn() {
        return this == LINUX;
    }

    /**
     * In a simultaneous open, the SYN,ACK that reaches a SYN-RECEIVED endpoint repeats a SYN it already has.
     * Figure 7 of RFC 9293 ends there; Linux answers it with an ACK, so its simultaneous open takes six
     * segments; with SACK agreed that ACK carries a D-SACK of the repeated SYN (tcp_data_queue, tcp_dsack_set).
     */
    public boolean acksSimultaneousOpenSynAck() {
        return this == LINUX;
    }

    /**
     * How many retransmissions a SYN-SENT connection makes before it gives up. The RFC counts {@code synRetries}.
     * Linux 6.x adds its linear timeouts to the count (tcp_write_timeout() in net/ipv4/tcp_timer.c: "max_retransmits
     * += tcp_syn_linear_timeouts"), and also stops at {@link #synSentTimeBudgetMs}.
     */
    public int synSentRetryLimit(TcpParams params) {
        return switch (this) {
            case RFC9293 -> params.synRetries();
            case LINUX -> params.synRetries() + params.synLinearTimeouts();
        };
    }

    /**
     * The time from the first SYN after which a SYN-SENT connection gives up, whatever the count; none in the
     * RFC. Linux turns {@code tcp_syn_retries} into the time that many doubling timeouts from the initial RTO
     * take, each at most the maximum RTO (retransmits_timed_out() and tcp_model_timeout() in
     * net/ipv4/tcp_timer.c): 6 retries from 1 s give 127 s.
     */
    public OptionalLong synSentTimeBudgetMs(TcpParams params) {
        if (this == RFC9293) {
            return OptionalLong.empty();
        }
        long base = params.initialRtoMs();
        int boundary = params.synRetries();
        // ilog2(rto_max / rto_base): how many doublings stay under the maximum RTO.
        int linearBackoffThreshold = 31 - Integer.numberOfLeadingZeros(Math.max(1, params.maxRtoMs() / params.initialRtoMs()));
        if (boundary <= linearBackoffThreshold) {
            return OptionalLong.of(((2L << boundary) - 1) * base);
        }
        return OptionalLong.of(((2L << linearBackoffThreshold) - 1) * base
                + (long) (boundary - linearBackoffThreshold) * params.maxRtoMs());
    }

    /**
     * How many half-open entries a listener with this backlog holds. The RFC has no number; the engine takes the
     * backlog itself. Linux calls the queue full only when it holds more than the backlog
     * (inet_csk_reqsk_queue_is_full() in include/net/inet_connection_sock.h), so listen(8) holds 9.
     */
    public int synQueueCapacity(int backlog) {
        return this == LINUX ? backlog + 1 : backlog;
    }

    /**
     * Whether a SYN that finds room in the queue is still dropped. Without SYN cookies Linux keeps the last
     * quarter of tcp_max_syn_backlog for peers proven alive by earlier connections (tcp_conn_request() in
     * net/ipv4/tcp_input.c); the engine keeps no such memory, so no peer is proven. The RFC has no such rule.
     */
    public boolean keepsLastQuarterForProvenPeers(TcpParams params, int queueLength) {
        return this == LINUX && params.synCookies() == SynCookieMode.OFF
                && params.maxSynBacklog() - queueLength < params.maxSynBacklog() / 4;
    }

    /**
     * How many SYN,ACK retransmissions a half-open entry gets when its timer fires, given how full its queue is.
     * The RFC keeps {@code synAckRetries}. Linux's reqsk_timer_handler() (net/ipv4/inet_connection_sock.c)
     * reserves half of the queue for young entries (no SYN,ACK retransmitted yet): while the queue holds more
     * than half of max(8, backlog), each doubling of the young count that still stays at or under the queue
     * length takes one retry away, down to 2.
     *
     * @param queueLength  half-open entries of the listener, this one included
     * @param youngEntries those of them whose SYN,ACK has not been retransmitted yet
     */
    public int synAckRetryLimit(TcpParams params, int queueLength, int youngEntries) {
        int retries = params.synAckRetries();
        if (this == RFC9293 || 2 * queueLength <= Math.max(8, params.listenBacklog())) {
            return retries;
        }
        long young = 2L * youngEntries;
        while (retries > 2 && queueLength >= young) {
            retries--;
            young *= 2;
        }
        return retries;
    }

    /**
     * Whether a write takes only what the send buffer has room for and the call waits for the rest (Linux
     * tcp_sendmsg_locked, sk_stream_wait_memory; the buffer sized by tcp_sndbuf_expand: {@link SendBuffer}), as the
     * download-256k-defaults capture's server shows: its first send() of 65535 bytes returned 200 ms later. RFC 9293
     * §3.10.2 sizes no buffer ("If there is insufficient space to remember this buffer, simply return 'error:
     * insufficient resources'"): the textbook queues every SEND whole. A host writes into it only when told
     * ({@link Host#writeIntoSendBuffer}: a replayed capture whose writer waited).
     */
    public boolean limitsWritesBySendBuffer() {
        return this == LINUX;
    }

    /**
     * Nagle's algorithm: what holds back a segment smaller than the MSS. RFC 9293 §3.7.4 (SHLD-7): any
     * unacknowledged data. Linux: only an earlier small segment still unacknowledged (Minshall's variant,
     * tcp_nagle_check() and tcp_minshall_check() in net/ipv4/tcp_output.c), so the tail of one large send() leaves
     * at once behind the full segments before it (data-transfer-mtu-1280 capture).
     */
    public boolean naglesOnlyBehindSmallSegments() {
        return this == LINUX;
    }

    /**
     * Whether a sender cuts its segments to half the largest window the peer has offered, when that is less than the
     * MSS (Linux tcp_bound_to_half_wnd, from tcp_sync_mss: "there is no use in packetizing to sub-MSS pieces for the
     * sake of SWS"; a largest window of at most 536 bytes is taken whole; never below 48 bytes): a peer whose buffer
     * holds less than two segments then still gets whole segments, two to its window (capture small-window-reads).
     * RFC 9293 §3.8.6.2.1 keeps the MSS and lets a segment of half the largest window go (Fs = 1/2).
     */
    public boolean boundsSegmentsToHalfTheLargestWindow() {
        return this == LINUX;
    }

    /**
     * Sender SWS avoidance (RFC 9293 §3.8.6.2.1, MUST-38): when a segment that the peer's window cuts short waits. The
     * RFC's fraction of the largest window (rule 3); Linux has no fraction, it holds such a segment at the head of a
     * pass (tcp_snd_wnd_test, tcp_mss_split_point).
     */
    public SenderSwsRule senderSwsRule() {
        return this == LINUX ? SenderSwsRule.AT_THE_HEAD_OF_A_PACKET : SenderSwsRule.BELOW_HALF_THE_LARGEST_WINDOW;
    }

    /**
     * The override timeout of sender SWS avoidance (RFC 9293 §3.8.6.2.1, rule 4), the persist timer's interval as the
     * RFC suggests ("it may be convenient to combine this timer with the timer used to probe zero windows"): at most
     * 1 s in the RFC ("in the range 0.1 - 1.0 seconds"); Linux's probe timer as it is (tcp_check_probe_timer,
     * tcp_probe0_base: the RTO), whose tcp_write_wakeup then sends min(window, MSS) with PSH.
     */
    public int swsOverrideMs(int persistIntervalMs) {
        return this == RFC9293 ? Math.min(persistIntervalMs, SWS_OVERRIDE_MAX_MS) : persistIntervalMs;
    }

    private static final int SWS_OVERRIDE_MAX_MS = 1_000;

    /**
     * A listener keeps a handshake in SYN-RECEIVED as a request of its own that no application holds before accept()
     * (Linux's request socket, TCP_NEW_SYN_RECV): close() reaches the listening socket, and the request goes with it,
     * unanswered (tcp_v4_rcv and reqsk_timer_handler drop a request whose listener is not in LISTEN; inet_csk_listen_stop
     * resets only the accept queue's connections). In the RFC the connection in
     * SYN-RECEIVED is the one the application opened, and CLOSE queues its FIN (RFC 9293 §3.10.4).
     */
    public boolean keepsHandshakesAsRequests() {
        return this == LINUX;
    }

    /** ABORT sends {@code <SEQ=SND.NXT><CTL=RST>} in the RFC; Linux sets ACK on it as well. */
    public boolean abortResetCarriesAck() {
        return this == LINUX;
    }

    /**
     * Data that arrives after the application called close() (not shutdown()) is answered with a RST by Linux,
     * as RFC 9293 §3.6.1 recommends for a half-duplex close (SHLD-3). The RFC profile treats CLOSE as simplex
     * and keeps receiving.
     */
    public boolean resetsDataAfterClose() {
        return this == LINUX;
    }

    /**
     * The window offered first, on the SYN or SYN,ACK. The RFC offers the receive space as it is; Linux offers
     * the largest multiple of the MSS it will receive that fits (tcp_select_initial_window): 64240 = 44 × 1460
     * without timestamps, 65160 = 45 × 1448 on a SYN,ACK that agrees to them.
     */
    public int initialWindow(TcpParams params, int receiveMss) {
        if (this == LINUX && params.window() > receiveMss && receiveMss > 0) {
            return params.window() / receiveMss * receiveMss;
        }
        return params.window();
    }

    /**
     * The window-scale shift a host offers whose receive buffer SO_RCVBUF fixed (a scenario's {@code window}). RFC 7323
     * §2.3 leaves the shift to the implementation, so the RFC profile keeps the tunable. Linux clamps the window to that
     * buffer's space under SOCK_RCVBUF_LOCK (tcp_connect_init, tcp_openreq_init_rwin) and takes the shift from the
     * clamp, ilog2(space) - 15 and at least 0 (tcp_select_initial_window): 0 below 64 KiB (close-zero-window-defaults).
     */
    public int windowScaleOfFixedBuffer(TcpParams params) {
        if (this != LINUX) {
            return params.windowScale();
        }
        int log2 = 31 - Integer.numberOfLeadingZeros(params.window());
        return Math.max(0, Math.min(TcpOptions.MAX_WINDOW_SCALE, log2 - 15));
    }

    /**
     * The receive buffer behind the window. The RFC's RCV.BUFF (§3.8.6.2.2) is the window itself. Linux reserves
     * twice the window it offers at first (SO_RCVBUF is doubled; tcp_rmem[1] = 131072 for the 65536 default) and
     * charges each segment the memory it takes ({@link ReceiveMemory}).
     */
    public int receiveBuffer(TcpParams params) {
        return this == LINUX ? 2 * params.window() : params.window();
    }

    /**
     * The window an end with the receive buffer of {@code params} offers in its ACK of the peer's first data segment of
     * {@code len} bytes, held unread: Linux's from the memory the segment leaves ({@link ReceiveMemory}), the RFC's the
     * buffer less the segment (RCV.BUFF, §3.8.6.2.2). A replay tells by it a buffer the SYN's window shows only within a
     * segment.
     *
     * @param receiveMss  the largest segment this end receives, less the timestamps it will carry
     * @param optionBytes the bytes of the segment's TCP options
     * @param shift       this end's window-scale shift
     */
    public int windowAfterFirstSegment(TcpParams params, int receiveMss, int len, int optionBytes, int shift) {
        if (!offersWindowFromReceiveMemory()) {
            return Math.max(0, params.window() - len);
        }
        return ReceiveMemory.firstWindow(receiveBuffer(params), params.loopback(), receiveMss,
                initialWindow(params, receiveMss), len, optionBytes, shift);
    }

    /**
     * How the window is chosen. RFC 9293 offers the free buffer space once it can grow by min(half the buffer, one
     * MSS) (§3.8.6.2.2, MUST-39). Linux chooses it from the memory its buffer has left, under a threshold
     * (rcv_ssthresh) that every arriving segment of 128 bytes or more raises while that memory allows, whether or
     * not the application has read it yet (tcp_event_data_recv, tcp_grow_window; __tcp_select_window), and it
     * sends a window update only when a read at least doubles a window fallen to half its clamp (tcp_cleanup_rbuf):
     * {@link ReceiveMemory}.
     */
    public boolean offersWindowFromReceiveMemory() {
        return this == LINUX;
    }

    /**
     * Whether the receive buffer grows with what the application copies per round trip. RFC 9293 keeps RCV.BUFF as
     * it is; Linux autotunes a buffer that SO_RCVBUF did not fix while tcp_moderate_rcvbuf is 1 (dynamic
     * right-sizing: tcp_rcv_space_adjust, tcp_rcvbuf_grow), so that a download's window grows beyond the clamp of
     * the first buffer (download-1m-defaults capture): {@link ReceiveAutotuning}.
     */
    public boolean autotunesReceiveBuffer(TcpParams params) {
        return this == LINUX && params.moderateRcvbuf();
    }

    /**
     * The quick ACKs granted: Linux grants one per two of the peer's segments that the window holds, two where it holds
     * fewer than two (one where it holds two or three: the catalogue's zero-window-probe), at most the tunable
     * (tcp_incr_quickack: rcv_wnd / (2 * icsk_ack.rcv_mss), 2 if that is 0, TCP_MAX_QUICKACKS), when the first
     * data arrives ({@link #countsQuickAcksAtFirstData}) and again after an idle gap
     * ({@link #quickAcksAgainAfterIdleGap}); RFC 9293 has no quick ACKs, so only the tunable grants any.
     *
     * @param window the window offered (rcv_wnd)
     * @param rcvMss the peer's segment size as this end has measured it (icsk_ack.rcv_mss)
     */
    public int quickAcks(TcpParams params, int window, int rcvMss) {
        if (this == LINUX && rcvMss > 0) {
            int perTwoSegments = window / (2 * rcvMss);
            return Math.min(params.quickAcks(), perTwoSegments == 0 ? 2 : perTwoSegments);
        }
        return params.quickAcks();
    }

    /**
     * How many segments of a burst go out as one packet that ends with PSH, or 0 when only the end of what the
     * application wrote is pushed. RFC 9293 §3.9.1 leaves PSH to the sender's user. Linux sends a burst in GSO packets
     * of tcp_tso_segs() segments and __tcp_transmit_skb() (net/ipv4/tcp_output.c) sets PSH on every packet of more than
     * one segment ("to expedite GRO flush at receiver"), which tcp_gso_segment() (net/ipv4/tcp_offload.c) leaves on its
     * last segment only. tcp_tso_autosize() makes a packet about a millisecond of the pacing rate, at least
     * tcp_min_tso_segs, 2: so at the captures' 100 ms round trip every second segment of a burst is pushed while the
     * window is below about 100 segments (download-64k-defaults, download-1m-defaults), and a reader that empties its
     * queue after a pushed full segment acknowledges at once ({@link #acksPushedDataOnceRead}). Below a min RTT of
     * 512 µs tcp_tso_autosize adds the whole GSO size, so the engine's connections make 64 KB packets where the round
     * trip is below its millisecond (TcpConnection.segmentsPerPacket, docs/linux-captures.md §104); packets between, of a
     * faster rate or a round trip under 16 ms (the 3 to 6 segments of the 1m download's later rounds), are not modelled.
     */
    public int segmentsPerPushedPacket() {
        return this == LINUX ? 2 : 0;
    }

    /**
     * Whether a burst's packet that the peer's window or the congestion window cuts short waits for the ACK due within
     * the next millisecond rather than leave short (Linux tcp_tso_should_defer, net/ipv4/tcp_output.c: a packet of more
     * than one segment, sent within a millisecond of the last, that the usable window cuts below both a full packet and
     * a third of min(snd_wnd, snd_cwnd) (tcp_tso_win_divisor 3), waits when the oldest segment in flight, sent one
     * smoothed round trip ago, is due to be acknowledged within min(srtt / 2, 1 ms); download-1m-defaults, and
     * frto-sack-flight-and-probe-lost-defaults for the congestion window). RFC 9293 sends what the window allows, within
     * sender SWS avoidance.
     */
    public boolean defersAPacketTheWindowCutsWhileAnAckIsDue() {
        return this == LINUX;
    }

    /**
     * Whether the quick ACKs are counted when the first data arrives, from the window then offered and the segment
     * size measured from that data, instead of when the connection opens. RFC 9293 has no quick ACKs. Linux's
     * tcp_event_data_recv() (net/ipv4/tcp_input.c): the first data (icsk_ack.ato still 0) calls tcp_incr_quickack()
     * after tcp_measure_rcv_mss() has measured it, so a first segment smaller than the first guess of rcv_mss
     * (tcp_initialize_rcv_mss(): at most TCP_MSS_DEFAULT, 536) leaves that guess to count with, rcv_wnd / (2 * 536)
     * quick ACKs instead of rcv_wnd / (2 * advmss) (quick-acks-small-first-data capture).
     */
    public boolean countsQuickAcksAtFirstData() {
        return this == LINUX;
    }

    /**
     * Whether data that arrives after an idle gap longer than the retransmission timeout puts the receiver back into
     * quick-ACK mode. RFC 9293 §3.8.6.3 knows no quick ACKs. Linux's tcp_event_data_recv() (net/ipv4/tcp_input.c):
     * when the time since the last arrival is more than icsk_rto ("Too long gap. Apparently sender failed to restart
     * window, so that we send ACKs quickly"), tcp_incr_quickack(sk, TCP_MAX_QUICKACKS) raises the quick ACKs left to
     * {@link #quickAcks} of the window of the moment (quick-ack-after-idle capture).
     */
    public boolean quickAcksAgainAfterIdleGap() {
        return this == LINUX;
    }

    /**
     * Whether sequence space that arrives again below RCV.NXT (the peer sent it again: an ACK was lost, or a reordered
     * segment was taken for lost) puts the receiver into quick-ACK mode, so that it acknowledges the segments that follow
     * one by one. RFC 9293 §3.10.7.4 only answers the segment with an ACK. Linux 6.18's tcp_send_dupack() and
     * tcp_data_queue() ("A retransmit, 2nd most common case"), net/ipv4/tcp_input.c: tcp_enter_quickack_mode(sk,
     * TCP_MAX_QUICKACKS), {@link #quickAcks} of the window of the moment, ping-pong mode left (a download over a path
     * that reorders: after the D-SACK of a segment sent again, eleven segments ACKed one by one; docs §79).
     */
    public boolean quickAcksAfterDataArrivesAgain() {
        return this == LINUX;
    }

    /**
     * Whether a host that sends data within ato of the last data it received becomes interactive (ping-pong mode), so
     * that the next data it receives is acknowledged by its answer or the delayed-ACK timer, no longer by a quick ACK.
     * RFC 9293 §3.8.6.3 knows no such mode. Linux 6.18's tcp_event_data_sent() (net/ipv4/tcp_output.c): if
     * now - icsk_ack.lrcvtime &lt; icsk_ack.ato (in jiffies), inet_csk_inc_pingpong_cnt(); with tcp_pingpong_thresh 1
     * one such send is enough (inet_csk_in_pingpong_mode(), include/net/inet_connection_sock.h), and
     * tcp_in_quickack_mode() is false from then on (request-response-ping-pong capture).
     */
    public boolean entersPingPongBySendingDataWithinAto() {
        return this == LINUX;
    }

    /**
     * Whether what arrived since the last ACK makes the next ACK due at once (when the window would not shrink).
     * RFC 9293 §3.8.6.3 (SHLD-19): an ACK for at least every second full-sized segment; the engine counts every
     * segment. Linux counts bytes: more than one rcv_mss since the window was last announced (__tcp_ack_snd_check()
     * in net/ipv4/tcp_input.c: rcv_nxt - rcv_wup &gt; icsk_ack.rcv_mss), so six small segments of 100 bytes may wait
     * for the delayed-ACK timer while two full ones may not.
     *
     * @param segments segments that arrived since the last ACK
     * @param bytes    their bytes (Linux rcv_nxt - rcv_wup)
     * @param rcvMss   the peer's segment size as measured (Linux icsk_ack.rcv_mss)
     */
    public boolean ackDueForWhatArrived(int segments, int bytes, int rcvMss) {
        return this == LINUX ? bytes > rcvMss : segments >= 2;
    }

    /**
     * Whether a CLOSE after the peer's FIN enters LAST-ACK at once, while data queued before it still waits for the
     * window. RFC 9293 §3.10.4 (CLOSE-WAIT) queues the CLOSE until the data is segmentized, then sends the FIN and
     * enters LAST-ACK; Linux's tcp_close_state moves CLOSE_WAIT to LAST_ACK in the close() call itself, as it moves
     * ESTABLISHED to FIN_WAIT1 (which the RFC does at the CLOSE too), and tcp_send_fin puts the FIN on the queue.
     */
    public boolean entersLastAckAtClose() {
        return this == LINUX;
    }

    /**
     * Whether segments that arrive back to back may all be acknowledged by one ACK (a stretch ACK). RFC 9293 §3.8.6.3
     * (SHLD-19) asks for an ACK at least every second full-sized segment. Linux takes a burst as one: GRO merges its
     * segments before TCP sees them, and tcp_add_backlog() merges those that wait while the application holds the
     * socket, so the ACK check (__tcp_ack_snd_check()) runs once for all of them (capture
     * everyday-download-stretch-acks, docs/linux-captures.md §32).
     * The engine delivers segments one by one; the capture explainer asks this of an ACK the capture lacks, and where
     * the round trip is within one tick it takes such an end's pure ACKs as the capture shows them.
     */
    public boolean acksBackToBackSegmentsOnce() {
        return this == LINUX;
    }

    /**
     * Whether the read that empties the receive queue sends the ACK still owed for pushed data. RFC 9293 has no such
     * rule: the ACK waits for its timer. Linux's tcp_cleanup_rbuf() (net/ipv4/tcp.c) sends it when the data was a
     * segment smaller than rcv_mss or one with PSH (ICSK_ACK_PUSHED, set by tcp_measure_rcv_mss()) and the connection
     * is not interactive (ping-pong), or two such segments came since the last ACK (ICSK_ACK_PUSHED2): so a reader
     * that keeps up acknowledges every small segment at once, quick ACKs spent or not
     * (delayed-ack-small-segments-read capture).
     */
    public boolean acksPushedDataOnceRead() {
        return this == LINUX;
    }

    /**
     * Whether connect() may take the 4-tuple of a connection in TIME-WAIT. RFC 9293 §3.10.1 refuses an OPEN whose
     * connection already exists. Linux with tcp_tw_reuse on takes it when the old connection carried timestamps
     * (so PAWS, RFC 7323 §5, tells its old segments from the new ones: the idea of RFC 6191) and its TIME-WAIT
     * is older than tcp_tw_reuse_delay (tcp_twsk_unique() in net/ipv4/tcp_ipv4.c: time_after32(now,
     * tw_entry_stamp + delay), tw_entry_stamp being the arrival of the peer's FIN).
     */
    public boolean reusesTimeWait(TcpParams params, boolean timestampsInUse, long timeWaitAgeMs) {
        return this == LINUX && params.twReuse() && timestampsInUse && timeWaitAgeMs > params.twReuseDelayMs();
    }

    /**
     * Whether a new SYN ends TIME-WAIT and goes to the listener. RFC 9293 §3.6.1 allows it (MAY-2: the new ISN above
     * every sequence number of the old connection, and back to TIME-WAIT if the SYN proves an old duplicate; RFC 6191
     * the same with timestamps); the rfc9293 profile does not take the option, so the SYN meets §3.10.7.4: an ACK of
     * the old connection (the first step, or RFC 5961's challenge ACK in the fourth), which the peer's SYN-SENT answers
     * with a RST that ends TIME-WAIT (§3.10.7.3, §3.10.7.4 second step) before its SYN comes again. Linux accepts a SYN
     * without ACK whose sequence number lies above RCV.NXT or whose TSval is newer than TS.Recent, PAWS permitting
     * (tcp_timewait_state_process() in net/ipv4/tcp_minisocks.c, TCP_TW_SYN), and hands it to the listener with the ISN
     * old SND.NXT + 65537 (tcp_v4_rcv(), tcp_conn_request()): time-wait-syn-accepted captures. It does not return to
     * TIME-WAIT if the SYN was an old duplicate.
     */
    public boolean reopensTimeWaitForNewSyn() {
        return this == LINUX;
    }

    /**
     * How soon a SYN-SENT connection sends its SYN again after an ACK that acknowledges nothing it sent (which it
     * answers with a RST, RFC 9293 §3.10.7.3), if its SYN has not been sent again yet. The RFC keeps the retransmission
     * timer as it is. Linux sets it to TCP_TIMEOUT_MIN, 2 jiffies (8 ms at HZ=250), because the RST may just have
     * ended what the ACK came from ("Previous FIN/ACK or RST/ACK might be ignored": tcp_rcv_synsent_state_process() in
     * net/ipv4/tcp_input.c): in the time-wait-syn-old-isn capture the SYN left again 10.6 ms after the RST.
     */
    public OptionalInt synResendAfterUnacceptableAckMs() {
        return this == LINUX ? OptionalInt.of(2 * LINUX_TICK_MS) : OptionalInt.empty();
    }

    /**
     * The error connect() gets when its 4-tuple is taken. The RFC's OPEN answers "connection already exists"
     * (§3.10.1); Linux finds no usable local port for it and fails with EADDRNOTAVAIL (__inet_hash_connect()).
     */
    public String tupleTakenError() {
        return this == LINUX ? "error.address-not-available" : "error.connection-exists";
    }

    /**
     * PAWS (RFC 7323 §5.3 R1): whether a segment's TSval marks it as older than TS.Recent, the TSval of the last
     * in-order segment. The RFC rejects any TSval below TS.Recent. Linux rejects one more than TCP_PAWS_WINDOW (1)
     * tick below, and never while TS.Recent is 0, which some stacks send on the handshake (tcp_paws_check() in
     * include/net/tcp.h). Both compare the 32-bit values as a wrapping difference.
     */
    public boolean pawsRejects(long tsRecent, long tsVal) {
        int older = (int) (tsRecent - tsVal);
        return switch (this) {
            case RFC9293 -> older > 0;
            case LINUX -> tsRecent != 0 && older > LINUX_PAWS_WINDOW;
        };
    }

    private static final int LINUX_PAWS_WINDOW = 1;

    /**
     * How long TS.Recent stays valid without being updated: past it, PAWS lets any TSval through (its clock may have
     * wrapped). RFC 7323 §5.5: 24 days. Linux 6.x: TCP_PAWS_WRAP, INT_MAX / USEC_PER_SEC = 2147 s, so that a
     * microsecond clock cannot wrap unnoticed (tcp_paws_check() in include/net/tcp.h).
     */
    public long tsRecentLifetimeMs() {
        return this == LINUX ? 2_147_000L : 24L * 24 * 3_600_000;
    }

    /**
     * Whether a duplicate ACK that fails PAWS is still processed. The RFC has no exception. Linux accepts a pure ACK at
     * RCV.NXT that acknowledges SND.UNA, would not update the window and is at most 1.2 RTO (in 1 ms ticks) older than
     * TS.Recent: ACKs reordered behind data (tcp_disordered_ack_check() and tcp_tsval_replay() in
     * net/ipv4/tcp_input.c).
     */
    public boolean acceptsDisorderedAcks() {
        return this == LINUX;
    }

    /**
     * Whether TIME-WAIT answers every segment without SYN or RST that is not a pure ACK at RCV.NXT with an ACK and
     * restarts its 2MSL timer for it, a pure ACK at RCV.NXT only restarting the timer. RFC 9293 §3.10.7.4 restarts the
     * timer only for the peer's retransmitted FIN, and answers an unacceptable segment (or one PAWS rejects, RFC 7323
     * §5.3 R1) with an ACK. Linux's TIME-WAIT mini-socket restarts it for any segment with ACK or that PAWS rejects,
     * old data included, and ACKs all but an in-window pure ACK or RST (tcp_timewait_state_process() in
     * net/ipv4/tcp_minisocks.c; time-wait-paws-old-data capture: TIME-WAIT had 59 s left 0.6 s after old data came).
     */
    public boolean restartsTimeWaitForAnySegment() {
        return this == LINUX;
    }

    /**
     * The least time between two ACKs answering segments without data (or SYNs) that fall outside the window, or that
     * PAWS rejects in TIME-WAIT; 0: no limit. RFC 9293 answers each. Linux sends at most one per tcp_invalid_ratelimit
     * (500 ms by default), so that two endpoints cannot keep ACKing each other (tcp_oow_rate_limited() in
     * net/ipv4/tcp_input.c, called by tcp_validate_incoming for a full socket and by the TIME-WAIT mini-socket; data is
     * never limited: time-wait-paws-old-data capture, TcpExtTCPACKSkippedTimeWait 1). A zero-window probe, below the
     * window, is such a segment: the slow-reader captures leave one unanswered 224 ms after the last answer.
     */
    public int outOfWindowAckIntervalMs() {
        return this == LINUX ? 500 : 0;
    }

    /**
     * Whether a pure ACK that fails PAWS and lies below RCV.NXT is dropped without a reply. The RFC answers every
     * segment PAWS drops with an ACK (R1). Linux counts it as an old ACK (PAWSOldAck) and sends nothing: "Old ACK are
     * common" (tcp_validate_incoming() in net/ipv4/tcp_input.c).
     */
    public boolean dropsOldAcksSilently() {
        return this == LINUX;
    }

    /**
     * Whether a non-RST segment without a timestamps option is dropped once both ends agreed on timestamps. RFC 7323
     * §3.2: a TCP SHOULD drop it silently. Linux 6.18 processes it: with no TSopt seen it skips PAWS
     * (tcp_validate_incoming(): "!tp->rx_opt.saw_tstamp ... goto step1").
     */
    public boolean dropsSegmentsWithoutTimestamps() {
        return this == RFC9293;
    }

    /**
     * Linux answers from a TIME-WAIT mini-socket (an orphaned FIN-WAIT-2 becomes one too), which keeps the window
     * of the moment it was made: the final ACK of a close does not count the FIN it acknowledges.
     */
    public boolean miniSocketKeepsWindow() {
        return this == LINUX;
    }

    /**
     * Whether the window a mini-socket keeps goes into the 16-bit field without the bound a full socket applies. Linux
     * keeps RCV.WND as chosen, which without window scaling may exceed 65535 (tcp_time_wait: tw_rcv_wnd), and its
     * mini-socket's ACK writes it shifted into the field as is (tcp_v4_timewait_ack, tcp_v4_send_ack: htons() of a
     * 32-bit window), so 70080 leaves as 4544; a full socket sends at most 65535 (tcp_select_window). RFC 9293 §3.1:
     * the window field is 16 bits, so the largest window offered without scaling is 65535.
     */
    public boolean miniSocketWindowFieldWraps() {
        return this == LINUX;
    }

    /** What an ICMP Destination Unreachable does to a connection: whether it ends it, and why. */
    public record UnreachableReaction(boolean aborts, Explanation why) {
    }

    /**
     * An ICMP Destination Unreachable for a connection in {@code state}; {@code halfOpen}: a listener's connection in
     * SYN_RECEIVED. RFC 9293 §3.9.2.2: codes 2–4 are hard errors, abort (SHLD-26), the others soft, never abort
     * (MUST-56). Linux 6.18 goes by the state instead (tcp_v4_err): in SYN_SENT and an active SYN_RECEIVED any code ends
     * the connection (tcp_done_with_error: connect() fails with the code's errno, icmp_err_convert); a listener's
     * request is dropped unless net or host unreachable (tcp_req_err); later only sk_err_soft is set (unless
     * IP_RECVERR), told if the connection times out.
     */
    public UnreachableReaction unreachableReaction(IcmpUnreachable code, TcpState state, boolean halfOpen) {
        if (this == RFC9293) {
            String key = !code.hard() ? "icmp.soft" : halfOpen ? "icmp.abort.half-open" : "icmp.abort";
            return new UnreachableReaction(code.hard(), Explanation.of(Rules.ICMP, key, code.phrase()));
        }
        if (halfOpen) {
            boolean drops = code != IcmpUnreachable.NET && code != IcmpUnreachable.HOST;
            return new UnreachableReaction(drops, Explanation.of(Rules.LINUX_ICMP_REQUEST,
                    drops ? "icmp.abort.half-open" : "icmp.linux.request-kept", code.phrase()));
        }
        boolean handshake = state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED;
        return new UnreachableReaction(handshake, handshake
                ? Explanation.of(Rules.LINUX_ICMP, "icmp.linux.abort", code.phrase(), state.name(), code.linuxErrno())
                : Explanation.of(Rules.LINUX_ICMP, "icmp.linux.soft", code.phrase()));
    }
}
