package lab.handshake.engine;

/** The RFC sections the engine cites in every step, in one place so the spelling is uniform. */
public final class Rules {
    public static final String OPEN = "RFC 9293 §3.10.1";
    /** A passive OPEN's record in LISTEN is its own: no connection it spawned affects it. */
    public static final String LISTENER_REMAINS = "RFC 9293 §3.9.1.1 (MUST-41)";
    public static final String SEND = "RFC 9293 §3.10.2";
    public static final String RECEIVE = "RFC 9293 §3.10.3";
    public static final String CLOSE = "RFC 9293 §3.10.4";
    public static final String ABORT = "RFC 9293 §3.10.5";
    public static final String SEGMENT_ARRIVES = "RFC 9293 §3.10.7";
    public static final String CLOSED_ARRIVES = "RFC 9293 §3.10.7.1";
    public static final String LISTEN_ARRIVES = "RFC 9293 §3.10.7.2";
    /** TCP Fast Open: data in the SYN with a server's cookie. */
    public static final String FAST_OPEN = "RFC 7413 §4; Linux tcp_fastopen.c";
    public static final String SYN_SENT_ARRIVES = "RFC 9293 §3.10.7.3";
    public static final String SEQUENCE_CHECK = "RFC 9293 §3.10.7.4 (first: sequence number)";
    public static final String RST_CHECK = "RFC 9293 §3.10.7.4 (second: RST bit)";
    public static final String SYN_CHECK = "RFC 9293 §3.10.7.4 (fourth: SYN bit)";
    public static final String ACK_CHECK = "RFC 9293 §3.10.7.4 (fifth: ACK field)";
    public static final String TEXT = "RFC 9293 §3.10.7.4 (seventh: segment text)";
    public static final String OUT_OF_ORDER = "RFC 9293 §3.10.7.4 (SHLD-31: held beyond a gap); RFC 5681 §4.2; RFC 2018 §4";
    public static final String DSACK = "RFC 2883 §4 (D-SACK); Linux tcp_dsack_set";
    public static final String FIN_CHECK = "RFC 9293 §3.10.7.4 (eighth: FIN bit)";
    public static final String TIME_WAIT_FIN = "RFC 9293 §3.10.7.4 (TIME-WAIT: ACK the FIN, restart 2MSL)";
    public static final String CHALLENGE_ACK = "RFC 5961 §3–§4 (challenge ACK)";
    public static final String PAWS = "RFC 7323 §5.3 (PAWS, R1)";
    public static final String TIMESTAMPS_ON_EVERY_SEGMENT = "RFC 7323 §3.2 (TSopt on every segment)";
    public static final String LINUX_PAWS_OLD_ACK = "Linux tcp_validate_incoming (PAWS: old ACK dropped silently)";
    public static final String RETRANSMISSION = "RFC 9293 §3.10.8; RFC 6298";
    public static final String LINUX_RTT_FROM_TIMESTAMP_ECHO = "RFC 7323 §4.1 (RTTM); Linux tcp_ack_update_rtt (tcp_rtt_tsopt_us)";
    public static final String FAST_RETRANSMIT = "RFC 5681 §3.2 (fast retransmit); Linux tcp_newreno_mark_lost";
    public static final String DUPLICATE_ACK_SENDS = "RFC 3042 (limited transmit); Linux tcp_add_reno_sack";
    public static final String NEWRENO_PARTIAL_ACK = "RFC 6582 §3.2 (NewReno: partial acknowledgment); Linux tcp_newreno_mark_lost";
    /** F-RTO: after a timeout, new data tests whether the timeout was spurious (Experimental; linux profile only). */
    public static final String FRTO = "RFC 5682 §3.1 (F-RTO); Linux tcp_process_loss";
    public static final String LOSS_RECOVERY = "RFC 6298 §5.4; RFC 5681 §3.1 (slow start after a timeout); Linux tcp_xmit_retransmit_queue";
    public static final String CONGESTION_WINDOW = "RFC 5681 §3.1 (slow start); Linux tcp_slow_start";
    public static final String FAST_RECOVERY = "RFC 6937 §3 (Proportional Rate Reduction); Linux tcp_cwnd_reduction";
    public static final String ECN_REDUCTION = "RFC 3168 §6.1.2 (ECE: the window reduced); Linux tcp_enter_cwr, tcp_cwnd_reduction";
    public static final String CONGESTION_AVOIDANCE = "RFC 5681 §3.1 (congestion avoidance); Linux tcp_cong_avoid_ai (CUBIC)";
    public static final String LINUX_BBR = "Linux tcp_bbr.c (bbr_set_cwnd, bbr_update_bw; tcp_rate.c)";
    public static final String RACK = "RFC 8985 §6 (RACK); Linux tcp_rack_detect_loss";
    public static final String TLP = "RFC 8985 §7 (tail loss probe); Linux tcp_schedule_loss_probe";
    public static final String LINUX_SACK_COMPRESS = "Linux __tcp_ack_snd_check (SACK compression, tcp_comp_sack_delay_ns)";
    public static final String TIME_WAIT_NEW_SYN = "RFC 9293 §3.6.1 (MAY-2); RFC 6191; Linux tcp_timewait_state_process (TCP_TW_SYN)";
    public static final String LINUX_TIME_WAIT = "Linux tcp_timewait_state_process (TIME-WAIT timer restarted)";
    public static final String LINUX_TIME_WAIT_OVERFLOW = "Linux tcp_time_wait (net.ipv4.tcp_max_tw_buckets)";
    public static final String LINUX_TIME_WAIT_RST = "Linux tcp_timewait_state_process (RST in TIME-WAIT, tcp_rfc1337=0)";
    public static final String RFC1337 = "RFC 1337 §3 (F1: TIME-WAIT ignores RST); Linux tcp_rfc1337=1";
    public static final String LINUX_OOW_RATE_LIMIT = "Linux tcp_oow_rate_limited (tcp_invalid_ratelimit)";
    public static final String TIME_WAIT_TIMEOUT = "RFC 9293 §3.10.8 (TIME-WAIT timeout)";
    public static final String DELAYED_ACK = "RFC 9293 §3.8.6.3 (delayed ACK)";
    public static final String KEEP_ALIVE = "RFC 9293 §3.8.4 (keep-alives); Linux tcp_keepalive_timer";
    public static final String ZERO_WINDOW_PROBE = "RFC 9293 §3.8.6.1 (zero-window probing); Linux tcp_probe_timer";
    public static final String SENDER_SWS = "RFC 9293 §3.8.6.2.1 (sender SWS avoidance); Linux tcp_bound_to_half_wnd";
    public static final String SENDER_SWS_WHEN_TO_SEND = "RFC 9293 §3.8.6.2.1 (sender SWS avoidance, when to send data); Linux tcp_snd_wnd_test, tcp_write_wakeup";
    public static final String WINDOW_UPDATE = "RFC 9293 §3.8.6.2.2 (receiver SWS avoidance, window update)";
    public static final String SYN_QUEUE = "RFC 4987 §3";
    public static final String SYN_COOKIES = "RFC 4987 §3.6";
    public static final String ACCEPT_QUEUE = "Linux tcp_check_req (listen_overflow, tcp_abort_on_overflow)";
    public static final String HALF_DUPLEX_CLOSE = "RFC 9293 §3.6.1 (SHLD-3)";
    public static final String CLOSE_WITH_UNREAD_DATA = "RFC 9293 §3.6.1 (MAY-1, SHLD-3); RFC 2525 §2.17";
    public static final String LINUX_SYNACK_ON_DUPLICATE_SYN = "Linux tcp_check_req (retransmitted SYN)";
    public static final String LINUX_EMBRYONIC_RESET = "Linux tcp_check_req (embryonic_reset); tcp_v4_send_reset";
    public static final String LINUX_SYN_QUEUE_PRUNING = "Linux reqsk_timer_handler (SYN queue pruning)";
    public static final String LINUX_RTO_MIN = "Linux tcp_rto_min (RTAX_RTO_MIN, TCP_RTO_MIN_US); tcp_schedule_loss_probe";
    public static final String LINUX_TCP_METRICS_RTO = "Linux tcp_init_metrics (net/ipv4/tcp_metrics.c, TCP_METRIC_RTT)";
    public static final String LINUX_SYN_LINEAR_TIMEOUTS = "Linux tcp_syn_linear_timeouts (tcp_retransmit_timer)";
    public static final String LINUX_SYN_SENT_UNACCEPTABLE_ACK = "Linux tcp_rcv_synsent_state_process (TCP_TIMEOUT_MIN after an unacceptable ACK)";
    public static final String LINUX_FIN_WAIT_2 = "Linux tcp_fin_timeout (orphaned FIN-WAIT-2)";
    /**
     * TCP_CORK and MSG_MORE: SENDs without the PUSH flag, whose data TCP may hold to combine it (MAY-16), though not
     * indefinitely (MUST-60).
     */
    public static final String CORK = "RFC 9293 §3.9.1.2 (MAY-16, MUST-60); Linux __tcp_sock_set_cork, tcp_push, tcp_nagle_check";
    public static final String LINUX_SEND_BUFFER = "Linux tcp_sendmsg_locked, sk_stream_wait_memory, sk_stream_write_space";
    public static final String LINUX_ACK_ON_READ = "Linux tcp_cleanup_rbuf (ACK of pushed data once read)";
    public static final String LINUX_TW_REUSE = "Linux tcp_tw_reuse (tcp_twsk_unique); RFC 6191";
    /** ICMP Destination Unreachable: soft errors (codes 0, 1, 5) never abort (MUST-56), hard ones (2–4) should (SHLD-26). */
    public static final String ICMP = "RFC 9293 §3.9.2.2";
    public static final String LINUX_ICMP = "RFC 9293 §3.9.2.2; Linux tcp_v4_err, tcp_v6_err";
    public static final String LINUX_ICMP_REQUEST = "Linux tcp_v4_err, tcp_req_err";
    /** An ICMP error whose quoted sequence number the connection never sent unacknowledged is ignored. */
    public static final String ICMP_SEQUENCE_CHECK = "RFC 5927 §4.1; Linux tcp_v4_err";
    public static final String CRASH = "RFC 9293 §3.5.1 (half-open connections)";
    public static final String NETWORK = "network";
    /** A congested router marks an ECN-capable packet CE instead of dropping it; a Not-ECT one it drops. */
    public static final String CE_MARK = "RFC 3168 §5 (a router's CE mark)";
    public static final String HYPOTHETICAL_TWO_WAY = "hypothetical two-way handshake (not TCP; RFC 9293 §3.5)";

    private Rules() {
    }
}
