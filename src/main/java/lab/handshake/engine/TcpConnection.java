package lab.handshake.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import lab.handshake.engine.trace.SackBlock;
import lab.handshake.engine.trace.StepKind;

/**
 * One connection's transmission control block and its event processing, laid out as RFC 9293 §3.10 is:
 * the user calls (OPEN, SEND, CLOSE, ABORT), SEGMENT ARRIVES per state (§3.10.7.3 SYN-SENT, then §3.10.7.4 in
 * its order: sequence number, RST, SYN, ACK, text, FIN) and the timeouts (§3.10.8).
 *
 * <p>Every state change goes through {@link #enter}, every segment out through {@link #transmit}, every timer
 * through {@link #arm}/{@link #cancel}; each of them reports to the {@link TcpEnvironment} with the rule that
 * decided it. LISTEN and CLOSED belong to {@link Host}: a listening socket forks a new connection for each SYN.
 */
public final class TcpConnection {
    private static final int HANDSHAKE_FALLBACK_RTO_MS = 3_000;
    /** TCP_MSS_DEFAULT, and the 68 bytes (less the TCP header) below which tcp_bound_to_half_wnd never cuts. */
    private static final int SMALLEST_DEFAULT_MSS = 536;
    private static final int SMALLEST_SEGMENT_BOUND = 68;
    private static final int TCP_HEADER = 20;
    /** The quick ACKs a CE mark grants: tcp_data_ecn_check calls tcp_enter_quickack_mode(sk, 2). */
    private static final int CE_QUICK_ACKS = 2;
    /** The option space Linux keeps free in a SYN's data room (MAX_TCP_OPTION_SPACE, tcp_send_syn_data). */
    private static final int MAX_TCP_OPTION_SPACE = 40;
    /** Linux tcp_tso_win_divisor's default: a packet defers while its room is below this part of the window. */
    private static final int TSO_WIN_DIVISOR = 3;
    /** GSO_LEGACY_MAX_SIZE: the bytes tcp_tso_autosize allows a packet at a round trip below 512 µs (tcp_tso_rtt_log 9). */
    private static final int GSO_MAX_SIZE = 65_536;
    /** Linux net.ipv4.tcp_max_reordering's default: the largest degree of reordering it takes. */
    private static final int MAX_REORDERING = 300;
    /** Linux's TCP_PAWS_MSL: how long a TS.Recent still makes PAWS reject an old RST (tcp_paws_reject). */
    private static final int TCP_PAWS_MSL_MS = 60_000;

    /**
     * One segment on the retransmission queue: what to send again, when it was first sent (RFC 6298) and last sent
     * (the skb's timestamp, which a copy renews: RACK's), whether the peer holds it beyond a gap (SACKed, RFC 2018 §5:
     * the sender's scoreboard), and whether a retransmission timeout marked it lost and it waits to be sent again
     * (Linux tcp_timeout_mark_lost: out of the flight until then).
     */
    private record Unacked(int seq, int flags, int len, long firstSentAt, long lastSentAt, boolean retransmitted,
                           boolean sacked, boolean lost) {
        Unacked(int seq, int flags, int len, long firstSentAt) {
            this(seq, flags, len, firstSentAt, firstSentAt, false, false, false);
        }

        int end() {
            return seq + len + (Flags.has(flags, Flags.SYN) ? 1 : 0) + (Flags.has(flags, Flags.FIN) ? 1 : 0);
        }

        Unacked resent(long now) {
            return new Unacked(seq, flags, len, firstSentAt, now, true, sacked, false);
        }

        Unacked sackedNow() {
            return new Unacked(seq, flags, len, firstSentAt, lastSentAt, retransmitted, true, lost);
        }

        Unacked lostNow() {
            return new Unacked(seq, flags, len, firstSentAt, lastSentAt, retransmitted, sacked, true);
        }

        Unacked notLost() {
            return new Unacked(seq, flags, len, firstSentAt, lastSentAt, retransmitted, sacked, false);
        }
    }

    /** What an ACK newly delivered to the peer, acknowledged or SACKed, in bytes of data and segments with data. */
    private record Delivery(int bytes, int segments) {
        static final Delivery NONE = new Delivery(0, 0);

        Delivery plus(Unacked entry) {
            return entry.len() > 0 ? new Delivery(bytes + entry.len(), segments + 1) : this;
        }

        Delivery plus(Delivery other) {
            return new Delivery(bytes + other.bytes, segments + other.segments);
        }
    }

    /** What F-RTO decided on an ACK after a timeout (RFC 5682 §3.1; Linux tcp_process_loss), which its sends tell. */
    private enum FrtoStep {
        /** Step 2.b: the timeout's retransmission is acknowledged, so new data goes before the lost segments. */
        NEW_DATA_FIRST,
        /** Step 3.a: a duplicate ACK for that new data says the loss was real; the retransmissions go on. */
        LOSS_CONFIRMED
    }

    private final TcpEnvironment env;
    private final SocketAddress local;
    private final SocketAddress remote;
    private final boolean passiveOpen;
    private TcpState state;

    // Send sequence variables (RFC 9293 §3.3.1).
    private int iss;
    private int sndUna;
    private int sndNxt;
    private int sndWnd;
    private int sndWl1;
    private int sndWl2;
    private int maxSndWnd;
    /** Where the last data segment smaller than the MSS ended (Linux snd_sml); null before the first. */
    private Integer smallSegmentEnd;
    // Receive sequence variables.
    private int irs;
    private int rcvNxt;
    private final ReceiveWindow receiveWindow = new ReceiveWindow();
    private final OutOfOrderQueue outOfOrder = new OutOfOrderQueue();
    private final CongestionWindow congestionWindow;
    /** Data waits because the congestion window, not the peer's window, is full: the next ACK's growth sends it. */
    private boolean heldByCongestionWindow;
    /**
     * SND.NXT when the last tail loss probe went (Linux tlp_high_seq); while it is set no other probe goes
     * ({@link #endLossProbeEpisode}).
     */
    private Integer lossProbeHighSeq;
    /**
     * After a retransmission timeout, SND.NXT when it fired, then when F-RTO sent new data (Linux tp->high_seq in
     * CA_Loss); null once the loss is over or outside the linux profile ({@link Profile#testsTimeoutsByFrto}).
     */
    private Integer lossHighSeq;
    /** F-RTO is still testing the timeout (Linux tp->frto). */
    private boolean frto;
    /** What F-RTO decided on the ACK being processed, for the sends it makes; null when it decided nothing. */
    private FrtoStep frtoStep;
    /** Whether that probe sent a segment again rather than new data (Linux tlp_retrans). */
    private boolean lossProbeRetransmitted;

    // Options agreed in the handshake (RFC 9293 §3.7.1, RFC 7323, RFC 2018): one the peer did not offer is
    // not used afterwards.
    private int peerMss = TcpOptions.DEFAULT_MSS;
    private boolean sackAgreed;
    /** The duplicate the next ACK reports as its first SACK block (a D-SACK, RFC 2883 §4), once; null if none. */
    private SackBlock duplicateBlock;
    private boolean timestampsAgreed;
    /** The peer's window-scale shift, applied to the window fields it sends after its SYN. */
    private int sndShift;
    private boolean windowScaleAgreed;
    /** TS.Recent and Last.ACK.sent of RFC 7323 §4.3, and when TS.Recent was last set (§5.5: it goes stale). */
    private long tsRecent;
    private long tsRecentAt;
    /** The ISN the timestamp clock's offset is drawn from: this connection's, or the TIME-WAIT one's it took over. */
    private int tsClockIsn;
    /** When TIME-WAIT began (the peer's FIN arrived): Linux's tw_entry_stamp. */
    private long timeWaitSince;
    /** Before this time an ACK of an out-of-window segment without data is not sent (Profile#outOfWindowAckIntervalMs). */
    private long outOfWindowAckAllowedFrom;
    private int lastAckSent;

    // What the application has asked for and TCP has not yet sent.
    private long unsentBytes;
    /**
     * Linux's send buffer, which makes a write wait for room ({@link Profile#limitsWritesBySendBuffer}); null in the
     * rfc9293 profile, where a SEND queues all it is given.
     */
    private final SendBuffer sendBuffer;
    /** The bytes of the application's send() the send buffer has not taken yet: the call waits (sk_stream_wait_memory). */
    private long writeWaiting;
    /** The waiting write's flags: with MSG_MORE its last push holds a partial segment (tcp_push, TCP_NAGLE_CORK). */
    private SendFlags writeFlags = SendFlags.NONE;
    /**
     * TCP_CORK is set (Linux __tcp_sock_set_cork, TCP_NAGLE_CORK): a segment smaller than the MSS waits for more data,
     * a FIN or the cork's removal, whether or not anything is in flight (tcp_nagle_check).
     */
    private boolean corked;
    /** The bytes of the last skb a write filled, while it is unsent and takes more (tcp_write_queue_tail). */
    private long tailSkbBytes;
    /** Where the written data ended at the last push a write marked (Linux pushed_seq); null before, the ISS + 1. */
    private Integer pushedSeq;
    private boolean finQueued;
    private boolean finSent;
    private int finSeq;
    private boolean applicationClosed;
    /** Received bytes the application has not read yet (only when it reads on its own calls). */
    private long unreadBytes;

    private final LinkedList<Unacked> retransmissionQueue = new LinkedList<>();
    private int retries;
    /** A SYN or SYN,ACK had to be sent again: RFC 6298 (5.7) then starts the data phase with a 3 s RTO. */
    private boolean handshakeRetransmitted;
    private int rto;
    /** Linux icsk_backoff of the retransmission timer: a timeout since the last round-trip sample. */
    private boolean rtoBackedOff;
    /** Whether tcp_init_metrics ran: once, when the connection is established. */
    private boolean metricsInitialised;
    /** Whether the RTO in force is tcp_init_metrics' from the round trip the host keeps for the peer, until a data sample. */
    private boolean rtoFromCache;
    private final RoundTripEstimator roundTrip;
    /**
     * RACK (RFC 8985 §6.1): when the most recently sent segment the peer has SACKed was sent, where it ends (which of
     * the segments sent at one instant is the latest: RACK.end_seq) and its round trip.
     */
    private long rackSentAt = -1;
    private int rackEndSeq;
    private int rackRtt;
    /**
     * Whether the last ACK, in fast recovery, acknowledged cumulatively a segment that RACK takes (Linux
     * tcp_clean_rtx_queue → tcp_rack_advance, rack.advanced): loss detection runs then without a new SACK block.
     */
    private boolean rackAdvancedByCumulativeAck;
    /**
     * Whether the last ACK SACKed a segment that RACK takes (Linux tcp_sacktag_one → tcp_rack_advance, rack.advanced),
     * a FIN without data too: loss detection runs then though no data was SACKed (tcp_rack_mark_lost).
     */
    private boolean rackAdvancedBySack;
    /**
     * The peer was seen to take segments out of order (RFC 8985 §6.2 step 3's RACK.reordering_seen; Linux
     * tp->reord_seen): RACK then keeps its reordering window however many segments are SACKed.
     */
    private boolean reorderingSeen;
    /**
     * How far out of order the peer was seen to take segments, in segments (Linux tp->reordering): the duplicate-ACK
     * threshold at first (net.ipv4.tcp_reordering), raised by {@link #measureReordering}.
     */
    private int reorderingDegree = Profile.DUPLICATE_ACK_THRESHOLD;
    /** When the first segment still out that was sent again left (Linux retrans_stamp); -1 while none is out. */
    private long retransmittedSince = -1;
    /**
     * Without SACK, the duplicate ACKs (RFC 5681 §2) counted as segments the peer holds beyond a gap, out of the flight
     * (Linux's sacked_out of a connection without SACK: tcp_add_reno_sack, less what an ACK of new data takes back,
     * tcp_remove_reno_sacks); 0 with SACK and in the rfc9293 profile.
     */
    private int duplicateAcks;
    /**
     * Linux's SACK compression (tcp_comp_sack): the RCV.NXT of the duplicate ACKs last sent at once
     * (compressed_ack_rcv_nxt), how many went at once for it (dup_ack_counter), and how many wait (compressed_ack).
     */
    private int compressedAckRcvNxt;
    private int duplicateAcksSentAtOnce;
    private int compressedAcks;
    /**
     * Zero-window probing (RFC 9293 §3.8.6.1): the probes sent since an ACK last arrived (Linux icsk_probes_out), the
     * persist timer's back-off (icsk_backoff), and whether the last probe carried the textbook's octet of new data
     * beyond SND.NXT, which counts as sent only once an ACK covers it.
     */
    private int probesUnanswered;
    private int probeBackoff;
    private boolean probeOctetOut;
    /** Why the probe timer was last armed ({@link #armProbeTimer}): what it does when it fires. */
    private ProbeReason probeReason = ProbeReason.ZERO_WINDOW;

    // Acknowledgement policy (RFC 9293 §3.8.6.3; Linux quick-ack and ping-pong modes).
    private boolean ackOwed;
    /** The ACK owed for the segment being processed may not wait (set per segment, cleared by flushAck). */
    private boolean ackImmediately;
    /** The segment being processed brought data that an application reading on arrival takes once it is processed. */
    private boolean readOnArrivalPending;
    private int segmentsAwaitingAck;
    /** Pushed segments (see {@link Profile#acksPushedDataOnceRead}) since the last ACK: Linux ICSK_ACK_PUSHED, PUSHED2. */
    private int pushedAwaitingAck;
    private int quickAcksLeft;
    /** RCV.NXT at the latest quick ACKs spent, for {@link #ackMergedIntoLater}. */
    private final ArrayDeque<Integer> quickAcksSpentOn = new ArrayDeque<>();
    private boolean pingPong;
    /**
     * TCP Fast Open (RFC 7413): the option this connection's SYN carries, the cookie in hexadecimal or empty for a cookie
     * request (RFC 7413 §4.1.1); on a server's connection, the cookie its SYN,ACK gives (tcp_try_fastopen); null without.
     */
    private String fastOpenCookie;
    /** A client's SYN held back for its first write, to carry the data with the cookie (Linux tcp_fastopen_defer_connect). */
    private boolean synDeferred;
    /** A client's SYN carried data (Linux tp->syn_data): what the SYN,ACK leaves unacknowledged goes again with the ACK. */
    private boolean synCarriedData;
    /**
     * A server's connection that a SYN with a valid cookie made (Linux tcp_fastopen_create_child): the SYN's data went to
     * its application at once, and it may send before the handshake ends (RFC 7413 §4.2.2).
     */
    private boolean fastOpenChild;
    /** The bytes of text a SYN brought that wait for ESTABLISHED ({@link Profile#queuesSynText}, RFC 9293 §3.10.7.2). */
    private int queuedSynText;
    private final AckTimeout ackTimeout;

    private final Map<TimerKind, Long> timers = new EnumMap<>(TimerKind.class);
    private final EcnState ecn;
    /** Set while {@link #sendNew} puts a segment on the wire for the first time: ECN's new data (tcp_ecn_send). */
    private boolean sendingNew;

    private TcpConnection(TcpEnvironment env, SocketAddress local, SocketAddress remote, boolean passiveOpen,
                          TcpState initial) {
        this.env = env;
        this.local = local;
        this.remote = remote;
        this.passiveOpen = passiveOpen;
        this.state = initial;
        this.rto = env.params().initialRtoMs();
        this.roundTrip = new RoundTripEstimator(env.profile(), env.params());
        this.quickAcksLeft = env.params().quickAcks();
        this.ackTimeout = new AckTimeout(env.profile(), env.params());
        this.congestionWindow = new CongestionWindow(env.profile(), env.params().congestionControl());
        this.sendBuffer = env.writesWaitForSendBuffer() ? new SendBuffer(env.params().congestionControl()) : null;
        this.ecn = new EcnState(env.params().ecn());
    }

    // ---------------------------------------------------------------------------------------------------
    // OPEN (RFC 9293 §3.10.1)
    // ---------------------------------------------------------------------------------------------------

    /** A connection in CLOSED, not yet opened; the host registers it before calling one of the open methods. */
    static TcpConnection create(TcpEnvironment env, SocketAddress local, SocketAddress remote, boolean passiveOpen) {
        return new TcpConnection(env, local, remote, passiveOpen, passiveOpen ? TcpState.LISTEN : TcpState.CLOSED);
    }

    /** Active OPEN in CLOSED: send {@code <SEQ=ISS><CTL=SYN>} and enter SYN-SENT. */
    void openActive(int initialSequence) {
        openActive(initialSequence, initialSequence);
    }

    /**
     * Active OPEN with the timestamp clock drawn from {@code clockIsn}: an earlier connection's on this 4-tuple, whose
     * clock Linux runs on (one offset per 4-tuple, secure_tcp_seq_and_ts_off), so that the new SYN's TSval is newer
     * than any the old connection sent (what RFC 6191 relies on).
     */
    void openActive(int initialSequence, int clockIsn) {
        tsClockIsn = clockIsn;
        open(initialSequence, env.params().mss());
    }

    /**
     * Active OPEN on the 4-tuple of a TIME-WAIT connection Linux hands on (tcp_twsk_unique): the ISS is its
     * SND.NXT + 65537 (65535 + 2), beyond any window its peer may still hold, and the new connection keeps its
     * timestamp clock and TS.Recent, so the SYN echoes the old peer's last TSval. Like Linux, the first window
     * then counts the timestamps' room (tcp_connect_init: 45 × 1448).
     */
    void openActiveAfter(TcpConnection timeWait) {
        tsClockIsn = timeWait.tsClockIsn;
        tsRecent = timeWait.tsRecent;
        tsRecentAt = timeWait.tsRecentAt;
        open(timeWait.issAfterTimeWait(), env.params().mss() - TcpOptions.TIMESTAMPS_ROOM);
    }

    /** The ISS Linux gives the next connection on this TIME-WAIT 4-tuple: SND.NXT + 65537 (65535 + 2), never 0. */
    private int issAfterTimeWait() {
        int initialSequence = sndNxt + 65_535 + 2;
        return initialSequence == 0 ? 1 : initialSequence;
    }

    private void open(int initialSequence, int receiveMss) {
        iss = initialSequence;
        sndUna = iss;
        sndNxt = iss;
        startReceiveWindow(receiveMss);
        if (env.profile().runsFastOpen(env.params())) {
            boolean noCookie = env.params().fastOpen() == FastOpen.NO_COOKIE;
            fastOpenCookie = noCookie ? null : env.fastOpenCookieFor(remote);
            if (fastOpenCookie != null || noCookie) {
                // RFC 7413 §4.2.1; Linux tcp_v4_connect → tcp_fastopen_defer_connect: with TCP_FASTOPEN_CONNECT and a
                // cookie held, connect() returns in SYN-SENT and the SYN leaves with the first write's data. With
                // TFO_CLIENT_NO_COOKIE tcp_fastopen_cookie_check says yes with no cookie (length -1): the SYN waits the
                // same and carries no option (tcp_syn_options).
                synDeferred = true;
                enter(TcpState.SYN_SENT, Explanation.of(Rules.FAST_OPEN,
                        noCookie ? "open.active.fast-open-no-cookie" : "open.active.fast-open"));
                return;
            }
            // RFC 7413 §4.1.2: no cookie for this server yet, so the SYN asks for one (an empty option) and carries no data.
            fastOpenCookie = "";
            enter(TcpState.SYN_SENT, Explanation.of(Rules.OPEN, "open.active"));
            sendNew(Flags.SYN, 0, Explanation.of(Rules.FAST_OPEN, "send.syn.fast-open-request"));
            return;
        }
        enter(TcpState.SYN_SENT, Explanation.of(Rules.OPEN, "open.active"));
        sendNew(Flags.SYN, 0, Explanation.of(Rules.OPEN, "send.syn"));
    }

    /**
     * The first write of a client whose SYN waits for it ({@link #synDeferred}): the SYN carries the cookie and as much of
     * the data as fits in the MSS less the 40 bytes of option space Linux keeps free (tcp_send_syn_data: {@code space =
     * __tcp_mtu_to_mss() - MAX_TCP_OPTION_SPACE}); the rest waits for ESTABLISHED. As in tcp_send_syn_data the data is
     * queued apart from the SYN, so that a retransmission timeout sends the SYN alone, and data the SYN,ACK does not
     * acknowledge is sent again with the ACK ({@link #synSentArrives}).
     */
    private void sendSynWithData() {
        synDeferred = false;
        int len = (int) Math.min(unsentBytes, Math.max(0, env.params().mss() - MAX_TCP_OPTION_SPACE));
        synCarriedData = len > 0;
        unsentBytes -= len;
        retransmissionQueue.addLast(new Unacked(iss, Flags.SYN, 0, env.now()));
        if (len > 0) {
            retransmissionQueue.addLast(new Unacked(iss + 1, 0, len, env.now()));
        }
        sndNxt = iss + 1 + len;
        sendingNew = true;
        transmitNow(iss, 0, Flags.SYN, len, Explanation.of(Rules.FAST_OPEN,
                fastOpenCookie == null ? "send.syn.fast-open-data-no-cookie" : "send.syn.fast-open-data", len));
        sendingNew = false;
        armRto();
    }

    /** Whether a new connect() may take this connection's 4-tuple ({@link Profile#reusesTimeWait}). */
    boolean reusableForConnect() {
        return state == TcpState.TIME_WAIT
                && env.profile().reusesTimeWait(env.params(), timestampsAgreed, env.now() - timeWaitSince);
    }

    /** A new connect() takes this TIME-WAIT connection's 4-tuple: it ends here, without a segment. */
    void handOverTuple() {
        enter(TcpState.CLOSED, Explanation.of(Rules.LINUX_TW_REUSE, "time-wait.reused"));
        delete(false);
    }

    /**
     * A listener received a SYN (RFC 9293 §3.10.7.2, third step): RCV.NXT = SEG.SEQ+1, IRS = SEG.SEQ, and
     * {@code <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>} from SYN-RECEIVED.
     */
    void synArrivedAtListener(Segment syn, int initialSequence) {
        answerSyn(syn, initialSequence, initialSequence);
    }

    /**
     * A listener received a SYN that ended {@code timeWait} (Linux tcp_v4_rcv, TCP_TW_SYN): the ISS is the old
     * SND.NXT + 65537 (65535 + 2, never 0), above every sequence number of the old connection as RFC 9293 §3.6.1
     * (MAY-2, condition 1) asks, and the timestamp clock runs on, as Linux's offset is one per 4-tuple
     * (secure_tcp_seq_and_ts_off).
     */
    void synArrivedAfterTimeWait(Segment syn, TcpConnection timeWait) {
        answerSyn(syn, timeWait.issAfterTimeWait(), timeWait.tsClockIsn);
    }

    private void answerSyn(Segment syn, int initialSequence, int clockIsn) {
        irs = syn.seq();
        rcvNxt = syn.seq() + 1;
        iss = initialSequence;
        tsClockIsn = clockIsn;
        sndUna = iss;
        sndNxt = iss;
        agreeOptions(syn.options(), true);
        ecn.synArrived(syn);
        updateWindow(syn);
        String offered = syn.options().fastOpenCookie();
        boolean takenWithoutCookie = env.params().fastOpen() == FastOpen.NO_COOKIE && (offered != null || syn.len() > 0);
        if ((offered != null || takenWithoutCookie) && env.profile().runsFastOpen(env.params())) {
            answerFastOpenSyn(syn, offered, takenWithoutCookie);
        } else {
            queuedSynText = env.profile().queuesSynText() ? syn.len() : 0;
            enter(TcpState.SYN_RECEIVED, queuedSynText > 0
                    ? Explanation.of(Rules.LISTEN_ARRIVES, "listen.syn.queued-text", queuedSynText)
                    : Explanation.of(Rules.LISTEN_ARRIVES, "listen.syn"));
            sendNew(Flags.SYN | Flags.ACK, 0, Explanation.of(Rules.LISTEN_ARRIVES, "send.synack"));
        }
        if (env.params().twoWayHandshake()) {
            enter(TcpState.ESTABLISHED, Explanation.of(Rules.HYPOTHETICAL_TWO_WAY, "twoway.established"));
            env.signal(this, UserSignal.ESTABLISHED, 0);
        }
    }

    /**
     * A SYN with the Fast Open option at a listener that runs Fast Open (Linux tcp_conn_request → tcp_try_fastopen). A valid
     * cookie makes the connection at once (tcp_fastopen_create_child, RFC 7413 §4.2.2): the SYN's data is acknowledged and
     * handed to the application in SYN-RECEIVED, and the SYN,ACK carries no cookie ({@code foc->len = -1}). A cookie request
     * or an invalid cookie gets the valid cookie on the SYN,ACK, which acknowledges the SYN alone (RFC 7413 §4.1.2, §4.2.2:
     * the data is dropped, and the client sends it again after the handshake). A listener that needs no cookie
     * (TFO_SERVER_COOKIE_NOT_REQD: tcp_try_fastopen's {@code goto fastopen}) makes the connection at once for any SYN
     * with data or the option, and gives no cookie.
     */
    private void answerFastOpenSyn(Segment syn, String offered, boolean takenWithoutCookie) {
        String valid = env.fastOpenCookieIssued(remote);
        if (takenWithoutCookie || !offered.isEmpty() && offered.equals(valid)) {
            fastOpenChild = true;
            enter(TcpState.SYN_RECEIVED, Explanation.of(Rules.FAST_OPEN,
                    takenWithoutCookie ? "listen.syn.fast-open-no-cookie" : "listen.syn.fast-open", syn.len()));
            if (syn.len() > 0) {
                // tcp_fastopen_add_skb: the data is queued for the application and RCV.NXT moves past it; no quick-ACK
                // or ato bookkeeping (tcp_event_data_recv is not called).
                rcvNxt += syn.len();
                if (env.readMode() == ReadMode.ON_CALL) {
                    unreadBytes += syn.len();
                }
                receiveWindow.arrived(syn.len(), syn.options().length(), env.now());
                env.signal(this, UserSignal.DATA, syn.len());
            }
            sendNew(Flags.SYN | Flags.ACK, 0, Explanation.of(Rules.FAST_OPEN,
                    takenWithoutCookie ? "send.synack.fast-open-no-cookie" : "send.synack.fast-open", syn.len()));
            return;
        }
        fastOpenCookie = valid;
        enter(TcpState.SYN_RECEIVED, Explanation.of(Rules.LISTEN_ARRIVES, "listen.syn"));
        sendNew(Flags.SYN | Flags.ACK, 0, Explanation.of(Rules.FAST_OPEN,
                offered.isEmpty() ? "send.synack.fast-open-cookie" : "send.synack.fast-open-invalid", syn.len()));
        // Only the first SYN,ACK gives it: tcp_rtx_synack sends again with no cookie (send_synack(..., foc = NULL, ...)).
        fastOpenCookie = null;
    }

    /**
     * The ACK of a valid SYN cookie (RFC 4987 §3.6): the listener kept no state, so the connection is rebuilt
     * from the ACK and starts in ESTABLISHED.
     */
    void cookieAckArrived(Segment ack, int initialSequence) {
        iss = initialSequence;
        tsClockIsn = initialSequence;
        sndUna = iss + 1;
        sndNxt = iss + 1;
        irs = ack.seq() - 1;
        rcvNxt = ack.seq();
        agreeCookieOptions(ack.options());
        updateWindow(ack);
        enter(TcpState.ESTABLISHED, Explanation.of(Rules.SYN_COOKIES, "cookie.valid"));
        env.signal(this, UserSignal.ESTABLISHED, 0);
        processTextAndFin(ack);
        flushAck();
    }

    // ---------------------------------------------------------------------------------------------------
    // SEND, CLOSE, ABORT (RFC 9293 §3.10.2, §3.10.4, §3.10.5)
    // ---------------------------------------------------------------------------------------------------

    /**
     * SEND: queue {@code bytes} for transmission. In SYN-SENT and SYN-RECEIVED the data waits for ESTABLISHED.
     * {@code flags}: {@link SendFlags#MORE}, a SEND without the PUSH flag (RFC 9293 §3.9.1.2, MAY-16), whose end holds a
     * partial segment as a cork would, for this call only (Linux tcp_push: nonagle = TCP_NAGLE_CORK).
     *
     * @return null when accepted, otherwise the message key of the error the user gets
     */
    public String send(int bytes, SendFlags flags) {
        if (state.hasClosedSending() || finQueued) {
            return "error.connection-closing";
        }
        if (synDeferred) {
            unsentBytes += bytes;
            sendSynWithData();
            return null;
        }
        if (!hasUnacknowledgedData()) {
            congestionWindow.restartIfIdle(env.now(), rto, sendMss());
        }
        congestionWindow.applicationWrites(unsentBytes, sendMss(), segmentsInFlight());
        if (sendBuffer == null || !state.isSynchronized()) {
            // Before ESTABLISHED the buffer is not sized yet (tcp_init_buffer_space): what is written then is queued
            // whole, as SEND in SYN-SENT queues it (RFC 9293 §3.10.4).
            unsentBytes += bytes;
            pushData(PartialSegment.atTheEndOf(flags));
            return null;
        }
        writeWaiting += bytes;
        writeFlags = flags;
        queueWrite(false);
        return null;
    }

    /** Whether TCP_CORK is set. */
    public boolean corked() {
        return corked;
    }

    /**
     * setsockopt(TCP_CORK): set, a partial segment waits (Linux __tcp_sock_set_cork sets TCP_NAGLE_CORK); cleared,
     * what is queued is pushed (tcp_push_pending_frames), past Nagle too if TCP_NODELAY is on (TCP_NAGLE_PUSH).
     */
    public void setCork(boolean on) {
        corked = on;
        if (!on && state.isSynchronized()) {
            pushData(env.params().noDelay() ? PartialSegment.GOES : PartialSegment.SOCKET_SETTING);
        }
    }

    /**
     * tcp_sendmsg_locked: the write's bytes fill the unsent tail skb up to the size goal, then new skbs while the buffer
     * has room (sk_stream_memory_free); what it cannot take waits, and before the call sleeps tcp_push sends what was
     * queued (sk_stream_wait_memory). Once all is queued the call returns, and tcp_push sends it. {@code woken}: the
     * call was waiting and an ACK freed room.
     *
     * <p>Only the push at the write's end applies Nagle (tcp_push with tp->nonagle). The push before the call sleeps
     * ({@code wait_for_space}, once the call has copied anything) and the forced push of a full skb that takes the
     * written data more than half the largest window past the last push ({@code forced_push}), or else of a full skb
     * at the send head (tcp_push_one), are TCP_NAGLE_PUSH, so tcp_write_xmit keeps a part of a segment at the window's
     * edge (tcp_mss_split_point, tcp_nagle_check) even behind an unacknowledged small segment.
     */
    private void queueWrite(boolean woken) {
        int goal = SendBuffer.sizeGoal(sendMss(), halfTheLargestWindow());
        boolean copied = woken;
        while (writeWaiting > 0) {
            long tail = Math.min(tailSkbBytes, unsentBytes);
            long copy = tail > 0 ? goal - tail : 0;
            if (copy <= 0) {
                if (!sendBuffer.hasRoom(queuedBytes())) {
                    break;
                }
                tail = 0;
                copy = goal;
            }
            copy = Math.min(copy, writeWaiting);
            tailSkbBytes = tail + copy;
            unsentBytes += copy;
            writeWaiting -= copy;
            sendBuffer.written(sndNxt + (int) unsentBytes, tail == 0);
            copied = true;
            if (writeWaiting > 0 && tailSkbBytes >= goal && forcedPush()) {
                markPush();
                pushData(PartialSegment.GOES);
            } else if (writeWaiting > 0 && tailSkbBytes >= goal && unsentBytes == tailSkbBytes) {
                // tcp_push_one: the full skb is the send head; what a window's edge leaves of it is the tail the
                // write fills next.
                pushData(PartialSegment.GOES);
            }
        }
        if (writeWaiting > 0 && !woken) {
            env.writeNoted(this, StepKind.WRITE_WAITS, Explanation.of(Rules.LINUX_SEND_BUFFER, "write.waits",
                    writeWaiting, sendBuffer.size(), queuedBytes()));
        } else if (writeWaiting == 0 && woken) {
            env.writeNoted(this, StepKind.WRITE_DONE, Explanation.of(Rules.LINUX_SEND_BUFFER, "write.done",
                    sendBuffer.size(), queuedBytes()));
        }
        if (copied) {
            markPush();
        }
        pushData(copied && writeWaiting > 0 ? PartialSegment.GOES
                : PartialSegment.atTheEndOf(writeFlags));
    }

    /** A packet of new data from {@code start} to SND.NXT left: its skb in the send buffer (tcp_write_xmit). */
    private void packetSent(int start) {
        if (sendBuffer != null && start != sndNxt) {
            sendBuffer.sent(start, sndNxt);
        }
    }

    /** forced_push: the written data ends more than half the largest window the peer offered past the last push. */
    private boolean forcedPush() {
        int pushed = pushedSeq == null ? iss + 1 : pushedSeq;
        return Seq.gt(sndNxt + (int) unsentBytes, pushed + (maxSndWnd >> 1));
    }

    /** tcp_mark_push: the push marks where the written data ends. */
    private void markPush() {
        pushedSeq = sndNxt + (int) unsentBytes;
    }

    /**
     * An ACK freed room while a write waits (tcp_check_space after tcp_push_pending_frames): tcp_new_space grows the
     * buffer with the congestion window unless that window is full (tcp_should_expand_sndbuf), and wakes the writer
     * once a third of the buffer is free (sk_stream_write_space).
     */
    private void wakeWriter() {
        if (writeWaiting == 0) {
            return;
        }
        int mss = sendMss();
        if (congestionRoom(mss) > 0) {
            sendBuffer.expand(mssClamp(), sndbufSegments(mss));
        }
        if (sendBuffer.wakesWriter(queuedBytes())) {
            queueWrite(true);
        }
    }

    /** Every byte the application wrote is in TCP and has been sent: a FIN may follow (none waits for buffer room). */
    private boolean allWrittenQueuedAndSent() {
        return unsentBytes == 0 && writeWaiting == 0;
    }

    /**
     * What the send buffer holds, as the kernel's sk_wmem_queued counts it: written and not yet acknowledged
     * (write_seq - snd_una), and the truesize of the skbs holding it.
     */
    private long queuedBytes() {
        return (long) (sndNxt - sndUna) + unsentBytes + sendBuffer.skbOverhead(sndUna);
    }

    /** tcp_sndbuf_expand's max(rx_opt.mss_clamp, mss_cache): the MSS the peer announced, capped by our own. */
    private int mssClamp() {
        return Math.max(Math.min(env.params().mss(), peerMss), sendMss());
    }

    /** The application's send() waits for room in the send buffer. */
    public boolean writerWaits() {
        return writeWaiting > 0;
    }

    /**
     * RECEIVE (§3.10.3): the application takes up to {@code bytes} of the received data waiting for it.
     *
     * @return null; reading when nothing waits reads nothing
     */
    public String read(int bytes) {
        long taken = Math.min(unreadBytes, bytes);
        unreadBytes -= taken;
        receiveWindow.read(taken);
        if (taken > 0 && ackOwed && readSendsOwedAck(unreadBytes == 0)) {
            sendAck(Explanation.of(Rules.LINUX_ACK_ON_READ, "send.ack.read"));
        } else if (taken > 0 && state.isSynchronized() && !state.hasReceivedFin()
                && receiveWindow.opensOnRead(rcvNxt, unreadBytes, sendMss(), env.now())) {
            sendAck(Explanation.of(Rules.WINDOW_UPDATE, "send.ack.window-update", taken));
        }
        return null;
    }

    /**
     * CLOSE in the RFC's simplex sense (shutdown of the sending side): a FIN follows the queued data; the
     * application keeps reading.
     *
     * @return null when accepted, otherwise the message key of the error
     */
    public String shutdown() {
        return closeSending(false);
    }

    /**
     * The socket close() call: CLOSE, and the application stops reading. Linux then answers new data with RST
     * and limits an orphaned FIN-WAIT-2.
     */
    public String close() {
        if (unreadBytes > 0 && state.isSynchronized()) {
            resetUnreadOnClose();
            return null;
        }
        return closeSending(true);
    }

    /**
     * close() while received data waits unread: the data is lost, and RFC 9293 §3.6.1 (SHLD-3, after RFC 2525
     * §2.17) says to show it with a RST instead of a FIN. Linux does so in tcp_close() ("data_was_unread").
     */
    private void resetUnreadOnClose() {
        applicationClosed = true;
        long tossed = unreadBytes;
        // The data is thrown away before the RST is built, so its window is that of an empty buffer (Linux __tcp_close:
        // tcp_eat_recv_skb for every queued segment, then tcp_send_active_reset; close-zero-window-defaults).
        unreadBytes = 0;
        receiveWindow.read(tossed);
        boolean withAck = env.profile().abortResetCarriesAck();
        transmitNow(sndNxt, withAck ? rcvNxt : 0, Flags.RST | (withAck ? Flags.ACK : 0), 0,
                Explanation.of(Rules.CLOSE_WITH_UNREAD_DATA, "send.rst.unread-data", tossed));
        enter(TcpState.CLOSED, Explanation.of(Rules.CLOSE_WITH_UNREAD_DATA, "close.unread-data"));
        delete(false);
    }

    private String closeSending(boolean stopReading) {
        if (stopReading) {
            boolean alreadyShut = finQueued || state.hasClosedSending();
            applicationClosed = true;
            if (alreadyShut) {
                if (state == TcpState.FIN_WAIT_2) {
                    armFinWait2TimerIfOrphaned();
                }
                return null;
            }
        } else if (finQueued || state.hasClosedSending()) {
            return "error.connection-closing";
        }
        switch (state) {
            case SYN_SENT -> {
                // §3.10.4: CLOSE in SYN-SENT deletes the TCB.
                enter(TcpState.CLOSED, Explanation.of(Rules.CLOSE, "close.syn-sent"));
                delete(false);
            }
            case SYN_RECEIVED, ESTABLISHED, CLOSE_WAIT -> {
                finQueued = true;
                pushData();
                if (!finSent && state != TcpState.SYN_RECEIVED) {
                    enterClosingState(Explanation.of(Rules.CLOSE, "close.data-queued", unsentBytes));
                }
            }
            default -> {
                return "error.connection-closing";
            }
        }
        return null;
    }

    /** ABORT (§3.10.5): in a state that has sent or received a SYN, send a RST; then delete the TCB. */
    public void abort() {
        switch (state) {
            case SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> {
                boolean withAck = env.profile().abortResetCarriesAck();
                transmitNow(sndNxt, withAck ? rcvNxt : 0, Flags.RST | (withAck ? Flags.ACK : 0), 0,
                        Explanation.of(Rules.ABORT, "send.rst.abort"));
            }
            default -> {
                // SYN-SENT, CLOSING, LAST-ACK, TIME-WAIT: no RST, the TCB just goes away.
            }
        }
        enter(TcpState.CLOSED, Explanation.of(Rules.ABORT, "abort"));
        delete(false);
    }

    // ---------------------------------------------------------------------------------------------------
    // SEGMENT ARRIVES (RFC 9293 §3.10.7.3 and §3.10.7.4)
    // ---------------------------------------------------------------------------------------------------

    public void segmentArrives(Segment seg) {
        if (state == TcpState.SYN_SENT) {
            synSentArrives(seg);
        } else if (state != TcpState.CLOSED && state != TcpState.LISTEN) {
            synchronizedOrSynReceivedArrives(seg);
        }
        if (state != TcpState.CLOSED) {
            flushAck();
        }
    }

    private void synSentArrives(Segment seg) {
        // First, check the ACK bit.
        if (seg.has(Flags.ACK) && (Seq.le(seg.ack(), iss) || Seq.gt(seg.ack(), sndNxt))) {
            if (!seg.has(Flags.RST)) {
                sendResetAsForNoConnection(seg, Explanation.of(Rules.SYN_SENT_ARRIVES, "send.rst.bad-ack"));
            }
            env.discarded(this, seg, Explanation.of(Rules.SYN_SENT_ARRIVES, "discard.syn-sent.bad-ack"));
            OptionalInt soon = env.profile().synResendAfterUnacceptableAckMs();
            if (retries == 0 && soon.isPresent()) {
                arm(TimerKind.RETRANSMISSION, soon.getAsInt(), Explanation.of(Rules.LINUX_SYN_SENT_UNACCEPTABLE_ACK,
                        "timer.syn-sent.unacceptable-ack", soon.getAsInt()));
            }
            return;
        }
        boolean ackAcceptable = seg.has(Flags.ACK);
        // Second, check the RST bit: accepted only if it acknowledges our SYN.
        if (seg.has(Flags.RST)) {
            if (ackAcceptable) {
                env.signal(this, UserSignal.RESET, 0);
                enter(TcpState.CLOSED, Explanation.of(Rules.SYN_SENT_ARRIVES, "syn-sent.rst"));
                delete(false);
            } else {
                env.discarded(this, seg, Explanation.of(Rules.SYN_SENT_ARRIVES, "discard.syn-sent.rst-no-ack"));
            }
            return;
        }
        // Fourth, check the SYN bit (the third, security, is not modelled).
        if (!seg.has(Flags.SYN)) {
            env.discarded(this, seg, Explanation.of(Rules.SYN_SENT_ARRIVES, "discard.syn-sent.no-syn"));
            return;
        }
        irs = seg.seq();
        rcvNxt = seg.seq() + 1;
        agreeOptions(seg.options(), false);
        String given = seg.options().fastOpenCookie();
        if (fastOpenCookie != null && given != null && !given.isEmpty()) {
            // RFC 7413 §4.1.2; Linux tcp_rcv_fastopen_synack → tcp_fastopen_cache_set: kept for the next connection.
            env.fastOpenCookieReceived(remote, given);
        }
        if (ackAcceptable) {
            ecn.synAckArrived(seg);
            acknowledge(seg.ack(), seg);
        }
        updateWindow(seg);
        if (synCarriedData && ackAcceptable && Seq.gt(sndUna, iss) && !retransmissionQueue.isEmpty()) {
            // Data sent in the SYN that the SYN,ACK does not acknowledge (a cookie the server did not take): Linux
            // tcp_rcv_fastopen_synack marks it lost and sends it again at once, carrying the ACK (RFC 7413 §4.2.2).
            retransmissionQueue.replaceAll(Unacked::lostNow);
        }
        if (Seq.gt(sndUna, iss)) {
            enter(TcpState.ESTABLISHED, Explanation.of(Rules.SYN_SENT_ARRIVES, "syn-sent.synack"));
            applyCachedRoundTrip();
            applyHandshakeFallbackRto();
            env.signal(this, UserSignal.ESTABLISHED, 0);
            // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>; queued data or FIN may ride on it.
            if (!pushData()) {
                sendAck(Explanation.of(Rules.SYN_SENT_ARRIVES, "send.ack.synack"));
            }
            if (seg.len() > 0 || seg.has(Flags.FIN)) {
                processTextAndFin(seg);
            }
        } else {
            // Simultaneous open (Figure 7): our SYN is answered with SYN,ACK, from SYN-RECEIVED.
            enter(TcpState.SYN_RECEIVED, Explanation.of(Rules.SYN_SENT_ARRIVES, "syn-sent.syn"));
            Unacked syn = retransmissionQueue.peekFirst();
            if (syn != null) {
                retransmissionQueue.pollFirst();
                retransmissionQueue.addFirst(syn.resent(env.now()));
            }
            transmitNow(iss, rcvNxt, Flags.SYN | Flags.ACK, 0, Explanation.of(Rules.SYN_SENT_ARRIVES, "send.synack.simultaneous"));
        }
    }

    private void synchronizedOrSynReceivedArrives(Segment seg) {
        if (state == TcpState.TIME_WAIT && reopenedByNewSyn(seg)) {
            return;
        }
        if (state == TcpState.TIME_WAIT && seg.has(Flags.RST) && env.params().rfc1337()) {
            // RFC 1337 §3, F1: an old RST must not end TIME-WAIT early (Linux tcp_rfc1337=1: nothing sent, no restart).
            env.discarded(this, seg, Explanation.of(Rules.RFC1337, "discard.time-wait.rst.rfc1337"));
            return;
        }
        if (state == TcpState.TIME_WAIT && env.profile().restartsTimeWaitForAnySegment() && !retransmittedFin(seg)) {
            timeWaitMiniSocketArrives(seg);
            return;
        }
        if (state == TcpState.SYN_RECEIVED && !passiveOpen && seg.has(Flags.SYN) && seg.has(Flags.ACK) && seg.seq() == irs) {
            // Simultaneous open (Figure 7, line 6): the peer's SYN,ACK repeats the SYN we already hold. Only the
            // new part of a segment is processed (§3.10.7.4, first step), so the old SYN is trimmed off and the
            // ACK of our SYN is what remains.
            seg = new Segment(seg.src(), seg.dst(), seg.seq() + 1, seg.ack(), seg.flags() & ~Flags.SYN, seg.len(), seg.window(),
                    seg.options(), sndShift);
            if (env.profile().acksSimultaneousOpenSynAck()) {
                ackOwedNow();
                if (sackAgreed && env.profile().reportsDuplicatesWithDsack()) {
                    // The repeated SYN is a duplicate below RCV.NXT: Linux's tcp_data_queue reports it with a D-SACK
                    // of its one sequence number (tcp_dsack_set; simultaneous-open-defaults capture).
                    duplicateBlock = new SackBlock(Integer.toUnsignedLong(irs), Integer.toUnsignedLong(irs + 1));
                }
            }
        }
        if (timestampsChecked(seg) && timestampsDiscard(seg)) {
            return;
        }
        // First, check the sequence number (Table 6).
        if (!acceptable(seg)) {
            unacceptableArrives(seg);
            return;
        }
        recordTimestamp(seg);
        // Second, check the RST bit (with the RFC 5961 refinements).
        if (seg.has(Flags.RST)) {
            resetArrives(seg);
            return;
        }
        // Fourth, check the SYN bit.
        if (seg.has(Flags.SYN)) {
            if (state == TcpState.SYN_RECEIVED && passiveOpen) {
                if (env.profile().resetsRequestOnSyn()) {
                    env.transmit(this, new Segment(local, remote, 0, seg.seq() + seg.seqLength(), Flags.RST | Flags.ACK, 0, 0),
                            Explanation.of(Rules.LINUX_EMBRYONIC_RESET, "send.rst.syn-received.syn"));
                }
                enter(TcpState.LISTEN, Explanation.of(Rules.SYN_CHECK, "syn-received.syn"));
                delete(true);
                return;
            }
            challengeOrReset(seg);
            return;
        }
        // Fifth, check the ACK field.
        if (!seg.has(Flags.ACK)) {
            env.discarded(this, seg, Explanation.of(Rules.ACK_CHECK, "discard.no-ack"));
            return;
        }
        int priorSndUna = sndUna;
        if (!ackArrives(seg)) {
            return;
        }
        measureReceiverRtt(seg);
        if (queuedSynText > 0 && state.acceptsText()) {
            processQueuedSynText(seg);
        }
        // Seventh and eighth: the text and the FIN.
        processTextAndFin(seg);
        sendWhatTheAckLets(Seq.lt(priorSndUna, sndUna));
    }

    /**
     * A SYN in TIME-WAIT that opens a new incarnation of the connection ({@link Profile#reopensTimeWaitForNewSyn}, RFC
     * 9293 §3.6.1 MAY-2; Linux tcp_timewait_state_process, TCP_TW_SYN): no ACK or RST, not rejected by PAWS, and a
     * sequence number above RCV.NXT or a TSval newer than TS.Recent (RFC 6191 §2), with a listener to take it (else
     * tcp_v4_rcv answers it with the TIME-WAIT ACK, as §3.10.7.4 does below). TIME-WAIT ends, the listener answers.
     */
    private boolean reopenedByNewSyn(Segment seg) {
        if (!env.profile().reopensTimeWaitForNewSyn() || !seg.has(Flags.SYN) || seg.has(Flags.ACK) || seg.has(Flags.RST)
                || !env.listening()) {
            return false;
        }
        TcpOptions.Timestamps timestamps = timestampsAgreed ? seg.options().timestamps() : null;
        if (timestamps != null && pawsRejects(timestamps.value())) {
            return false;
        }
        boolean aboveRcvNxt = Seq.gt(seg.seq(), rcvNxt);
        if (!aboveRcvNxt && (timestamps == null || (int) (tsRecent - timestamps.value()) >= 0)) {
            return false;
        }
        enter(TcpState.CLOSED, aboveRcvNxt
                ? Explanation.of(Rules.TIME_WAIT_NEW_SYN, "time-wait.new-syn", Integer.toUnsignedLong(seg.seq() - rcvNxt))
                : Explanation.of(Rules.TIME_WAIT_NEW_SYN, "time-wait.new-syn.timestamp"));
        delete(false);
        env.synAfterTimeWait(this, seg);
        return true;
    }

    /**
     * Linux's TIME-WAIT mini-socket ({@link Profile#restartsTimeWaitForAnySegment}; tcp_timewait_state_process) for a
     * segment other than a SYN that reopens the connection ({@link #reopenedByNewSyn}) and the retransmitted FIN (which
     * {@link #unacceptableArrives} ACKs alike): a RST ends TIME-WAIT only exactly at RCV.NXT and is otherwise dropped
     * without the challenge ACK of RFC 5961; a pure ACK at RCV.NXT that PAWS lets through restarts the 2MSL timer and is
     * taken silently; anything else, old data, an old SYN or a segment PAWS rejects (RFC 7323 §5.3 R1), is answered
     * with an ACK, the timer restarted if it carries ACK or PAWS rejects it, and an ACK for a segment without data, or
     * for a SYN, at most once per {@link Profile#outOfWindowAckIntervalMs} (tcp_oow_rate_limited: "Data packets without
     * SYNs are not likely part of an ACK loop"). RFC 7323 Appendix B: PAWS keeps old duplicates from TIME-WAIT's
     * incarnation out, and this ACK only repeats what TIME-WAIT has.
     */
    private void timeWaitMiniSocketArrives(Segment seg) {
        if (seg.has(Flags.RST)) {
            timeWaitMiniSocketReset(seg);
            return;
        }
        TcpOptions.Timestamps timestamps = timestampsAgreed ? seg.options().timestamps() : null;
        boolean paws = timestamps != null && pawsRejects(timestamps.value());
        if (!paws && seg.seq() == rcvNxt && seg.seqLength() == 0) {
            recordTimestamp(seg);
            arm(TimerKind.TIME_WAIT, env.params().timeWaitMs(), Explanation.of(Rules.LINUX_TIME_WAIT, "timer.time-wait.restart.ack"));
            return;
        }
        long older = paws ? (int) (tsRecent - timestamps.value()) : 0;
        if (paws || seg.has(Flags.ACK)) {
            arm(TimerKind.TIME_WAIT, env.params().timeWaitMs(), Explanation.of(Rules.LINUX_TIME_WAIT, "timer.time-wait.restart.old"));
        }
        if (outOfWindowAckRateLimited(seg)) {
            env.discarded(this, seg, Explanation.of(Rules.LINUX_OOW_RATE_LIMIT, "discard.time-wait.rate-limited",
                    env.profile().outOfWindowAckIntervalMs()));
            return;
        }
        sendAck(paws ? Explanation.of(Rules.PAWS, "send.ack.paws", older) : Explanation.of(Rules.SEQUENCE_CHECK, "send.ack.unacceptable"));
        env.discarded(this, seg, paws ? Explanation.of(Rules.PAWS, "discard.paws", older)
                : Explanation.of(Rules.SEQUENCE_CHECK, "discard.unacceptable"));
    }

    /**
     * A RST in Linux's TIME-WAIT (tcp_timewait_state_process, tcp_rfc1337=0): exactly at RCV.NXT it ends TIME-WAIT, the
     * "TIME_WAIT assassination" of RFC 1337 (inet_twsk_deschedule_put); anywhere else, or with a TSval PAWS rejects, it
     * is dropped without a word, as the mini-socket sends no challenge ACK. Unlike RFC 7323 R1, PAWS checks a RST here
     * while TS.Recent is younger than TCP_PAWS_MSL (tcp_paws_reject with rst; time-wait-rst-old-tsval capture).
     */
    private void timeWaitMiniSocketReset(Segment seg) {
        TcpOptions.Timestamps timestamps = timestampsAgreed ? seg.options().timestamps() : null;
        if (timestamps != null && pawsRejects(timestamps.value()) && env.now() - tsRecentAt < TCP_PAWS_MSL_MS) {
            env.discarded(this, seg, Explanation.of(Rules.LINUX_TIME_WAIT_RST, "discard.time-wait.rst.paws",
                    (int) (tsRecent - timestamps.value())));
            return;
        }
        if (seg.seq() != rcvNxt) {
            env.discarded(this, seg, Explanation.of(Rules.LINUX_TIME_WAIT_RST, "discard.time-wait.rst.not-exact"));
            return;
        }
        enter(TcpState.CLOSED, Explanation.of(Rules.LINUX_TIME_WAIT_RST, "rst.time-wait.assassination"));
        delete(false);
    }

    /** The peer's FIN again, ending at RCV.NXT: TIME-WAIT's reason to be (§3.10.7.4). */
    private boolean retransmittedFin(Segment seg) {
        return seg.has(Flags.FIN) && seg.seq() + seg.seqLength() == rcvNxt;
    }

    /** PAWS (RFC 7323 §5.3 R1) rejects this TSval: older than TS.Recent, which has not gone stale (§5.5). */
    private boolean pawsRejects(long tsVal) {
        Profile profile = env.profile();
        return profile.pawsRejects(tsRecent, tsVal) && env.now() - tsRecentAt < profile.tsRecentLifetimeMs();
    }

    /**
     * Whether RFC 7323's checks run before the sequence number's: timestamps were agreed, the segment is no RST (R1:
     * "the RST bit is not set"; Linux: "Reset is accepted even if it did not pass PAWS") and the connection is a full
     * synchronized one, TIME-WAIT included (R1 names no state). Linux checks SYN-RECEIVED and TIME-WAIT in its request
     * and TIME-WAIT mini-sockets by other rules (tcp_check_req; tcp_timewait_state_process, for segments without SYN in
     * {@link #timeWaitMiniSocketArrives}), so its TIME-WAIT is left out here.
     */
    private boolean timestampsChecked(Segment seg) {
        return timestampsAgreed && !seg.has(Flags.RST) && state.isSynchronized()
                && (state != TcpState.TIME_WAIT || !env.profile().restartsTimeWaitForAnySegment());
    }

    /**
     * RFC 7323 §3.2 and §5.3 R1, before the sequence number is checked. Returns true when the segment was dropped.
     */
    private boolean timestampsDiscard(Segment seg) {
        TcpOptions.Timestamps timestamps = seg.options().timestamps();
        if (timestamps == null) {
            if (env.profile().dropsSegmentsWithoutTimestamps()) {
                env.discarded(this, seg, Explanation.of(Rules.TIMESTAMPS_ON_EVERY_SEGMENT, "discard.no-timestamps"));
                return true;
            }
            return false;
        }
        Profile profile = env.profile();
        if (!pawsRejects(timestamps.value()) || profile.acceptsDisorderedAcks() && disorderedAck(seg, timestamps.value())) {
            return false;
        }
        long older = (int) (tsRecent - timestamps.value());
        if (profile.dropsOldAcksSilently() && seg.has(Flags.ACK) && seg.seqLength() == 0 && Seq.lt(seg.seq(), rcvNxt)) {
            env.discarded(this, seg, Explanation.of(Rules.LINUX_PAWS_OLD_ACK, "discard.paws.old-ack", older));
            return true;
        }
        sendAck(Explanation.of(Rules.PAWS, "send.ack.paws", older));
        env.discarded(this, seg, Explanation.of(Rules.PAWS, "discard.paws", older));
        return true;
    }

    /**
     * Linux's disordered ACK (tcp_disordered_ack_check): a pure duplicate ACK at RCV.NXT that would not update the
     * window (tcp_may_update_window), its TSval within 1.2 RTO of TS.Recent in 1 ms ticks (tcp_tsval_replay).
     */
    private boolean disorderedAck(Segment seg, long tsVal) {
        long window = (long) seg.window() << sndShift;
        boolean updatesWindow = Seq.gt(seg.seq(), sndWl1) || seg.seq() == sndWl1 && (window > sndWnd || window == 0);
        return seg.has(Flags.ACK) && seg.seqLength() == 0 && seg.seq() == rcvNxt && seg.ack() == sndUna
                && !updatesWindow && (int) (tsRecent - tsVal) <= rto * 6L / 5;
    }

    /** Table 6 of §3.10.7.4; a segment is also acceptable if it ends inside the window. */
    private boolean acceptable(Segment seg) {
        int segLen = seg.seqLength();
        int rcvWnd = receiveWindow.available(rcvNxt);
        int windowEnd = rcvNxt + rcvWnd;
        if (segLen == 0) {
            return rcvWnd == 0 ? seg.seq() == rcvNxt : Seq.inWindow(rcvNxt, seg.seq(), windowEnd);
        }
        if (rcvWnd == 0) {
            return false;
        }
        return Seq.inWindow(rcvNxt, seg.seq(), windowEnd) || Seq.inWindow(rcvNxt, seg.seq() + segLen - 1, windowEnd);
    }

    private void unacceptableArrives(Segment seg) {
        if (seg.has(Flags.RST)) {
            env.discarded(this, seg, Explanation.of(Rules.SEQUENCE_CHECK, "discard.rst-outside-window"));
            return;
        }
        if (state == TcpState.SYN_RECEIVED && env.profile().resendsSynAckOnDuplicateSyn()
                && seg.has(Flags.SYN) && !seg.has(Flags.ACK) && seg.seq() == irs) {
            if (!oldCopyOfTheSyn(seg)) {
                resendSynAckForDuplicateSyn(seg);
            }
            return;
        }
        if (state == TcpState.TIME_WAIT && retransmittedFin(seg)) {
            // The peer's retransmitted FIN: it lies below RCV.NXT, so the table calls it unacceptable, but the
            // TIME-WAIT rules of the fifth and eighth steps exist for exactly this segment: ACK it and restart
            // the 2MSL timer. Every implementation does so.
            sendAck(Explanation.of(Rules.TIME_WAIT_FIN, "send.ack.time-wait-fin"));
            arm(TimerKind.TIME_WAIT, env.params().timeWaitMs(), Explanation.of(Rules.TIME_WAIT_FIN, "timer.time-wait.restart"));
            return;
        }
        if (outOfWindowAckRateLimited(seg)) {
            env.discarded(this, seg, Explanation.of(Rules.LINUX_OOW_RATE_LIMIT, "discard.rate-limited",
                    env.profile().outOfWindowAckIntervalMs()));
            return;
        }
        if (arrivesAgain(seg) && env.profile().quickAcksAfterDataArrivesAgain()) {
            enterQuickAckMode();
        }
        if (reportsAsDuplicate(seg)) {
            duplicateBlock = new SackBlock(Integer.toUnsignedLong(seg.seq()), Integer.toUnsignedLong(seg.seq() + seg.len()));
            sendAck(Explanation.of(Rules.DSACK, "send.ack.dsack", seg.len(), seg.seq() - irs, rcvNxt - irs));
        } else if (isWindowProbe(seg)) {
            sendAck(Explanation.of(Rules.ZERO_WINDOW_PROBE, "send.ack.window-probe"));
        } else {
            sendAck(Explanation.of(Rules.SEQUENCE_CHECK, "send.ack.unacceptable"));
        }
        env.discarded(this, seg, Explanation.of(Rules.SEQUENCE_CHECK, "discard.unacceptable"));
    }

    /**
     * Whether the ACK that an unacceptable segment without data, or a SYN, would draw is not sent: one such ACK went
     * less than {@link Profile#outOfWindowAckIntervalMs} ago (Linux tcp_oow_rate_limited, from tcp_validate_incoming
     * and the TIME-WAIT mini-socket, "Data packets without SYNs are not likely part of an ACK loop"). Otherwise the ACK
     * goes and this moment starts the next interval. Segments with data are always answered.
     */
    private boolean outOfWindowAckRateLimited(Segment seg) {
        return (seg.seqLength() == 0 || seg.has(Flags.SYN)) && oowAckRateLimited();
    }

    /**
     * Whether an ACK of the kind {@link #outOfWindowAckRateLimited} limits went less than
     * {@link Profile#outOfWindowAckIntervalMs} ago; if not, this moment starts the next interval. Linux keeps one such
     * moment per socket, last_oow_ack_time, which a challenge ACK spends and honours too (tcp_send_challenge_ack calls
     * __tcp_oow_rate_limited before the host-wide tcp_challenge_ack_limit).
     */
    private boolean oowAckRateLimited() {
        if (env.now() < outOfWindowAckAllowedFrom) {
            return true;
        }
        outOfWindowAckAllowedFrom = env.now() + env.profile().outOfWindowAckIntervalMs();
        return false;
    }

    /** A challenge ACK (RFC 5961 §3.2, §4.2), unless one went less than the rate limit's interval ago. */
    private void sendChallengeAck(Segment seg, String sendKey, String discardKey) {
        if (oowAckRateLimited()) {
            env.discarded(this, seg, Explanation.of(Rules.LINUX_OOW_RATE_LIMIT, "discard.challenge-rate-limited",
                    env.profile().outOfWindowAckIntervalMs()));
            return;
        }
        sendAck(Explanation.of(Rules.CHALLENGE_ACK, sendKey));
        env.discarded(this, seg, Explanation.of(Rules.CHALLENGE_ACK, discardKey));
    }

    /**
     * A zero-window probe (RFC 9293 §3.8.6.1): Linux's, no data at RCV.NXT - 1 (tcp_xmit_probe_skb), or the textbook's,
     * one octet at RCV.NXT while the window is zero. Either is answered with the window, which is what it asks for.
     */
    private boolean isWindowProbe(Segment seg) {
        return seg.len() == 0 && seg.seq() == rcvNxt - 1
                || seg.len() == 1 && seg.seq() == rcvNxt && receiveWindow.available(rcvNxt) == 0;
    }

    /**
     * Sequence space that arrives again below RCV.NXT, on a full connection (not Linux's TIME-WAIT mini-socket): its
     * sender sent it again, so an ACK of this end was lost or late (Linux tcp_send_dupack: end_seq != seq and seq before
     * rcv_nxt).
     */
    private boolean arrivesAgain(Segment seg) {
        return seg.seqLength() > 0 && Seq.lt(seg.seq(), rcvNxt) && state.isSynchronized() && state != TcpState.TIME_WAIT;
    }

    /**
     * Data wholly below RCV.NXT, which a D-SACK reports (RFC 2883 §4, {@link Profile#reportsDuplicatesWithDsack}): SACK
     * agreed, and a full connection, not Linux's TIME-WAIT mini-socket, whose ACK carries no SACK (tcp_timewait_state_process).
     */
    private boolean reportsAsDuplicate(Segment seg) {
        return sackAgreed && env.profile().reportsDuplicatesWithDsack() && seg.len() > 0
                && Seq.le(seg.seq() + seg.len(), rcvNxt) && state.isSynchronized() && state != TcpState.TIME_WAIT;
    }

    /**
     * Linux's request checks PAWS before it takes a SYN at its ISN for a retransmission (tcp_check_req: "Check for pure
     * retransmitted SYN" only when !paws_reject): a SYN whose TSval is older than that of the SYN that made the request
     * (req->ts_recent) is an old copy, answered as any segment out of window, "send ACK and drop" (RFC 7323 §5.3 R1;
     * capture old-duplicate-syn-after-connect-defaults, where the first SYN, delayed, arrived after the one sent again).
     * Returns true when it was one (answered and dropped).
     */
    private boolean oldCopyOfTheSyn(Segment seg) {
        TcpOptions.Timestamps timestamps = timestampsAgreed ? seg.options().timestamps() : null;
        if (timestamps == null || !pawsRejects(timestamps.value())) {
            return false;
        }
        long older = (int) (tsRecent - timestamps.value());
        // The request's ACK (tcp_v4_reqsk_send_ack) offers the SYN,ACK's window shifted, not rounded up: 65160 >> 10 = 63.
        transmitNow(sndNxt, rcvNxt, Flags.ACK, 0, receiveWindow.requestField(),
                Explanation.of(Rules.PAWS, "send.ack.paws.duplicate-syn", older));
        env.discarded(this, seg, Explanation.of(Rules.PAWS, "discard.paws", older));
        return true;
    }

    /** Linux's answer to a retransmitted SYN in SYN-RECEIVED: the SYN,ACK again, timer restarted. */
    private void resendSynAckForDuplicateSyn(Segment seg) {
        Explanation why = Explanation.of(Rules.LINUX_SYNACK_ON_DUPLICATE_SYN, "send.synack.duplicate-syn");
        // Linux's request socket takes the new SYN's TSval (tcp_check_req), so the SYN,ACK echoes it.
        recordTimestamp(seg);
        transmitNow(iss, rcvNxt, Flags.SYN | Flags.ACK, 0, why);
        markFrontRetransmitted();
        handshakeRetransmitted = true;
        arm(TimerKind.RETRANSMISSION, rto, why);
        env.discarded(this, seg, Explanation.of(Rules.LINUX_SYNACK_ON_DUPLICATE_SYN, "discard.duplicate-syn"));
    }

    private void resetArrives(Segment seg) {
        if (env.params().challengeAcks() && seg.seq() != rcvNxt) {
            sendChallengeAck(seg, "send.ack.challenge-rst", "discard.rst-not-exact");
            return;
        }
        switch (state) {
            case SYN_RECEIVED -> {
                if (passiveOpen) {
                    enter(TcpState.LISTEN, Explanation.of(Rules.RST_CHECK, "rst.syn-received.passive"));
                    delete(true);
                } else {
                    env.signal(this, UserSignal.RESET, 0);
                    enter(TcpState.CLOSED, Explanation.of(Rules.RST_CHECK, "rst.syn-received.active"));
                    delete(false);
                }
            }
            case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> {
                env.signal(this, UserSignal.RESET, 0);
                enter(TcpState.CLOSED, Explanation.of(Rules.RST_CHECK, "rst.synchronized"));
                delete(false);
            }
            default -> {
                enter(TcpState.CLOSED, Explanation.of(Rules.RST_CHECK, "rst.closing"));
                delete(false);
            }
        }
    }

    /**
     * An ICMP Destination Unreachable quoting {@code quoted}, a segment of this connection (RFC 9293 §3.9.2.2). TIME-WAIT
     * ignores it (tcp_v4_err); a quoted sequence number this end has no unacknowledged data at is ignored too.
     */
    void icmpUnreachableArrives(Segment quoted, IcmpUnreachable code) {
        boolean halfOpen = state == TcpState.SYN_RECEIVED && passiveOpen;
        // A request sock quotes its ISN (tcp_req_err); a full socket anything from SND.UNA to SND.NXT (between()).
        boolean sent = halfOpen ? quoted.seq() == iss : Seq.le(sndUna, quoted.seq()) && Seq.le(quoted.seq(), sndNxt);
        if (state == TcpState.TIME_WAIT) {
            env.icmpArrived(this, quoted, code, Explanation.of(Rules.LINUX_ICMP, "icmp.time-wait"));
            return;
        }
        if (!sent) {
            env.icmpArrived(this, quoted, code, Explanation.of(Rules.ICMP_SEQUENCE_CHECK, "icmp.not-sent"));
            return;
        }
        Profile.UnreachableReaction reaction = env.profile().unreachableReaction(code, state, halfOpen);
        // An abort is told once, by the state change that joins this arrival.
        env.icmpArrived(this, quoted, code, reaction.aborts() ? null : reaction.why());
        if (!reaction.aborts()) {
            return;
        }
        if (halfOpen) {
            enter(TcpState.LISTEN, reaction.why());
            delete(true);
            return;
        }
        env.signal(this, code == IcmpUnreachable.PORT ? UserSignal.RESET : UserSignal.UNREACHABLE, 0);
        enter(TcpState.CLOSED, reaction.why());
        delete(false);
    }

    /** A SYN in a synchronized state: RFC 5961 challenge ACK, or RFC 793's reset when that is turned off. */
    private void challengeOrReset(Segment seg) {
        if (env.params().challengeAcks()) {
            sendChallengeAck(seg, "send.ack.challenge-syn", "discard.syn-synchronized");
            return;
        }
        transmitNow(sndNxt, 0, Flags.RST, 0, Explanation.of(Rules.SYN_CHECK, "send.rst.syn-in-window"));
        env.signal(this, UserSignal.RESET, 0);
        enter(TcpState.CLOSED, Explanation.of(Rules.SYN_CHECK, "syn.synchronized.reset"));
        delete(false);
    }

    /**
     * The fifth step. Returns false when processing of the segment stops here.
     */
    private boolean ackArrives(Segment seg) {
        int ack = seg.ack();
        if (state == TcpState.SYN_RECEIVED) {
            if (Seq.lt(sndUna, ack) && Seq.le(ack, sndNxt) && passiveOpen && env.acceptQueue() != AcceptQueue.ROOM) {
                acceptQueueOverflows(seg);
                return false;
            }
            if (Seq.lt(sndUna, ack) && Seq.le(ack, sndNxt)) {
                updateWindow(seg);
                enter(TcpState.ESTABLISHED, queuedSynText > 0
                        ? Explanation.of(Rules.ACK_CHECK, "syn-received.ack.queued-text", queuedSynText)
                        : Explanation.of(Rules.ACK_CHECK, "syn-received.ack"));
                env.signal(this, UserSignal.ESTABLISHED, 0);
            } else {
                transmitNow(ack, 0, Flags.RST, 0, Explanation.of(Rules.ACK_CHECK, "send.rst.syn-received.bad-ack"));
                env.discarded(this, seg, Explanation.of(Rules.ACK_CHECK, "discard.bad-ack"));
                return false;
            }
        }
        takeProbeOctet(ack);
        // RFC 5961 §5: an ACK too far below SND.UNA or above SND.NXT is dropped with an ACK in reply.
        if (Seq.gt(ack, sndNxt) || (env.params().challengeAcks() && Seq.lt(ack, sndUna - Math.max(maxSndWnd, 1)))) {
            sendAck(Explanation.of(Rules.ACK_CHECK, "send.ack.ack-out-of-range"));
            env.discarded(this, seg, Explanation.of(Rules.ACK_CHECK, "discard.ack-out-of-range"));
            return false;
        }
        boolean duplicate = isDuplicateAck(seg);
        boolean onlyProbesOut = retransmissionQueue.isEmpty();
        // Before the ACK is taken, as tcp_fastretrans_alert (which only an ACK with something outstanding reaches) runs
        // before tcp_cong_control: this ACK already reduces the window by PRR. Not in a timeout's loss: there
        // tcp_process_loss returns before tcp_try_to_open, the only caller of tcp_enter_cwr.
        if (ecn.ackArrived(seg) && !onlyProbesOut && !timeoutLossGoesOnAt(ack)
                && congestionWindow.enterCwr(Seq.gt(ack, sndUna) ? ack : sndUna, sndNxt, flightBytes(), sendMss())) {
            ecn.reductionBegan();
        }
        boolean unaAdvances = Seq.lt(sndUna, ack);
        boolean heldBackNotLost = unaAdvances && congestionWindow.inRecovery() && echoPredatesRetransmission(seg);
        boolean partialHeldBack = heldBackNotLost && congestionWindow.isPartialAck(ack);
        int priorSndUna = sndUna;
        if (partialHeldBack) {
            // Linux tcp_try_undo_partial: the hole was filled by the segment first sent, held back, not by its copy.
            reorderingSeen = true;
        }
        if (heldBackNotLost && env.profile().undoesNeedlessRecovery() && !copyStillOut(ack)
                && (congestionWindow.isPartialAck(ack) || !congestionWindow.recoveringAt(ack))) {
            undoRecovery(congestionWindow.isPartialAck(ack));
        }
        rackAdvancedByCumulativeAck = false;
        rackAdvancedBySack = false;
        Delivery delivered = unaAdvances ? acknowledge(ack, seg) : Delivery.NONE;
        if (partialHeldBack) {
            // tcp_try_undo_partial → tcp_check_sack_reordering(prior_snd_una), once the ACK is taken.
            measureReordering(priorSndUna);
        }
        if (!unaAdvances) {
            endLossProbeEpisode(ack, seg, false);
        }
        if (state == TcpState.ESTABLISHED && Seq.le(sndUna, iss + 1)) {
            applyCachedRoundTrip();
            applyHandshakeFallbackRto();
        }
        if (Seq.le(sndUna, ack) && (Seq.lt(sndWl1, seg.seq()) || (sndWl1 == seg.seq() && Seq.le(sndWl2, ack)))) {
            updateWindow(seg);
        }
        if (onlyProbesOut) {
            probeAnswered();
        }
        boolean ourFinAcked = finSent && Seq.gt(sndUna, finSeq);
        switch (state) {
            case FIN_WAIT_1 -> {
                if (ourFinAcked && applicationClosed && env.params().finWait2TimeoutMs() < 0) {
                    resetWithoutFinWait2(seg);
                    return false;
                }
                // A FIN in this same segment takes FIN-WAIT-1 straight to TIME-WAIT in the eighth step
                // ("if our FIN has been ACKed (perhaps in this segment)"), so FIN-WAIT-2 is not entered here.
                if (ourFinAcked && !seg.has(Flags.FIN)) {
                    enter(TcpState.FIN_WAIT_2, Explanation.of(Rules.ACK_CHECK, "fin-wait-1.ack"));
                    armFinWait2TimerIfOrphaned();
                }
            }
            case CLOSING -> {
                if (ourFinAcked) {
                    enterTimeWait(Explanation.of(Rules.ACK_CHECK, "closing.ack"), false);
                }
                if (finSent) {
                    return false;
                }
            }
            case LAST_ACK -> {
                if (ourFinAcked) {
                    saveMetrics();
                    enter(TcpState.CLOSED, Explanation.of(Rules.ACK_CHECK, "last-ack.ack"));
                    delete(false);
                }
                if (finSent) {
                    return false;
                }
            }
            default -> {
                // ESTABLISHED, FIN-WAIT-2, CLOSE-WAIT, TIME-WAIT: nothing more than the ESTABLISHED processing.
            }
        }
        Delivery sacked = Delivery.NONE;
        if (sackAgreed && !seg.options().sackBlocks().isEmpty()) {
            sacked = markSacked(seg.options().sackBlocks());
            int reorderingWindow = (sacked.segments() > 0 || rackAdvancedBySack || rackAdvancedByCumulativeAck)
                    && env.profile().detectsLossByRack()
                    ? detectLossByRack() : -1;
            // Linux tcp_ack: loss detection (tcp_fastretrans_alert), then the window (tcp_cong_control), then the
            // lost segments go again (tcp_xmit_recovery).
            congestionWindow.reduce(delivered.bytes() + sacked.bytes(), delivered.segments() + sacked.segments(),
                    unaAdvances && reorderingWindow < 0, flightBytes(), segmentsInFlight(), sendMss());
            if (reorderingWindow >= 0) {
                retransmitLost(Explanation.of(Rules.RACK, "send.retransmit.rack", rackRtt, reorderingWindow));
            }
            growOnSacked(ack, sacked);
        } else if (unaAdvances) {
            // RFC 6582 §3.2 (Linux tcp_newreno_mark_lost): a partial ACK says the next segment was lost too.
            boolean newlyLost = !sackAgreed && congestionWindow.isPartialAck(ack) && markFirstLost();
            // With SACK, in recovery, a cumulative ACK that advanced RACK runs its loss detection (tcp_fastretrans_alert
            // → tcp_identify_packet_loss → tcp_rack_mark_lost).
            int reorderingWindow = rackAdvancedByCumulativeAck && env.profile().detectsLossByRack() ? detectLossByRack() : -1;
            congestionWindow.reduce(delivered.bytes(), delivered.segments(), !newlyLost && reorderingWindow < 0,
                    flightBytes(), segmentsInFlight(), sendMss());
            if (newlyLost) {
                retransmitLost(Explanation.of(Rules.NEWRENO_PARTIAL_ACK, "send.retransmit.partial-ack", ack - iss));
            }
            if (reorderingWindow >= 0) {
                retransmitLost(Explanation.of(Rules.RACK, "send.retransmit.rack", rackRtt, reorderingWindow));
            }
        }
        if (!ackInLoss(ack, unaAdvances, duplicate, sacked.segments() > 0) && duplicate) {
            countDuplicateAck();
        }
        return true;
    }

    /**
     * What the ACK of a segment lets go leaves once the segment's text and FIN are taken (Linux tcp_rcv_established and
     * tcp_rcv_state_process: tcp_ack, tcp_data_queue, then tcp_data_snd_check, then tcp_ack_snd_check): it carries the
     * ACK of that text, and the ACK the text made owed leaves on it (tcp_event_ack_sent), not on its own. Then the
     * writer waiting for room is woken (tcp_check_space). Not after the text reset or ended the connection.
     */
    private void sendWhatTheAckLets(boolean unaAdvanced) {
        if (state == TcpState.CLOSED) {
            return;
        }
        pushData();
        if (unaAdvanced) {
            wakeWriter();
        }
    }

    /**
     * RFC 5681 §2's duplicate ACK: data is outstanding, and the ACK carries no data, neither SYN nor FIN, acknowledges
     * SND.UNA again and offers the same window as the last one.
     */
    private boolean isDuplicateAck(Segment seg) {
        return !retransmissionQueue.isEmpty() && seg.len() == 0 && !seg.has(Flags.SYN) && !seg.has(Flags.FIN)
                && seg.ack() == sndUna && seg.window() << sndShift == sndWnd;
    }

    /**
     * A duplicate ACK without SACK (Linux tcp_add_reno_sack): one more segment has left the network, so it leaves the
     * flight and, the window unchanged, lets a new segment go (the effect of RFC 3042's limited transmit). At the third
     * (the threshold) the first unacknowledged segment counts as lost and fast recovery begins (RFC 5681 §3.2,
     * RFC 6582 §3.2; Linux tcp_newreno_mark_lost, tcp_enter_recovery): ssthresh is lowered, the segment is sent again
     * at once and the RTO restarts. In recovery each duplicate ACK delivers one segment to PRR (RFC 6937 §3; Linux
     * tcp_cwnd_reduction), as a SACK does. With SACK, RACK decides instead (tcp_identify_packet_loss).
     */
    private void countDuplicateAck() {
        if (sackAgreed || !env.profile().fastRetransmitsOnDuplicateAcks()) {
            return;
        }
        // tcp_limit_reno_sacked: the hole itself is never counted as held.
        duplicateAcks = Math.min(duplicateAcks + 1, retransmissionQueue.size() - 1);
        boolean recovering = congestionWindow.inRecovery();
        if (!recovering && duplicateAcks >= Profile.DUPLICATE_ACK_THRESHOLD) {
            markFirstLost();
            beginRecovery(true);
        }
        congestionWindow.reduce(sendMss(), 1, false, flightBytes(), segmentsInFlight(), sendMss());
        if (!recovering && congestionWindow.inRecovery()) {
            retransmitLost(Explanation.of(Rules.FAST_RETRANSMIT, "send.retransmit.fast"));
            armRto();
        }
    }

    /** Fast recovery begins ({@link CongestionWindow#enterRecovery}); tcp_init_cwnd_reduction ends a loss probe's episode and queues CWR. */
    private void beginRecovery(boolean withoutSack) {
        if (congestionWindow.enterRecovery(sndNxt, flightBytes(), sendMss(), withoutSack)) {
            ecn.reductionBegan();
        }
        lossProbeHighSeq = null;
    }

    /**
     * Without SACK, the first unacknowledged segment is marked lost, unless it is already or was sent again (Linux
     * tcp_newreno_mark_lost: only the head, once). Returns whether it was marked.
     */
    private boolean markFirstLost() {
        Unacked first = retransmissionQueue.peekFirst();
        if (first == null || first.lost() || first.retransmitted()) {
            return false;
        }
        retransmissionQueue.set(0, first.lostNow());
        return true;
    }

    /**
     * The sender's scoreboard (RFC 2018 §5): segments inside the SACK blocks are held by the peer and need not be
     * sent again; RACK takes the most recently sent of them (RFC 8985 §6.2, step 2). Returns what was newly SACKed.
     */
    private Delivery markSacked(List<SackBlock> blocks) {
        Delivery newlySacked = Delivery.NONE;
        OptionalInt highestSacked = highestSacked();
        Integer reordered = null;
        for (ListIterator<Unacked> it = retransmissionQueue.listIterator(); it.hasNext(); ) {
            Unacked entry = it.next();
            if (!entry.sacked() && blocks.stream().anyMatch(b -> Seq.le((int) b.left(), entry.seq()) && Seq.le(entry.end(), (int) b.right()))) {
                it.set(entry.sackedNow());
                newlySacked = newlySacked.plus(entry);
                if (noteReordering(entry, highestSacked) && reordered == null) {
                    reordered = entry.seq();
                }
                if (!entry.retransmitted() && !sentBeforeRack(entry)) {
                    rackSentAt = entry.firstSentAt();
                    rackEndSeq = entry.end();
                    rackRtt = (int) (env.now() - entry.firstSentAt());
                    rackAdvancedBySack = true;
                }
            }
        }
        if (reordered != null) {
            // tcp_sacktag_write_queue: the lowest such segment (state->reord), once the blocks are taken.
            measureReordering(reordered);
        }
        return newlySacked;
    }

    /** Where the highest segment the peer has SACKed starts (Linux tcp_highest_sack_seq); empty while none is. */
    private OptionalInt highestSacked() {
        return retransmissionQueue.stream().filter(Unacked::sacked).mapToInt(Unacked::seq).reduce((a, b) -> Seq.gt(b, a) ? b : a);
    }

    /**
     * RFC 8985 §6.2 step 3 (Linux tcp_check_sack_reordering, from tcp_sacktag_one and tcp_clean_rtx_queue): a segment
     * sent only once that the peer now holds, below one it had SACKed before, arrived out of order: it was not lost.
     * Returns whether it did.
     */
    private boolean noteReordering(Unacked delivered, OptionalInt highestSackedBefore) {
        if (!delivered.retransmitted() && highestSackedBefore.isPresent() && Seq.lt(delivered.seq(), highestSackedBefore.getAsInt())) {
            reorderingSeen = true;
            return true;
        }
        return false;
    }

    /**
     * Linux tcp_check_sack_reordering: the degree of reordering becomes the distance from {@code lowSeq}, a segment
     * that arrived after later ones, up to the highest segment SACKed now (tcp_highest_sack_seq: SND.UNA when none
     * is), in segments rounded up, if that is more; at most net.ipv4.tcp_max_reordering.
     */
    private void measureReordering(int lowSeq) {
        int fack = highestSacked().orElse(sndUna);
        int mss = sendMss();
        if (mss > 0 && Seq.lt(lowSeq, fack)) {
            reorderingDegree = Math.max(reorderingDegree, Math.min((fack - lowSeq + mss - 1) / mss, MAX_REORDERING));
        }
    }

    /**
     * Segments this ACK newly SACKed grow the window as acknowledged ones do, outside a reduction, once the peer reordered
     * far enough ({@link Profile#growsWindowOnSackedData}; Linux tcp_cong_control → tcp_cong_avoid with acked_sacked).
     * BBR takes its deliveries in its own way ({@link CongestionWindow#acked}).
     */
    private void growOnSacked(int ack, Delivery sacked) {
        if (sacked.segments() > 0 && !congestionWindow.inReduction() && congestionWindow.bbr() == null
                && env.profile().growsWindowOnSackedData(reorderingDegree)) {
            congestionWindow.acked(ack, sacked.bytes(), sacked.segments(), sendMss(), env.now(),
                    roundTrip.minRttMs(), minRttUs(), srttWholeMsInUs(), segmentsInFlight());
        }
    }

    /** Whether a copy sent again is still out beyond {@code ack}, neither acknowledged nor SACKed (Linux retrans_out). */
    private boolean copyStillOut(int ack) {
        return retransmissionQueue.stream().anyMatch(e -> e.retransmitted() && !e.sacked() && Seq.gt(e.end(), ack));
    }

    /**
     * The ACK shows this fast recovery needless ({@link Profile#undoesNeedlessRecovery}): its window cut is undone
     * (Linux tcp_undo_cwnd_reduction). At a partial ACK (tcp_try_undo_partial) the segments taken for lost are no longer
     * (unmark_loss: RACK looks at them again); recovery ends, and a loss RACK still finds starts another.
     */
    private void undoRecovery(boolean partial) {
        congestionWindow.undoReduction(sendMss());
        if (partial) {
            retransmissionQueue.replaceAll(Unacked::notLost);
        }
    }

    /**
     * Whether an ACK echoes a timestamp older than the first segment still out that was sent again (Linux
     * tcp_packet_delayed, tcp_tsopt_ecr_before(retrans_stamp)): what it acknowledges arrived as first sent.
     */
    private boolean echoPredatesRetransmission(Segment seg) {
        TcpOptions.Timestamps timestamps = seg.options().timestamps();
        return retransmittedSince >= 0 && timestampsAgreed && timestamps != null && timestamps.echo() != 0
                && (int) (timestamps.echo() - TcpOptions.clock(tsClockIsn, retransmittedSince)) < 0;
    }

    /**
     * Whether a segment was sent before RACK's segment: earlier, or at the same instant and lower in sequence space
     * (RFC 8985 §6.2 step 2 and §6.1's RACK.end_seq; Linux tcp_rack_sent_after): the engine sends a burst at one instant.
     */
    private boolean sentBeforeRack(Unacked entry) {
        return entry.firstSentAt() < rackSentAt || entry.firstSentAt() == rackSentAt && Seq.lt(entry.end(), rackEndSeq);
    }

    /**
     * RACK takes a segment acknowledged cumulatively (RFC 8985 §6.2 step 2; Linux tcp_clean_rtx_queue →
     * tcp_rack_advance): its round trip, and its send time if it is the latest, counted from its last copy; a copy
     * whose ACK came sooner than the smallest round trip may answer the segment sent before it, and one the ACK's
     * timestamp echo predates was not what arrived (tcp_skb_spurious_retrans): neither counts. Returns whether it counted.
     */
    private boolean advanceRack(Unacked done, Segment seg) {
        long rtt = env.now() - done.lastSentAt();
        if (done.retransmitted() && (rtt < roundTrip.minRttMs() || echoPredatesRetransmission(seg))) {
            return false;
        }
        rackRtt = (int) rtt;
        if (done.lastSentAt() > rackSentAt || done.lastSentAt() == rackSentAt && Seq.gt(done.end(), rackEndSeq)) {
            rackSentAt = done.lastSentAt();
            rackEndSeq = done.end();
        }
        return true;
    }

    /**
     * RACK (RFC 8985 §6.2, step 5; Linux tcp_rack_detect_loss): a segment sent before one the peer SACKed is lost once
     * RACK's round trip plus the reordering window has passed since it was sent. It is marked lost, which starts fast
     * recovery (RFC 6675 §5; Linux tcp_enter_recovery), and goes again as the congestion window lets it. One not yet
     * that old arms the reordering timer for when it will be ({@link Profile#rackTimerMs}); else the RTO runs.
     * Returns the reordering window of the segments it found lost, or -1 if it found none.
     */
    private int detectLossByRack() {
        int sacked = (int) retransmissionQueue.stream().filter(Unacked::sacked).count();
        int reorderingWindow = env.profile().rackReorderingWindowMs(roundTrip.minRttMs(), roundTrip.srttMs(), sacked, reorderingDegree,
                reorderingSeen);
        long wait = 0;
        boolean lost = false;
        for (ListIterator<Unacked> it = retransmissionQueue.listIterator(); it.hasNext(); ) {
            Unacked entry = it.next();
            if (entry.sacked() || entry.retransmitted() || entry.lost() || !sentBeforeRack(entry)) {
                continue;
            }
            long remaining = rackRtt + reorderingWindow - (env.now() - entry.firstSentAt());
            if (remaining > 0) {
                wait = Math.max(wait, remaining);
                continue;
            }
            it.set(entry.lostNow());
            lost = true;
        }
        if (lost) {
            beginRecovery(false);
        }
        if (wait > 0) {
            cancel(TimerKind.LOSS_PROBE);
            cancel(TimerKind.RETRANSMISSION);
            int delay = env.profile().rackTimerMs((int) wait);
            arm(TimerKind.REORDER, delay, Explanation.of(Rules.RACK, "timer.reorder", delay, reorderingWindow));
        } else if (!retransmissionQueue.isEmpty() && !timers.containsKey(TimerKind.RETRANSMISSION)) {
            // Nothing (more) to wait for: the RTO guards what is out (Linux tcp_rack_reo_timeout: tcp_rearm_rto).
            cancel(TimerKind.REORDER);
            cancel(TimerKind.LOSS_PROBE);
            armRto();
        }
        return lost ? reorderingWindow : -1;
    }

    /**
     * The reordering timer fired (Linux tcp_rack_reo_timeout): segments RACK now finds lost start recovery as if one
     * segment had been delivered (tcp_cwnd_reduction(sk, 1, ...)), and go again.
     */
    private void reorderTimerFired() {
        boolean recovering = congestionWindow.inRecovery();
        int reorderingWindow = detectLossByRack();
        if (reorderingWindow < 0) {
            return;
        }
        if (!recovering) {
            congestionWindow.reduce(sendMss(), 1, false, flightBytes(), segmentsInFlight(), sendMss());
        }
        retransmitLost(Explanation.of(Rules.RACK, "send.retransmit.rack", rackRtt, reorderingWindow));
    }

    /**
     * The tail loss probe (RFC 8985 §7.2; Linux tcp_schedule_loss_probe): after new data is sent, or an ACK leaves data
     * unacknowledged, and none of it is SACKed or was sent again, a probe is due ({@link Profile#probeTimeoutMs}), or
     * when the RTO would fire if that comes first: a full RTO after an ACK, else counted from when the oldest
     * unacknowledged segment was sent; Linux's timer wheel runs it on a tick ({@link Profile#timerWheelMs}). The
     * probe takes the RTO's place. Returns whether it was armed.
     *
     * @param acked whether an ACK of new data called it (Linux advancing_rto)
     */
    private boolean scheduleLossProbe(boolean acked) {
        Unacked oldest = retransmissionQueue.peekFirst();
        if (!env.profile().probesTailLoss() || !sackAgreed || roundTrip.srttMs() < 0 || oldest == null || !state.isSynchronized()
                || retransmissionQueue.stream().anyMatch(e -> e.sacked() || e.retransmitted() || e.lost())) {
            return false;
        }
        long rtoLeft = acked ? rto : rto - (env.now() - oldest.firstSentAt());
        int delay = env.profile().probeTimeoutMs(roundTrip.srttUs(), retransmissionQueue.size(), env.params());
        if (rtoLeft > 0) {
            delay = (int) Math.min(delay, rtoLeft);
        }
        cancel(TimerKind.RETRANSMISSION);
        arm(TimerKind.LOSS_PROBE, delay, Explanation.of(Rules.TLP, "timer.loss-probe", delay));
        return true;
    }

    /**
     * The probe (RFC 8985 §7.3; Linux tcp_send_loss_probe): at most one is out (tlp_high_seq: none again until an ACK
     * reaches the SND.NXT it left); data written and not yet sent goes first if the peer's window takes its first
     * segment (tcp_snd_wnd_test), whatever Nagle says, as one packet (tcp_write_xmit with TCP_NAGLE_OFF and push_one
     * 2): of as many segments as the congestion window's quota, forced to at least one, and a packet hold
     * ({@link #segmentsPerPacket}, tcp_tso_segs), cut at the window's right edge with the part of a segment
     * there (tcp_mss_split_point, which keeps that part when Nagle is off); only when there is none does the last
     * segment go again. Either way the RTO then runs from now (tcp_rearm_rto after icsk_pending is cleared).
     */
    private void sendLossProbe() {
        Unacked last = retransmissionQueue.peekLast();
        if (last == null) {
            return;
        }
        if (lossProbeHighSeq != null) {
            armRto();
            return;
        }
        int mss = sendMss();
        int first = (int) Math.min(unsentBytes, mss);
        boolean newData = first > 0 && Seq.le(sndNxt + first, sndUna + sndWnd);
        if (newData) {
            int quota = Math.min(Math.max(1, segmentsPerPacket(mss)),
                    Math.max(1, congestionRoom(mss) / mss));
            int packet = (int) Math.min(Math.min(unsentBytes, (long) quota * mss), sndUna + sndWnd - sndNxt);
            boolean severalSegments = packet > mss;
            while (packet > 0) {
                int size = Math.min(packet, mss);
                packet -= size;
                unsentBytes -= size;
                if (size < mss) {
                    smallSegmentEnd = sndNxt + size; // tcp_minshall_update
                }
                // PSH ends what was written, or a packet of more than one segment (__tcp_transmit_skb).
                boolean ends = packet == 0 && (unsentBytes == 0 || severalSegments);
                int flags = Flags.ACK | (ends ? Flags.PSH : 0);
                if (packet == 0 && allWrittenQueuedAndSent() && finQueued && !finSent) {
                    sendFin(flags, size, true);
                } else {
                    sendNew(flags, size, Explanation.of(Rules.TLP, "send.loss-probe.new-data", size), false);
                }
            }
        } else {
            retransmissionQueue.pollLast();
            retransmissionQueue.addLast(last.resent(env.now()));
            resend(last, Explanation.of(Rules.TLP, "send.loss-probe"));
        }
        lossProbeRetransmitted = !newData;
        lossProbeHighSeq = sndNxt;
        armRto();
    }

    /**
     * An ACK that reaches the SND.NXT the last loss probe left ends its episode (RFC 8985 §7.4; Linux
     * tcp_process_tlp_ack, which runs before the window grows on the ACK): a probe of new data, or of a segment sent
     * again that the peer reports as a duplicate (a D-SACK of at most one segment ending there: FLAG_DSACK_TLP), or a
     * duplicate ACK that moves, SACKs and updates nothing, found no loss. An ACK beyond it after a segment sent again
     * with no such D-SACK says the probe repaired a loss: the window comes down once
     * ({@link CongestionWindow#reduceAfterRepairedProbe}). An ACK exactly at it, moving SND.UNA, leaves the episode open.
     */
    private void endLossProbeEpisode(int ack, Segment seg, boolean unaAdvances) {
        if (lossProbeHighSeq == null || Seq.lt(ack, lossProbeHighSeq)) {
            return;
        }
        int high = lossProbeHighSeq;
        List<SackBlock> blocks = sackAgreed ? seg.options().sackBlocks() : List.of();
        boolean probeReportedDuplicate = !blocks.isEmpty() && (int) blocks.get(0).right() == high
                && Seq.lt((int) blocks.get(0).left(), ack) && high - (int) blocks.get(0).left() <= sendMss();
        boolean changesNothing = !unaAdvances && seg.len() == 0 && blocks.isEmpty()
                && ((long) seg.window() << sndShift) == sndWnd;
        if (!lossProbeRetransmitted || probeReportedDuplicate || changesNothing) {
            lossProbeHighSeq = null;
        } else if (Seq.gt(ack, high)) {
            congestionWindow.reduceAfterRepairedProbe(sendMss());
            ecn.reductionBegan(); // tcp_init_cwnd_reduction
            lossProbeHighSeq = null;
        }
    }

    /** A segment of the retransmission queue on the wire again, with the current ACK. */
    private void resend(Unacked entry, Explanation why) {
        if (retransmittedSince < 0) {
            retransmittedSince = env.now();
        }
        transmitNow(entry.seq(), rcvNxt, entry.flags() | (state != TcpState.SYN_SENT ? Flags.ACK : 0), entry.len(), why);
    }

    /**
     * Linux tcp_rcv_established measures the receiver's round-trip time from the TSecr of each segment
     * (tcp_rcv_rtt_measure_ts), for the autotuning of its receive buffer ({@link ReceiveAutotuning}). In ESTABLISHED
     * only: the kernel calls it from tcp_rcv_established alone, while in FIN-WAIT-1/2 tcp_rcv_state_process queues data
     * without it, and the window-based measure ({@code arrived}, from tcp_event_data_recv) goes on in every state.
     */
    private void measureReceiverRtt(Segment seg) {
        TcpOptions.Timestamps timestamps = seg.options().timestamps();
        if (state == TcpState.ESTABLISHED && timestampsAgreed && timestamps != null) {
            receiveWindow.echoed(timestamps.echo(), tsVal(), seg.len() + (seg.has(Flags.FIN) ? 1 : 0), env.now());
        }
    }

    /** The seventh and eighth steps: deliver the text, then the FIN. */
    /**
     * The text a SYN brought, queued in LISTEN and processed now that the ACK of the SYN,ACK made the connection
     * ESTABLISHED (RFC 9293 §3.10.7.2; §3.10.7.4, seventh step): it starts at IRS + 1, as the segment {@code ack} came
     * on would carry it.
     */
    private void processQueuedSynText(Segment ack) {
        Segment text = new Segment(ack.src(), ack.dst(), irs + 1, ack.ack(), Flags.ACK, queuedSynText, ack.window(),
                TcpOptions.NONE, ack.windowShift());
        queuedSynText = 0;
        processTextAndFin(text);
    }

    private void processTextAndFin(Segment seg) {
        int payload = seg.len();
        int start = seg.seq();
        if (payload > 0 && Seq.lt(start, rcvNxt)) {
            // Only the new part of a segment that straddles RCV.NXT is processed (§3.10.7.4, first step).
            int overlap = rcvNxt - start;
            payload = Math.max(0, payload - overlap);
            start = rcvNxt;
        }
        boolean beyondGap = (payload > 0 || seg.has(Flags.FIN)) && start != rcvNxt;
        if (beyondGap && !state.acceptsText()) {
            // Nothing more is delivered in this state: ask for what is missing, hold nothing.
            sendAck(Explanation.of(Rules.TEXT, "send.ack.out-of-order"));
            env.discarded(this, seg, Explanation.of(Rules.TEXT, "discard.out-of-order"));
            return;
        }
        if (payload > 0 || beyondGap) {
            if (!state.acceptsText()) {
                env.discarded(this, seg, Explanation.of(Rules.TEXT, "discard.text-after-fin"));
            } else {
                if (applicationClosed && env.profile().resetsDataAfterClose()) {
                    resetAfterClose(seg);
                    return;
                }
                if (beyondGap) {
                    holdBeyondGap(seg, start, payload);
                    return;
                }
                // Measured before this segment updates it (tcp_measure_rcv_mss).
                boolean pushed = payload < receiveWindow.rcvMss() || seg.has(Flags.PSH);
                rcvNxt += payload;
                if (env.readMode() == ReadMode.ON_CALL) {
                    unreadBytes += payload;
                }
                // Linux tcp_event_data_recv: the segment is measured (rcv_mss) before the quick ACKs are counted from
                // it, and a window that grew owes one more after them.
                boolean windowGrew = receiveWindow.arrived(payload, seg.options().length(), env.now());
                if (ackTimeout.dataArrived(env.now(), rto)) {
                    // The first data, or data after an idle gap (Profile.countsQuickAcksAtFirstData, quickAcksAgainAfterIdleGap).
                    grantQuickAcks();
                }
                if (windowGrew) {
                    quickAcksLeft |= 1;
                }
                if (ecn.dataArrived(seg)) {
                    enterQuickAckMode(CE_QUICK_ACKS);
                }
                env.signal(this, UserSignal.DATA, payload);
                owedAckForData(pushed, seg.has(Flags.FIN), ecn.asksAckNow(seg));
                if (!outOfOrder.isEmpty() && deliverHeld()) {
                    return;
                }
            }
        }
        if (seg.has(Flags.FIN)) {
            finArrives();
        }
    }

    /** Linux tcp_incr_quickack: the quick ACKs left rise to those the window of the moment grants ({@link Profile#quickAcks}). */
    private void grantQuickAcks() {
        grantQuickAcks(Integer.MAX_VALUE);
    }

    private void grantQuickAcks(int most) {
        quickAcksLeft = Math.max(quickAcksLeft,
                Math.min(most, env.profile().quickAcks(env.params(), receiveWindow.lastOffer(), receiveWindow.rcvMss())));
    }

    /**
     * Linux tcp_enter_quickack_mode(sk, TCP_MAX_QUICKACKS): quick ACKs granted, ping-pong mode left and ato at its
     * minimum, so that the data that follows is acknowledged segment by segment ({@link Profile#quickAcksAfterDataArrivesAgain}).
     */
    private void enterQuickAckMode() {
        enterQuickAckMode(Integer.MAX_VALUE);
    }

    /** {@link #enterQuickAckMode()} with at most {@code most} quick ACKs (tcp_enter_quickack_mode's max_quickacks). */
    private void enterQuickAckMode(int most) {
        grantQuickAcks(most);
        pingPong = false;
        ackTimeout.atoToMinimum();
    }

    /**
     * Data (or a FIN) beyond a gap is held (RFC 9293 §3.10.7.4, SHLD-31) and answered at once (RFC 5681 §4.2: "an
     * immediate duplicate ACK SHOULD be sent when an out-of-order segment arrives"), the ACK telling with SACK blocks
     * what is held when SACK was agreed (RFC 2018 §4).
     */
    private void holdBeyondGap(Segment seg, int start, int payload) {
        if (payload > 0 && outOfOrder.holdsAll(start, payload)) {
            duplicateOfHeld(seg, start, payload);
            return;
        }
        outOfOrder.hold(start, payload, seg.has(Flags.FIN));
        if (receiveWindow.heldBeyondGap(payload, seg.options().length(), env.now(), sackAgreed)) {
            quickAcksLeft |= 1;
        }
        if (sackAgreed && env.profile().compressesSackAcks() && compressesThisAck()) {
            if (!timers.containsKey(TimerKind.SACK_COMPRESS)) {
                arm(TimerKind.SACK_COMPRESS, Profile.SACK_COMPRESS_DELAY_MS, Explanation.of(Rules.LINUX_SACK_COMPRESS,
                        "timer.sack-compress", Profile.DUPLICATE_ACK_THRESHOLD, Profile.SACK_COMPRESS_DELAY_MS));
            }
            return;
        }
        sendAck(Explanation.of(Rules.OUT_OF_ORDER, sackAgreed ? "send.ack.held.sack" : "send.ack.held", payload, rcvNxt - irs));
    }

    /**
     * Whether the ACK of a segment held beyond the gap waits to be sent with the next ones (Linux __tcp_ack_snd_check):
     * the first three duplicate ACKs for one RCV.NXT go at once, so that the sender sees three (RFC 5681 §3.2); after
     * them up to 44 wait together. The engine does not let quick-ACK mode send them at once, as the kernel does first:
     * the kernel's window had stopped growing in the capture, the engine's (autotuned sooner) had not.
     */
    private boolean compressesThisAck() {
        if (compressedAcks >= Profile.SACK_COMPRESS_MAX) {
            return false;
        }
        if (compressedAckRcvNxt != rcvNxt) {
            compressedAckRcvNxt = rcvNxt;
            duplicateAcksSentAtOnce = 0;
        }
        if (duplicateAcksSentAtOnce < Profile.DUPLICATE_ACK_THRESHOLD) {
            duplicateAcksSentAtOnce++;
            return false;
        }
        compressedAcks++;
        return true;
    }

    /**
     * A copy of data already held beyond the gap (RFC 2883 §4.1.3: "an out-of-order segment ... duplicated"): it is
     * dropped, not held twice, and answered at once like any segment beyond a gap (RFC 5681 §4.2), the block holding it
     * first. With {@link Profile#reportsDuplicatesWithDsack} the copy's own range goes before it as a D-SACK (Linux
     * tcp_data_queue_ofo: "All the bits are present. Drop.", tcp_dsack_set); the window does not grow (data-dsack-held).
     */
    private void duplicateOfHeld(Segment seg, int start, int payload) {
        if (sackAgreed && env.profile().reportsDuplicatesWithDsack()) {
            duplicateBlock = new SackBlock(Integer.toUnsignedLong(start), Integer.toUnsignedLong(start + payload));
            sendAck(Explanation.of(Rules.DSACK, "send.ack.dsack.held", payload, start - irs, rcvNxt - irs));
        } else {
            sendAck(Explanation.of(Rules.OUT_OF_ORDER, "send.ack.held.duplicate", payload, rcvNxt - irs));
        }
        env.discarded(this, seg, Explanation.of(Rules.OUT_OF_ORDER, "discard.held.duplicate"));
    }

    /**
     * The gap before held segments filled: they are delivered and the cumulative ACK jumps past them, at once while
     * segments are still held or when the last gap closed (RFC 5681 §4.2, Linux tcp_data_queue: ICSK_ACK_NOW). A held
     * FIN is processed before that ACK (the eighth step follows the text it ends; Linux tcp_ofo_queue calls tcp_fin
     * before tcp_data_queue acknowledges), so one ACK answers the data and the FIN (delayed-data-past-fin-defaults).
     * Returns true when a held FIN ended the connection's data (it has been processed).
     */
    private boolean deliverHeld() {
        OutOfOrderQueue.Delivery delivery = outOfOrder.deliver(rcvNxt);
        if (delivery.bytes() == 0 && !delivery.fin()) {
            ackOwedNow();
            return false;
        }
        rcvNxt += delivery.bytes();
        receiveWindow.gapFilled(delivery.bytes());
        if (env.readMode() == ReadMode.ON_CALL) {
            unreadBytes += delivery.bytes();
        }
        if (delivery.bytes() > 0) {
            env.signal(this, UserSignal.DATA, delivery.bytes());
        }
        if (delivery.fin()) {
            finArrives();
        }
        sendAck(Explanation.of(Rules.OUT_OF_ORDER, delivery.fin() ? "send.ack.gap-filled.fin" : "send.ack.gap-filled",
                delivery.bytes(), rcvNxt - irs));
        return delivery.fin();
    }

    /**
     * Linux resets the connection (tcp_rcv_state_process(): LINUX_MIB_TCPABORTONDATA) and then answers the segment as
     * one for no connection (tcp_v4_send_reset(), the rule of RFC 9293 §3.10.7.1): <SEQ=SEG.ACK><CTL=RST>, without
     * the ACK bit (capture everyday-close-after-request, docs/linux-captures.md §32).
     */
    private void resetAfterClose(Segment seg) {
        sendResetAsForNoConnection(seg, Explanation.of(Rules.HALF_DUPLEX_CLOSE, "send.rst.data-after-close"));
        env.discarded(this, seg, Explanation.of(Rules.HALF_DUPLEX_CLOSE, "discard.data-after-close"));
        enter(TcpState.CLOSED, Explanation.of(Rules.HALF_DUPLEX_CLOSE, "data-after-close"));
        delete(false);
    }

    /**
     * TCP_LINGER2 -1 ({@link TcpParams#finWait2TimeoutMs} below 0): an orphan whose FIN is acknowledged does not wait
     * in FIN-WAIT-2. Linux tcp_rcv_state_process (FIN-WAIT-1, {@code tp->linger2 < 0}) calls tcp_done and has the
     * segment answered as one for no connection (tcp_v4_send_reset): <SEQ=SEG.ACK><CTL=RST> (capture everyday-s99
     * linger2-negative, docs/linux-captures.md §99).
     */
    private void resetWithoutFinWait2(Segment seg) {
        sendResetAsForNoConnection(seg, Explanation.of(Rules.LINUX_FIN_WAIT_2, "send.rst.linger2"));
        enter(TcpState.CLOSED, Explanation.of(Rules.LINUX_FIN_WAIT_2, "fin-wait-1.linger2"));
        delete(false);
    }

    private void finArrives() {
        rcvNxt += 1;
        env.signal(this, UserSignal.EOF, 0);
        boolean ourFinAcked = finSent && Seq.gt(sndUna, finSeq);
        switch (state) {
            case SYN_RECEIVED, ESTABLISHED -> {
                enter(TcpState.CLOSE_WAIT, Explanation.of(Rules.FIN_CHECK, "fin.close-wait"));
                // Linux enters ping-pong mode here, so the ACK of the FIN may wait for the application's reply.
                pingPong = true;
                owedAckForFin();
            }
            case FIN_WAIT_1 -> {
                if (ourFinAcked) {
                    enterTimeWait(Explanation.of(Rules.FIN_CHECK, "fin.fin-wait-1.acked"), true);
                } else {
                    enter(TcpState.CLOSING, Explanation.of(Rules.FIN_CHECK, "fin.closing"));
                }
                ackOwedNow();
            }
            case FIN_WAIT_2 -> {
                enterTimeWait(Explanation.of(Rules.FIN_CHECK, "fin.fin-wait-2"), true);
                ackOwedNow();
            }
            case TIME_WAIT -> {
                arm(TimerKind.TIME_WAIT, env.params().timeWaitMs(), Explanation.of(Rules.FIN_CHECK, "timer.time-wait.restart"));
                ackOwedNow();
            }
            default -> ackOwedNow();
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Timeouts (RFC 9293 §3.10.8)
    // ---------------------------------------------------------------------------------------------------

    public void timerFires(TimerKind kind) {
        timers.remove(kind);
        switch (kind) {
            case RETRANSMISSION -> retransmissionTimeout();
            case TIME_WAIT -> {
                enter(TcpState.CLOSED, Explanation.of(Rules.TIME_WAIT_TIMEOUT, "time-wait.expired"));
                delete(false);
            }
            case DELAYED_ACK -> {
                if (ackOwed) {
                    if (ackTimeout.timerSentAck(pingPong, rto)) {
                        pingPong = false;
                    }
                    sendAck(Explanation.of(Rules.DELAYED_ACK, "send.ack.delayed"));
                }
            }
            case FIN_WAIT_2 -> {
                enter(TcpState.CLOSED, Explanation.of(Rules.LINUX_FIN_WAIT_2, "fin-wait-2.expired"));
                delete(false);
            }
            case REORDER -> reorderTimerFired();
            case LOSS_PROBE -> sendLossProbe();
            case SACK_COMPRESS -> sendAck(Explanation.of(Rules.LINUX_SACK_COMPRESS, "send.ack.sack-compressed", compressedAcks,
                    rcvNxt - irs));
            case PERSIST -> probeWindow();
        }
    }

    private void retransmissionTimeout() {
        Unacked front = retransmissionQueue.peekFirst();
        if (front == null) {
            return;
        }
        int limit = retryLimit();
        if (retries >= limit || synTimeBudgetSpent(front)) {
            giveUp(limit);
            return;
        }
        retries++;
        rtoBackedOff = true;
        if (state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED) {
            handshakeRetransmitted = true;
        }
        // Exponential back-off (RFC 6298 §5.5), except for Linux's first few SYN retransmissions.
        boolean linear = state == TcpState.SYN_SENT && retries <= env.params().synLinearTimeouts();
        if (!linear) {
            rto = Math.min(rto * 2, env.params().maxRtoMs());
        }
        enterLoss();
        congestionWindow.timedOut(retries == 1, sndNxt - sndUna, sendMss(), env.now(), sndNxt);
        ecn.reductionBegan(); // tcp_enter_loss → tcp_ecn_queue_cwr
        lossProbeHighSeq = null; // tcp_enter_loss
        markAllLost();
        retransmissionQueue.pollFirst();
        retransmissionQueue.addFirst(front.resent(env.now()));
        resend(front, Explanation.of(Rules.RETRANSMISSION, "send.retransmit", retries, limit));
        arm(TimerKind.RETRANSMISSION, rto, linear
                ? Explanation.of(Rules.LINUX_SYN_LINEAR_TIMEOUTS, "timer.rto.linear", rto)
                : Explanation.of(Rules.RETRANSMISSION, "timer.rto.backoff", rto));
    }

    /**
     * The loss a timeout starts lasts until SND.NXT of now is acknowledged; F-RTO tests it unless fast recovery was on
     * and this is its first timeout (RFC 5682 §3.1 step 1, §3.2; Linux tcp_enter_loss: new_recovery ||
     * icsk_retransmits, counted before this one). Not in the handshake, whose ACK brings no new data to test with.
     */
    private void enterLoss() {
        if (!env.profile().testsTimeoutsByFrto() || state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED) {
            return;
        }
        frto = !congestionWindow.inRecovery() || retries > 1;
        lossHighSeq = sndNxt;
    }

    /**
     * Whether an ACK of {@code ack} leaves the loss a timeout started going on (Linux tcp_process_loss in TCP_CA_Loss:
     * SND.UNA still below high_seq, or at it without SACK, tcp_is_non_sack_preventing_reopen), so that an ECE on it
     * begins no CWR state: tcp_fastretrans_alert returns before tcp_try_to_open → tcp_enter_cwr (runs/ecn-loss-s155,
     * docs/linux-captures.md §155). The ACK that ends the loss goes on to tcp_try_to_open, and its ECE is taken.
     */
    private boolean timeoutLossGoesOnAt(int ack) {
        return lossHighSeq != null && (Seq.lt(ack, lossHighSeq) || !sackAgreed && ack == lossHighSeq);
    }

    /**
     * An ACK in the loss a timeout started (Linux tcp_process_loss, RFC 5682 §3.1): the first that advances SND.UNA
     * below the loss's end lets new data go first, if any waits and the peer's window has room (step 2.b); a duplicate
     * ACK, or one that SACKs data (FLAG_DATA_SACKED), once it went says the timeout was real (step 3.a), and, without
     * SACK, that a segment left the flight (tcp_add_reno_sack), a delivery BBR's window grows by. An ACK of all the
     * loss's data ends it. Returns whether this was a duplicate ACK of the loss, which starts no fast recovery (Linux
     * stays in CA_Loss).
     */
    private boolean ackInLoss(int ack, boolean unaAdvances, boolean duplicate, boolean dataSacked) {
        if (lossHighSeq == null) {
            return false;
        }
        boolean recovered = Seq.ge(ack, lossHighSeq);
        boolean newDataSent = Seq.gt(sndNxt, lossHighSeq);
        if (frto && newDataSent && (duplicate || dataSacked)) {
            frto = false;
            frtoStep = FrtoStep.LOSS_CONFIRMED;
        } else if (frto && !newDataSent && unaAdvances && !recovered) {
            lossHighSeq = sndNxt;
            frto = unsentBytes > 0 && Seq.gt(sndUna + sndWnd, sndNxt);
            frtoStep = frto ? FrtoStep.NEW_DATA_FIRST : null;
            return false;
        }
        if (recovered) {
            lossHighSeq = null;
            frto = false;
            return false;
        }
        if (duplicate && newDataSent && !sackAgreed) {
            int held = Math.min(duplicateAcks + 1, retransmissionQueue.size() - 1);
            boolean oneMoreHeld = held > duplicateAcks;
            duplicateAcks = held;
            if (oneMoreHeld) {
                congestionWindow.deliveredBeyondTheGap(ack, sendMss(), env.now(), minRttUs(), srttWholeMsInUs(), segmentsInFlight());
            }
        }
        return duplicate;
    }

    /**
     * After a retransmission timeout every segment still out and not SACKed counts as lost (RFC 5681 §3.1, RFC 6298
     * §5.4: the timeout says the flight is gone; Linux tcp_enter_loss, tcp_timeout_mark_lost): the first is sent again
     * at once, the rest leave the flight and go again, in order, as ACKs open the loss window in slow start
     * ({@link #retransmitLost}).
     */
    private void markAllLost() {
        retransmissionQueue.replaceAll(entry -> entry.sacked() ? entry : entry.lostNow());
        duplicateAcks = 0; // tcp_timeout_mark_lost: tcp_reset_reno_sack
    }

    /**
     * Segments marked lost by the timeout go again before any new data, as far as the congestion window lets them
     * (Linux tcp_xmit_retransmit_queue, which stops once the flight fills cwnd; RFC 5681 §3.1's slow start from the
     * loss window). Returns whether any was sent.
     */
    private boolean retransmitLost(Explanation why) {
        boolean sent = false;
        for (ListIterator<Unacked> it = retransmissionQueue.listIterator(); it.hasNext(); ) {
            Unacked entry = it.next();
            if (!entry.lost()) {
                continue;
            }
            if (congestionRoom(sendMss()) == 0) {
                break;
            }
            it.set(entry.resent(env.now()));
            resend(entry, why);
            sent = true;
        }
        return sent;
    }

    /**
     * The most retransmissions before giving up, decided when the timer fires: a half-open entry's limit
     * depends on how full its listener's SYN queue is at that moment (Linux).
     */
    private int retryLimit() {
        TcpParams params = env.params();
        return switch (state) {
            case SYN_SENT -> env.profile().synSentRetryLimit(params);
            case SYN_RECEIVED -> passiveOpen
                    ? env.profile().synAckRetryLimit(params, env.synQueueLength(), env.youngSynQueueEntries())
                    : params.synRetries();
            default -> params.dataRetries();
        };
    }

    /** SYN-SENT has used up the profile's time budget since its first SYN (Linux's retransmits_timed_out()). */
    private boolean synTimeBudgetSpent(Unacked front) {
        OptionalLong budget = env.profile().synSentTimeBudgetMs(env.params());
        return state == TcpState.SYN_SENT && retries > 0 && budget.isPresent()
                && env.now() - front.firstSentAt() >= budget.getAsLong();
    }

    private void giveUp(int limit) {
        boolean embryonic = state == TcpState.SYN_RECEIVED && passiveOpen;
        if (embryonic) {
            // The half-open entry is dropped from the SYN queue; the listener carries on. Below synAckRetries, a
            // crowded queue took its last retries (Linux's pruning), which the plain give-up would not say.
            int configured = env.params().synAckRetries();
            enter(TcpState.LISTEN, limit < configured
                    ? Explanation.of(Rules.LINUX_SYN_QUEUE_PRUNING, "give-up.syn-received.pruned", env.synQueueLength(),
                            env.youngSynQueueEntries(), limit, configured)
                    : Explanation.of(Rules.RETRANSMISSION, "give-up.syn-received"));
            delete(true);
            return;
        }
        timedOut(Explanation.of(Rules.RETRANSMISSION, "give-up"));
    }

    /** The connection is aborted for want of an answer: the application learns "connection timed out". */
    private void timedOut(Explanation why) {
        env.signal(this, UserSignal.TIMEOUT, 0);
        enter(TcpState.CLOSED, why);
        delete(false);
    }

    // ---------------------------------------------------------------------------------------------------
    // Zero-window probing (RFC 9293 §3.8.6.1)
    // ---------------------------------------------------------------------------------------------------

    /**
     * Data waits, nothing is in flight, and the peer's window let nothing go: no ACK is coming that could open it, so
     * the persist timer will probe the window once a zero window has lasted an RTO (SHLD-29; Linux
     * tcp_check_probe_timer, with tcp_probe0_base = the RTO). A window that is open but too small for sender SWS
     * avoidance is the same timer as the override timeout (RFC 9293 §3.8.6.2.1, rule 4). So is a partial segment a
     * cork held ({@code corkHeld}) with the window open for it: the kernel arms its probe timer whatever held the data
     * (__tcp_push_pending_frames: tcp_write_xmit returns true with nothing in flight and data queued), and its
     * tcp_write_wakeup sends the tail past the cork, 200 ms on (tcp_probe0_base; capture everyday-s58 cork); the RFC
     * bounds the hold of data sent without PUSH (MUST-60), here by the override timeout.
     */
    private void armPersistIfWindowShut(boolean corkHeld) {
        if (unsentBytes > 0 && retransmissionQueue.isEmpty() && !timers.containsKey(TimerKind.PERSIST)) {
            int interval = probeInterval();
            if (corkHeld && usableWindow() >= Math.min(unsentBytes, sendMss())) {
                int bound = env.profile().swsOverrideMs(interval);
                armProbeTimer(ProbeReason.CORKED_TAIL, bound, unsentBytes, sendMss(), bound);
            } else if (usableWindow() > 0) {
                int override = env.profile().swsOverrideMs(interval);
                armProbeTimer(ProbeReason.SMALL_WINDOW, override, usableWindow(), sendMss(), maxSndWnd, override);
            } else {
                armProbeTimer(ProbeReason.ZERO_WINDOW, interval, interval);
            }
        }
    }

    /**
     * Why the probe timer runs (Linux has one, ICSK_TIME_PROBE0, whatever held the data): each reason names the step
     * that arms it and the data it sends when it fires with the window open.
     */
    private enum ProbeReason {
        /** A zero window: the timer probes it (RFC 9293 §3.8.6.1, tcp_send_probe0). */
        ZERO_WINDOW(Rules.ZERO_WINDOW_PROBE, "timer.persist"),
        /** An open window too small for sender SWS avoidance: the override timeout (RFC 9293 §3.8.6.2.1, rule 4). */
        SMALL_WINDOW(Rules.SENDER_SWS_WHEN_TO_SEND, "timer.sws-override"),
        /** A partial segment a cork or MSG_MORE held with nothing in flight: tcp_write_wakeup sends it (MUST-60). */
        CORKED_TAIL(Rules.CORK, "timer.cork");

        private final String rule;
        private final String armedKey;

        ProbeReason(String rule, String armedKey) {
            this.rule = rule;
            this.armedKey = armedKey;
        }

        /** The data the timer sends: the corked tail, or what the open window allows (the override's send). */
        Explanation sent(int size) {
            return this == CORKED_TAIL ? Explanation.of(rule, "send.data.cork-timer", size)
                    : Explanation.of(Rules.SENDER_SWS_WHEN_TO_SEND, "send.data.sws-override", size);
        }
    }

    /** Arms the probe timer for {@code reason}, its step named by the reason with {@code args}. */
    private void armProbeTimer(ProbeReason reason, int delayMs, Object... args) {
        armProbeTimer(reason, delayMs, Explanation.of(reason.rule, reason.armedKey, args));
    }

    private void armProbeTimer(ProbeReason reason, int delayMs, Explanation why) {
        probeReason = reason;
        arm(TimerKind.PERSIST, delayMs, why);
    }

    /** RFC 9293 §3.8.6.2.1's usable window U = SND.UNA + SND.WND - SND.NXT. */
    private int usableWindow() {
        return sndUna + sndWnd - sndNxt;
    }

    /**
     * The override timeout fired with a window open but too small (RFC 9293 §3.8.6.2.1, rule 4): what fits goes, so
     * that a receiver that shrank its buffer cannot stall the sender. It is in flight now, so the RTO takes over.
     * {@code reason}: why the timer ran; the cork's bound sends the tail it held (tcp_write_wakeup).
     */
    private void sendWhatTheWindowAllows(ProbeReason reason) {
        int size = (int) Math.min(Math.min(unsentBytes, sendMss()), usableWindow());
        unsentBytes -= size;
        probesUnanswered = 0;
        probeBackoff = 0;
        sendNew(Flags.ACK | Flags.PSH, size, reason.sent(size));
    }

    /**
     * The persist timer fired (Linux tcp_probe_timer, tcp_send_probe0): while data still waits behind the shut window,
     * a probe asks for the window, and the next one comes twice as late (SHLD-30), at most the largest RTO. Unanswered
     * probes count as retransmissions do (dataRetries, Linux tcp_retries2); an answered one resets the count, so a
     * receiver that keeps its window shut but answers keeps the connection open (MUST-37).
     */
    private void probeWindow() {
        if (unsentBytes == 0 || !retransmissionQueue.isEmpty()) {
            probesUnanswered = 0;
            probeBackoff = 0;
            return;
        }
        if (usableWindow() > 0) {
            sendWhatTheWindowAllows(probeReason);
            return;
        }
        if (probesUnanswered >= env.params().dataRetries()) {
            timedOut(Explanation.of(Rules.ZERO_WINDOW_PROBE, "give-up.window-probes", probesUnanswered));
            return;
        }
        if (env.profile().probesZeroWindowWithOldSequence()) {
            transmitNow(sndUna - 1, rcvNxt, Flags.ACK, 0, Explanation.of(Rules.ZERO_WINDOW_PROBE, "send.window-probe.old-sequence"));
        } else {
            probeOctetOut = true;
            transmitNow(sndNxt, rcvNxt, Flags.ACK, 1, Explanation.of(Rules.ZERO_WINDOW_PROBE, "send.window-probe.octet"));
        }
        probesUnanswered++;
        probeBackoff = Math.min(probeBackoff + 1, env.params().dataRetries());
        int interval = probeInterval();
        armProbeTimer(ProbeReason.ZERO_WINDOW, interval, Explanation.of(Rules.ZERO_WINDOW_PROBE, "timer.persist.backoff", interval));
    }

    /**
     * An ACK arrived while nothing but probes was out (Linux tcp_ack_probe): a window that opened stops the persist
     * timer and its back-off, and the data goes; a window still shut restarts the timer from this ACK.
     */
    private void probeAnswered() {
        probesUnanswered = 0;
        if (!timers.containsKey(TimerKind.PERSIST)) {
            return;
        }
        if (sndWnd > 0) {
            cancel(TimerKind.PERSIST);
            probeBackoff = 0;
        } else {
            int interval = probeInterval();
            armProbeTimer(ProbeReason.ZERO_WINDOW, interval, Explanation.of(Rules.ZERO_WINDOW_PROBE, "timer.persist.answered", interval));
        }
    }

    /**
     * The textbook probe's octet: an ACK beyond SND.NXT by one says the receiver kept it, so it was sent after all;
     * any other ACK says it was not, and it waits with the rest.
     */
    private void takeProbeOctet(int ack) {
        if (probeOctetOut && ack == sndNxt + 1) {
            sndNxt = ack;
            unsentBytes--;
        }
        probeOctetOut = false;
    }

    /** The RTO shifted by the back-off, at most the largest RTO (Linux tcp_probe0_when). */
    private int probeInterval() {
        return (int) Math.min((long) rto << probeBackoff, env.params().maxRtoMs());
    }

    // ---------------------------------------------------------------------------------------------------
    // Output
    // ---------------------------------------------------------------------------------------------------

    /**
     * Sends queued data (in MSS-sized pieces, within the peer's window) and then a queued FIN. Returns true if
     * anything was sent; every segment carries the current ACK, so an owed ACK rides along.
     *
     * <p>Nagle's algorithm (RFC 9293 §3.7.4, SHLD-7): while data is unacknowledged, a segment smaller than the
     * MSS waits for that acknowledgement ({@link #nagleHolds}). A CLOSE pushes everything out at once, the FIN riding
     * on the last data segment, as BSD and Linux do.
     */
    private boolean pushData() {
        return pushData(PartialSegment.SOCKET_SETTING);
    }

    /** What a push does with a segment smaller than the MSS: Linux's nonagle argument to tcp_write_xmit. */
    private enum PartialSegment {
        /** tp->nonagle: held by TCP_CORK, or by Nagle behind unacknowledged data ({@link #nagleHolds}). */
        SOCKET_SETTING,
        /** TCP_NAGLE_CORK for this push only: the end of a send() with MSG_MORE (tcp_push). */
        HELD,
        /** TCP_NAGLE_PUSH: a write's push before it sleeps or its forced push, which neither Nagle nor a cork holds (tcp_nagle_test). */
        GOES;

        /** The push at the end of a send() with these flags (tcp_push: MSG_MORE makes it TCP_NAGLE_CORK). */
        static PartialSegment atTheEndOf(SendFlags flags) {
            return flags == SendFlags.MORE ? HELD : SOCKET_SETTING;
        }
    }

    /** {@link #pushData()}, {@code partial} saying what becomes of a segment smaller than the MSS. */
    private boolean pushData(PartialSegment partial) {
        FrtoStep step = frtoStep;
        frtoStep = null;
        boolean newFirst = step == FrtoStep.NEW_DATA_FIRST;
        boolean sent = !newFirst && retransmitLost(step == FrtoStep.LOSS_CONFIRMED
                ? Explanation.of(Rules.FRTO, "send.retransmit.frto-loss-real", congestionWindow.bytes())
                : Explanation.of(Rules.LOSS_RECOVERY, "send.retransmit.lost", congestionWindow.bytes()));
        if (!state.closeSendsFin() && !(finQueued && !finSent)) {
            return sent | retransmitIfFrtoSentNothing(newFirst);
        }
        if (state != TcpState.SYN_RECEIVED || fastOpenChild) {
            // A Fast Open child may send in SYN-RECEIVED (RFC 7413 §4.2.2; Linux tcp_sendmsg, tcp_passive_fast_open).
            // The pass goes out in GSO packets of this many segments (segmentsPerPacket), 0: one push.
            int perPacket = segmentsPerPacket(sendMss());
            int packetLeft = 0;
            int packetSize = 0;
            int packetStart = sndNxt;
            while (unsentBytes > 0) {
                int inFlight = sndNxt - sndUna;
                int mss = sendMss();
                int peerRoom = sndWnd - inFlight;
                int congestionRoom = congestionRoom(mss);
                int size = (int) Math.min(Math.min(unsentBytes, mss), Math.min(peerRoom, congestionRoom));
                boolean cutShortByTheWindow = size == peerRoom && size < Math.min(unsentBytes, mss);
                // A packet's tail: its head, a whole segment, fit the window (tcp_snd_wnd_test, tcp_mss_split_point).
                boolean packetsTail = perPacket > 0 && packetLeft > 0;
                if (size <= 0 || (size < mss && !finQueued && holds(partial))
                        || (cutShortByTheWindow && env.profile().senderSwsRule().holds(size, maxSndWnd, packetsTail))) {
                    heldByCongestionWindow = congestionRoom < Math.min(unsentBytes, Math.min(mss, peerRoom));
                    break;
                }
                if (size < mss) {
                    smallSegmentEnd = sndNxt + size;
                }
                if (perPacket > 0 && packetLeft == 0 && packetWaitsForTheAckDue(perPacket, mss, peerRoom, congestionRoom, unsentBytes)) {
                    break;
                }
                if (perPacket > 0 && packetLeft == 0) {
                    // tcp_write_xmit: a packet is as large as tcp_tso_segs, the congestion window's quota, the peer's
                    // window with a part of a segment at its end (tcp_mss_split_point) and the data allow.
                    packetSize = Math.min(Math.min(perPacket, Math.max(1, congestionRoom / mss)),
                            (int) Math.min((peerRoom + mss - 1) / mss, (unsentBytes + mss - 1) / mss));
                    packetLeft = packetSize;
                }
                boolean endsPacket = perPacket > 0 && --packetLeft == 0 && packetSize > 1;
                unsentBytes -= size;
                int flags = Flags.ACK | (unsentBytes == 0 || endsPacket ? Flags.PSH : 0);
                if (allWrittenQueuedAndSent() && finQueued && !finSent) {
                    sendFin(flags, size);
                } else if (newFirst) {
                    sendNew(flags, size, Explanation.of(Rules.FRTO, "send.data.frto-new", size));
                } else if (size == mss && mss < segmentMss()) {
                    sendNew(flags, size, Explanation.of(Rules.SENDER_SWS, "send.data.half-window", size, maxSndWnd));
                } else if (cutShortByTheWindow) {
                    sendNew(flags, size, Explanation.of(Rules.SENDER_SWS_WHEN_TO_SEND,
                            env.profile().senderSwsRule().whyASegmentCutShortGoes(), size, maxSndWnd));
                } else if (heldByCongestionWindow) {
                    sendNew(flags, size, congestionWindowLets(size));
                } else {
                    sendNew(flags, size, Explanation.of(Rules.SEND, "send.data", size));
                }
                sent = true;
                if (perPacket > 0 && packetLeft == 0) {
                    packetSent(packetStart);
                    packetStart = sndNxt;
                }
            }
            packetSent(packetStart);
            if (unsentBytes == 0) {
                heldByCongestionWindow = false;
            }
            if (sent && probeReason == ProbeReason.CORKED_TAIL) {
                // Data in flight: the retransmission timer replaces the probe timer (tcp_event_new_data_sent, tcp_rearm_rto).
                cancel(TimerKind.PERSIST);
            }
            armPersistIfWindowShut(partial == PartialSegment.HELD || partial == PartialSegment.SOCKET_SETTING && corked);
        }
        if (finQueued && !finSent && allWrittenQueuedAndSent() && (state != TcpState.SYN_RECEIVED || sndNxt == iss + 1)) {
            sendFin(Flags.ACK, 0);
            sent = true;
        }
        return sent | retransmitIfFrtoSentNothing(newFirst);
    }

    /**
     * F-RTO's new data could not go (the congestion window or Nagle held it): F-RTO gives way to the conventional
     * recovery at once, and the lost segments go (Linux tcp_xmit_recovery after REXMIT_NEW).
     */
    private boolean retransmitIfFrtoSentNothing(boolean newFirst) {
        if (!newFirst || Seq.gt(sndNxt, lossHighSeq)) {
            return false;
        }
        frto = false;
        return retransmitLost(Explanation.of(Rules.LOSS_RECOVERY, "send.retransmit.lost", congestionWindow.bytes()));
    }

    /**
     * Whether the next packet of a burst, which a window cuts short, waits for the ACK due now
     * ({@link Profile#defersAPacketTheWindowCutsWhileAnAckIsDue}; Linux tcp_tso_should_defer, in its order): the
     * packet is what the congestion window's quota and the data make it (tcp_grow_skb); it goes at once in recovery,
     * when the last data went more than a millisecond ago, a full packet fits, the room is at least a third of
     * min(SND.WND, cwnd), or the oldest segment in flight is due to be acknowledged later than min(srtt / 2, 1 ms) from
     * now. Otherwise it waits where a window holds back part of the data queued (the kernel defers only a queued skb
     * of more than one segment): the peer's window, no more than the packet (unless more data follows one that fits
     * whole); or the congestion window, its room no more than the data waiting (is_cwnd_limited), so that in congestion
     * avoidance a round's segments that ACKs arriving back to back let go one at a time leave in pairs, PSH on the
     * second (frto-sack-flight-and-probe-lost-defaults, docs/linux-captures.md §75). A round trip below the engine's
     * millisecond (srtt 0) makes the ACK due as soon as the oldest segment left, and a full packet the GSO size
     * ({@link #segmentsPerPacket}): the congestion window's last few segments of a burst over veth wait (§100, §104).
     */
    private boolean packetWaitsForTheAckDue(int perPacket, int mss, int peerRoom, int congestionRoom, long unsentBytes) {
        Unacked oldest = retransmissionQueue.peekFirst();
        if (!env.profile().defersAPacketTheWindowCutsWhileAnAckIsDue() || oldest == null || oldest.retransmitted()
                || congestionWindow.inRecovery() || !roundTrip.measured()) {
            return false;
        }
        int packet = (int) Math.min((long) Math.min(perPacket, Math.max(1, congestionRoom / mss)) * mss, unsentBytes);
        int room = Math.min(peerRoom, congestionRoom);
        boolean lastData = unsentBytes <= packet;
        long ackDueIn = oldest.firstSentAt() + roundTrip.srttMs() - env.now();
        // The data waiting stands for the kernel's queued skb when the congestion window cuts it (cong_win < send_win).
        boolean cwndLimited = congestionRoom < peerRoom;
        boolean goesNow = (cwndLimited ? unsentBytes <= mss : packet <= mss)
                || env.now() - retransmissionQueue.peekLast().firstSentAt() > 1
                || room >= perPacket * mss
                || !cwndLimited && !lastData && room >= packet
                || room >= Math.min(sndWnd, congestionWindow.bytes()) / TSO_WIN_DIVISOR
                || ackDueIn > Math.min(roundTrip.srttMs() / 2, 1);
        return !goesNow && (cwndLimited ? congestionRoom <= unsentBytes : peerRoom <= packet);
    }

    /**
     * The segments of a full packet (tcp_tso_segs, tcp_tso_autosize): the profile's pushed packet
     * ({@link Profile#segmentsPerPushedPacket}, tcp_min_tso_segs; 0 for a profile without packets), or, below a 512 µs
     * min RTT (tcp_tso_rtt_log 9; whole ms 0 here), as many as the GSO size holds, no fewer.
     */
    private int segmentsPerPacket(int mss) {
        int pushed = env.profile().segmentsPerPushedPacket();
        return pushed > 0 && roundTrip.measured() && roundTrip.minRttMs() == 0 ? Math.max(pushed, GSO_MAX_SIZE / mss) : pushed;
    }

    /** Whether a segment smaller than the MSS waits in a push of this kind (tcp_nagle_test, tcp_nagle_check). */
    private boolean holds(PartialSegment partial) {
        return switch (partial) {
            case SOCKET_SETTING -> corked || nagleHolds();
            case HELD -> true;
            case GOES -> false;
        };
    }

    /**
     * Nagle (tp->nonagle): whether a segment smaller than the MSS waits: never with TCP_NODELAY; else behind any
     * unacknowledged data, or only behind a small one.
     */
    private boolean nagleHolds() {
        if (env.params().noDelay()) {
            return false;
        }
        if (env.profile().naglesOnlyBehindSmallSegments()) {
            return smallSegmentEnd != null && Seq.gt(smallSegmentEnd, sndUna);
        }
        return hasUnacknowledgedData();
    }

    /**
     * Why data that waited for the congestion window goes now: its phase (slow start, fast recovery, an ECE's reduction, avoidance; BBR's
     * window for a host that runs it), or, without SACK, duplicate ACKs that took segments out of the flight.
     */
    private Explanation congestionWindowLets(int size) {
        int cwnd = congestionWindow.bytes();
        if (congestionWindow.inRecovery()) {
            return Explanation.of(Rules.FAST_RECOVERY, "send.data.recovery", size, cwnd, congestionWindow.ssthresh());
        }
        if (congestionWindow.inCwr() && congestionWindow.bbr() == null) {
            return Explanation.of(Rules.ECN_REDUCTION, "send.data.cwr", size, cwnd, congestionWindow.ssthresh());
        }
        if (duplicateAcks > 0) {
            return Explanation.of(Rules.DUPLICATE_ACK_SENDS, "send.data.duplicate-ack", size, duplicateAcks);
        }
        if (congestionWindow.bbr() != null) {
            return Explanation.of(Rules.LINUX_BBR, "send.data.bbr", size, cwnd);
        }
        if (cwnd >= congestionWindow.ssthresh()) {
            String key = congestionWindow.slowStartEndedByHyStart() ? "send.data.congestion-avoidance.hystart"
                    : "send.data.congestion-avoidance";
            return Explanation.of(Rules.CONGESTION_AVOIDANCE, key, size, cwnd, congestionWindow.ssthresh());
        }
        return Explanation.of(Rules.CONGESTION_WINDOW, "send.data.congestion-window", size, cwnd);
    }

    /**
     * Segments sent and neither acknowledged, SACKed (or, without SACK, counted held by a duplicate ACK) nor waiting as
     * lost (Linux tcp_packets_in_flight).
     */
    private int segmentsInFlight() {
        return (int) retransmissionQueue.stream().filter(entry -> !entry.sacked() && !entry.lost()).count() - duplicateAcks;
    }

    /** RFC 5681's FlightSize: SND.NXT - SND.UNA, less what a timeout marked lost and has not sent again. */
    private int flightBytes() {
        return sndNxt - sndUna - retransmissionQueue.stream().filter(Unacked::lost).mapToInt(Unacked::len).sum();
    }

    private boolean hasUnacknowledgedData() {
        for (Unacked unacked : retransmissionQueue) {
            if (unacked.len() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The FIN, alone or on the last {@code len} bytes of data: FIN-WAIT-1 (or LAST-ACK after the peer's FIN), unless
     * the CLOSE entered its state already because data still waited ({@link #enterClosingState}).
     */
    private void sendFin(int flags, int len) {
        sendFin(flags, len, false);
    }

    /** {@link #sendFin}, as a loss probe's new data when {@code probe}: then the probe sets the timer. */
    private void sendFin(int flags, int len, boolean probe) {
        finSent = true;
        finSeq = sndNxt + len;
        if (state.closeSendsFin()) {
            enterClosingState(Explanation.of(Rules.CLOSE, state == TcpState.CLOSE_WAIT ? "close.close-wait" : "close.established"));
        }
        sendNew(flags | Flags.FIN, len, len > 0 ? Explanation.of(Rules.CLOSE, "send.fin.data", len) : Explanation.of(Rules.CLOSE, "send.fin"),
                !probe);
    }

    /**
     * CLOSE's state: FIN-WAIT-1, or LAST-ACK after the peer's FIN. RFC 9293 §3.10.4 enters FIN-WAIT-1 at the CLOSE
     * even while data queued before it still waits for the window ("In any case, enter FIN-WAIT-1 state"), and
     * LAST-ACK only once the FIN goes; Linux's tcp_close_state enters either at once
     * ({@link Profile#entersLastAckAtClose}). The FIN follows the data ({@link #pushData}).
     */
    private void enterClosingState(Explanation why) {
        if (state == TcpState.CLOSE_WAIT) {
            if (finSent || env.profile().entersLastAckAtClose()) {
                enter(TcpState.LAST_ACK, why);
            }
        } else {
            enter(TcpState.FIN_WAIT_1, why);
        }
    }

    /** Sends a segment that occupies new sequence space and puts it on the retransmission queue. */
    private void sendNew(int flags, int len, Explanation why) {
        sendNew(flags, len, why, true);
    }

    /**
     * {@link #sendNew}; with {@code armsTimer} false (a loss probe's new data) it sets no timer: tcp_write_xmit
     * schedules no probe for push_one 2, and tcp_send_loss_probe sets the RTO itself.
     */
    private void sendNew(int flags, int len, Explanation why, boolean armsTimer) {
        int seq = sndNxt;
        boolean hasAck = Flags.has(flags, Flags.ACK);
        Unacked entry = new Unacked(seq, flags & ~Flags.ACK, len, env.now());
        sndNxt = entry.end();
        retransmissionQueue.addLast(entry);
        sendingNew = true;
        transmitNow(seq, hasAck ? rcvNxt : 0, flags, len, why);
        sendingNew = false;
        if (armsTimer && !scheduleLossProbe(false) && !timers.containsKey(TimerKind.RETRANSMISSION)
                && !timers.containsKey(TimerKind.REORDER)) {
            armRto();
        }
    }

    private void sendAck(Explanation why) {
        transmitNow(sndNxt, rcvNxt, Flags.ACK, 0, why);
    }

    /**
     * An acceptable ACK of our SYN,ACK whose connection the listener's full accept queue has no room for (Linux
     * tcp_check_req, {@code listen_overflow}): with tcp_abort_on_overflow the request is dropped and the ACK answered with
     * {@code <SEQ=SEG.ACK><CTL=RST>} (embryonic_reset, tcp_v4_send_reset), the listener staying in LISTEN; without, the ACK is
     * dropped and the request kept ({@code inet_rsk(req)->acked = 1}), its SYN,ACK timer going on.
     */
    private void acceptQueueOverflows(Segment seg) {
        if (env.acceptQueue() == AcceptQueue.FULL_ABORT_ON_OVERFLOW) {
            sendResetAsForNoConnection(seg, Explanation.of(Rules.ACCEPT_QUEUE, "send.rst.accept-queue-full"));
            env.discarded(this, seg, Explanation.of(Rules.ACCEPT_QUEUE, "discard.accept-queue-full.reset"));
            enter(TcpState.LISTEN, Explanation.of(Rules.ACCEPT_QUEUE, "syn-received.accept-queue-full.reset"));
            delete(true);
        } else {
            env.discarded(this, seg, Explanation.of(Rules.ACCEPT_QUEUE, "discard.accept-queue-full"));
        }
    }

    /**
     * The reset of RFC 9293 §3.10.7.1 for a segment no connection takes, <SEQ=SEG.ACK><CTL=RST>, as a closed port sends
     * it ({@link Host}): window 0 and no options. Linux builds it so in tcp_v4_send_reset, also for an unacceptable ACK in
     * SYN-SENT (capture time-wait-syn-old-isn, row 10: win 0) and for data after a close (everyday-close-after-request).
     */
    private void sendResetAsForNoConnection(Segment seg, Explanation why) {
        env.transmit(this, new Segment(local, remote, seg.ack(), 0, Flags.RST, 0, 0), why);
    }

    private void transmitNow(int seq, int ack, int flags, int len, Explanation why) {
        transmitNow(seq, ack, flags, len, null, why);
    }

    /** windowField: the window field to send, or null for the one the receive window offers now. */
    private void transmitNow(int seq, int ack, int flags, int len, Integer windowField, Explanation why) {
        if (Flags.has(flags, Flags.ACK)) {
            // Any segment with the ACK bit acknowledges everything received so far.
            noAckOwed();
            lastAckSent = ack;
        }
        if (len > 0 && ackTimeout.answersWithinAto(env.now())) {
            // Linux tcp_event_data_sent: an answer within ato makes the connection interactive (ping-pong mode).
            pingPong = true;
        }
        if (len > 0) {
            congestionWindow.sent(env.now(), seq + len, len, flightBytes(), segmentsInFlight(), sendMss());
        }
        boolean syn = Flags.has(flags, Flags.SYN);
        boolean newData = sendingNew && len > 0;
        flags |= !syn ? ecn.flags(newData) : Flags.has(flags, Flags.ACK) ? ecn.synAckFlags() : ecn.synFlags(sendingNew);
        int window = windowField != null ? windowField : receiveWindow.field(rcvNxt, syn, sendMss(), unreadBytes, env.now());
        if (quickAcksLeft > 0 && receiveWindow.lessThanHalfFree(env.now())) {
            // Linux __tcp_select_window: a buffer more than half taken ends quick-ACK mode (small-window-reads), without
            // deflating ato as the last quick ACK does (small-window-partial-segment: ato doubled by the delayed-ACK
            // timer stays, the next delayed ACK after 86 ms). One ACK of the same segments would have ended it too:
            // none is given back (ackMergedIntoLater).
            quickAcksLeft = 0;
            quickAcksSpentOn.clear();
        }
        env.transmit(this, new Segment(local, remote, seq, ack, flags, len, window, optionsFor(flags),
                syn ? 0 : receiveWindow.shift(), ecn.codepoint(newData)), why);
    }

    /**
     * The options of a segment sent now. A SYN offers what the tunables allow; a SYN,ACK answers with what both
     * offered (RFC 7323 §1.3, RFC 2018 §2: never an option the SYN did not carry); later segments carry the
     * timestamps if both agreed (RFC 7323 §3.2), RSTs included, and the SACK blocks of data held beyond a gap (RFC 2018 §4).
     */
    private TcpOptions optionsFor(int flags) {
        TcpParams params = env.params();
        if (Flags.has(flags, Flags.SYN) && !Flags.has(flags, Flags.ACK)) {
            // TS.Recent is 0 on a new connection; one that took over a TIME-WAIT tuple echoes the old one (tcp_syn_options).
            return TcpOptions.forSyn(params, params.sack(), params.windowScaling(),
                    params.timestamps() ? new TcpOptions.Timestamps(tsVal(), tsRecent) : null).withFastOpenCookie(fastOpenCookie);
        }
        TcpOptions.Timestamps timestamps = timestampsAgreed ? new TcpOptions.Timestamps(tsVal(), tsRecent) : null;
        if (Flags.has(flags, Flags.SYN)) {
            // A server's SYN,ACK gives a cookie to a SYN that asked or brought an invalid one (tcp_synack_options).
            return TcpOptions.forSyn(params, sackAgreed, windowScaleAgreed, timestamps)
                    .withFastOpenCookie(passiveOpen ? fastOpenCookie : null);
        }
        // RFC 2018 §4: while data is held beyond a gap, every ACK carries the SACK blocks that fit beside the timestamps;
        // a D-SACK goes first, on one ACK only (RFC 2883 §4; Linux tcp_options_write clears rx_opt.dsack).
        List<SackBlock> blocks = new ArrayList<>();
        if (duplicateBlock != null) {
            blocks.add(duplicateBlock);
            duplicateBlock = null;
        }
        if (sackAgreed) {
            blocks.addAll(outOfOrder.sackBlocks(TcpOptions.MAX_SACK_BLOCKS));
        }
        int room = timestampsAgreed ? TcpOptions.MAX_SACK_BLOCKS_WITH_TIMESTAMPS : TcpOptions.MAX_SACK_BLOCKS;
        return TcpOptions.established(timestamps, blocks.subList(0, Math.min(room, blocks.size())));
    }

    /**
     * The timestamp clock: one tick per millisecond (Linux since 4.13; RFC 7323 §5.4 allows 1 ms to 1 s),
     * from a per-connection offset (RFC 7323 §5.4, Linux secure_tcp_ts_off) drawn from the ISN so that runs
     * repeat without taking from the seeded generator.
     */
    private long tsVal() {
        return TcpOptions.clock(tsClockIsn, env.now());
    }

    /** What this connection's timestamps option said {@code ageMs} ago: its clock then, and TS.Recent as it is now. */
    TcpOptions.Timestamps timestampsAged(long ageMs) {
        return timestampClock().aged(env.now(), ageMs);
    }

    /**
     * The effective send MSS (RFC 9293 §3.7.1): the smaller MSS of the two, less the room the timestamps take; for
     * Linux at most half the peer's largest window ({@link Profile#boundsSegmentsToHalfTheLargestWindow}).
     */
    private int sendMss() {
        int mss = segmentMss();
        return env.profile().boundsSegmentsToHalfTheLargestWindow() ? Math.min(mss, halfTheLargestWindow()) : mss;
    }

    /** The smaller MSS of the two, less the room the timestamps take: a full segment. */
    private int segmentMss() {
        return Math.max(1, Math.min(env.params().mss(), peerMss) - (timestampsAgreed ? TcpOptions.TIMESTAMPS_ROOM : 0));
    }

    /**
     * Linux tcp_bound_to_half_wnd: half of tp->max_window (the whole of one of at most TCP_MSS_DEFAULT, 536 bytes),
     * never below 68 bytes less the TCP header; no bound before the peer has offered a window.
     */
    private int halfTheLargestWindow() {
        if (maxSndWnd == 0) {
            return Integer.MAX_VALUE;
        }
        int cutoff = maxSndWnd > SMALLEST_DEFAULT_MSS ? maxSndWnd >> 1 : maxSndWnd;
        return Math.max(cutoff, SMALLEST_SEGMENT_BOUND - TCP_HEADER - (timestampsAgreed ? TcpOptions.TIMESTAMPS_ROOM : 0));
    }

    /** The first window, the receive buffer behind it, and the quick ACKs granted before any data. */
    private void startReceiveWindow(int receiveMss) {
        int initialWindow = env.profile().initialWindow(env.params(), receiveMss);
        boolean readsOnCall = env.readMode() == ReadMode.ON_CALL;
        // The copy per round trip is modelled for an application that reads every segment as it arrives.
        receiveWindow.start(initialWindow, env.profile().receiveBuffer(env.params()), readsOnCall,
                !readsOnCall && env.profile().autotunesReceiveBuffer(env.params()), env.params().loopback(), env.profile());
        quickAcksLeft = env.profile().countsQuickAcksAtFirstData() ? 0
                : env.profile().quickAcks(env.params(), initialWindow, receiveMss);
    }

    /**
     * The peer's SYN (or SYN,ACK) has arrived: each option is used only if both ends offered it. A listener
     * answers with the options it agrees to; an active opener offered all that its tunables allow.
     */
    private void agreeOptions(TcpOptions peer, boolean passive) {
        TcpParams params = env.params();
        peerMss = peer.mss() != null ? peer.mss() : TcpOptions.DEFAULT_MSS;
        sackAgreed = params.sack() && peer.sackPermitted();
        timestampsAgreed = params.timestamps() && peer.timestamps() != null;
        windowScaleAgreed = params.windowScaling() && peer.windowScale() != null;
        if (timestampsAgreed) {
            tsRecent = peer.timestamps().value();
            tsRecentAt = env.now();
        }
        // RFC 7323 §2.3: a shift above 14 is used as 14.
        sndShift = windowScaleAgreed ? Math.min(TcpOptions.MAX_WINDOW_SCALE, peer.windowScale()) : 0;
        receiveWindow.scale(windowScaleAgreed ? params.windowScale() : 0);
        int receiveMss = params.mss() - (timestampsAgreed ? TcpOptions.TIMESTAMPS_ROOM : 0);
        if (passive) {
            // The SYN,ACK's window counts the timestamps the connection will carry (Linux: 45 × 1448).
            startReceiveWindow(receiveMss);
        }
        receiveWindow.anchor(rcvNxt, receiveMss, sendMss());
    }

    /**
     * The ACK of a SYN cookie: the listener kept nothing. Linux hides the SACK and window-scale choices in the
     * low bits of the SYN,ACK's TSval, so they come back only with timestamps; the peer's shift is taken to be
     * our own (both ends of a simulation share their tunables).
     */
    private void agreeCookieOptions(TcpOptions ack) {
        TcpParams params = env.params();
        boolean timestamps = params.timestamps() && ack.timestamps() != null;
        agreeOptions(new TcpOptions(params.mss(), timestamps && params.sack(),
                timestamps && params.windowScaling() ? params.windowScale() : null,
                timestamps ? ack.timestamps() : null), true);
    }

    /** RFC 7323 §4.3: TS.Recent follows the TSval of in-order segments that reach the left window edge. */
    private void recordTimestamp(Segment seg) {
        TcpOptions.Timestamps timestamps = seg.options().timestamps();
        if (timestampsAgreed && timestamps != null && Seq.le(seg.seq(), lastAckSent)
                && Seq.le((int) tsRecent, (int) timestamps.value())) {
            tsRecent = timestamps.value();
            tsRecentAt = env.now();
        }
    }

    /**
     * @param finFollows the segment also carries a FIN, whose ping-pong mode ({@link #finArrives}) the kernel enters
     *                   before it decides how to ACK (tcp_data_queue runs tcp_fin before __tcp_ack_snd_check), so no
     *                   quick ACK answers it
     * @param ackNow     the ACK is owed at once whatever else holds (ICSK_ACK_NOW: data with CWR, {@link EcnState#asksAckNow})
     */
    private void owedAckForData(boolean pushed, boolean finFollows, boolean ackNow) {
        segmentsAwaitingAck++;
        if (pushed) {
            pushedAwaitingAck++;
        }
        TcpParams params = env.params();
        // Enough arrived since the last ACK, unless the window would shrink (Linux __tcp_ack_snd_check).
        boolean enough = enoughAwaitingAck() && !receiveWindow.wouldShrink(unreadBytes, env.now());
        if (!params.delayedAck() || enough || ackNow) {
            ackOwedNow();
        } else if (quickAcksLeft > 0 && !pingPong && !finFollows) {
            // tcp_event_ack_sent → tcp_dec_quickack_mode, after the ACK's window was chosen: a window that ends quick-ACK
            // mode first (above) leaves ato as it is.
            if (--quickAcksLeft == 0 && !receiveWindow.lessThanHalfFree(env.now())) {
                ackTimeout.atoToMinimum();
            }
            quickAcksSpentOn.addLast(rcvNxt);
            if (quickAcksSpentOn.size() > env.params().quickAcks()) {
                quickAcksSpentOn.pollFirst();
            }
            ackOwedNow();
        } else {
            ackOwedLater();
        }
        readOnArrivalPending = env.readMode() == ReadMode.ON_ARRIVAL;
    }

    private boolean enoughAwaitingAck() {
        return env.profile().ackDueForWhatArrived(segmentsAwaitingAck, rcvNxt - lastAckSent, receiveWindow.rcvMss());
    }

    /**
     * After a read: whether the ACK owed leaves now (Linux tcp_cleanup_rbuf): enough arrived for one, or the read
     * emptied the queue of pushed data.
     */
    private boolean readSendsOwedAck(boolean queueEmptied) {
        return env.profile().acksPushedDataOnceRead() && (enoughAwaitingAck()
                || (queueEmptied && (pushedAwaitingAck >= 2 || (pushedAwaitingAck == 1 && !pingPong))));
    }

    private void owedAckForFin() {
        if (env.params().delayedAck()) {
            ackOwedLater();
        } else {
            ackOwedNow();
        }
    }

    private void ackOwedNow() {
        ackOwed = true;
        ackImmediately = true;
    }

    private void ackOwedLater() {
        ackOwed = true;
        int waitMs = ackTimeout.waitMs(pushedAwaitingAck > 0 || pingPong, roundTrip.srttMs());
        Long running = timers.get(TimerKind.DELAYED_ACK);
        if (running != null && ackTimeout.sendsAtOnce(running, env.now(), waitMs)) {
            ackImmediately = true;
        } else {
            long firesAt = ackTimeout.firesAt(env.now(), waitMs);
            if (running == null || firesAt < running) {
                arm(TimerKind.DELAYED_ACK, (int) (firesAt - env.now()), Explanation.of(Rules.DELAYED_ACK, "timer.delayed-ack"));
            }
        }
    }

    /**
     * At the end of processing one segment: send the ACK it made owed, unless the ACK may wait; an application that
     * reads on arrival then takes the data (after the segment's FIN, if any, made the connection interactive).
     */
    private void flushAck() {
        if (ackOwed && ackImmediately) {
            sendAck(Explanation.of(ackRuleForState(), "send.ack"));
        } else if (ackOwed && readOnArrivalPending && readSendsOwedAck(true)) {
            sendAck(Explanation.of(Rules.LINUX_ACK_ON_READ, "send.ack.read"));
        }
        ackImmediately = false;
        readOnArrivalPending = false;
    }

    private String ackRuleForState() {
        return state.hasReceivedFin() ? Rules.FIN_CHECK : Rules.TEXT;
    }

    // ---------------------------------------------------------------------------------------------------
    // Bookkeeping
    // ---------------------------------------------------------------------------------------------------

    /**
     * SND.UNA advances to {@code ack}; fully acknowledged segments leave the retransmission queue. Returns what this
     * delivered: only data, and not what was SACKed before (RFC 5681 §3.1: "previously unacknowledged bytes"; Linux
     * acked_sacked). {@code seg} is the acknowledging segment, whose TSecr may give the sample Karn's rule does not.
     * An ACK gives one round-trip sample (Linux tcp_clean_rtx_queue): from the oldest segment it newly acknowledges
     * that was sent once and not SACKed before, and none when it also acknowledges a segment sent again, which could
     * have been the copy that made the ACK (Karn's algorithm, RFC 6298 §3; FLAG_RETRANS_DATA_ACKED). The smallest
     * round trip seen takes the newest such segment's (ca_rtt_us, tcp_update_rtt_min).
     */
    private Delivery acknowledge(int ack, Segment seg) {
        Delivery delivered = Delivery.NONE;
        sndUna = ack;
        endLossProbeEpisode(ack, seg, true);
        boolean acked = false;
        boolean retransmittedAcked = false;
        Unacked oldestSentOnce = null;
        Unacked newestSentOnce = null;
        OptionalInt highestSacked = highestSacked();
        Integer reordered = null;
        boolean recovering = sackAgreed && congestionWindow.inRecovery();
        while (!retransmissionQueue.isEmpty() && Seq.le(retransmissionQueue.peekFirst().end(), ack)) {
            Unacked done = retransmissionQueue.pollFirst();
            acked = true;
            if (!done.sacked()) {
                delivered = delivered.plus(done);
                if (noteReordering(done, highestSacked) && reordered == null) {
                    reordered = done.seq();
                }
                rackAdvancedByCumulativeAck |= recovering && advanceRack(done, seg);
            }
            if (done.retransmitted()) {
                retransmittedAcked = true;
            } else if (!done.sacked()) {
                oldestSentOnce = oldestSentOnce == null ? done : oldestSentOnce;
                newestSentOnce = done;
            }
        }
        boolean newSample = false;
        boolean echoSample = false;
        int newestSample = -1;
        if (oldestSentOnce != null && !retransmittedAcked) {
            newestSample = (int) (env.now() - newestSentOnce.firstSentAt());
            sampleRoundTrip((int) (env.now() - oldestSentOnce.firstSentAt()), newestSample);
            newSample = true;
        } else if (acked) {
            int echoed = sampleFromTimestampEcho(seg);
            if (echoed > 0) {
                sampleRoundTrip(echoed, echoed);
                newestSample = echoed;
                newSample = true;
                echoSample = true;
            }
        }
        if (reordered != null) {
            // tcp_clean_rtx_queue: "Non-retransmitted hole got filled? That's reordering".
            measureReordering(reordered);
        }
        if (retransmissionQueue.stream().noneMatch(Unacked::retransmitted)) {
            retransmittedSince = -1; // tcp_retrans_stamp_cleanup: no copy is out
        }
        retries = 0;
        delivered = takeBackDuplicateAcks(ack, delivered);
        if (newSample) {
            // pkts_acked (rtt_us: the newest segment's round trip, or the TSecr's), before the window grows.
            congestionWindow.sampled(newestSample, ack, sndNxt, env.now());
        }
        congestionWindow.acked(ack, delivered.bytes(), delivered.segments(), sendMss(), env.now(),
                roundTrip.minRttMs(), minRttUs(), srttWholeMsInUs(), segmentsInFlight());
        cancel(TimerKind.REORDER);
        cancel(TimerKind.LOSS_PROBE);
        if (retransmissionQueue.isEmpty()) {
            cancel(TimerKind.RETRANSMISSION);
        } else if (!scheduleLossProbe(true)) {
            arm(TimerKind.RETRANSMISSION, rto, echoSample
                    ? Explanation.of(Rules.LINUX_RTT_FROM_TIMESTAMP_ECHO, "timer.rto.sample-echo", rto)
                    : newSample ? Explanation.of(Rules.RETRANSMISSION, "timer.rto.sample", rto) : rtoExplanation());
        }
        return delivered;
    }

    /** The smallest round trip measured, µs; -1 while none was (BBR's tcp_min_rtt). */
    private long minRttUs() {
        return roundTrip.measured() ? roundTrip.minRttMs() * 1_000L : -1;
    }

    /**
     * The smoothed round trip in whole ms, given in µs; -1 while none was measured. Congestion control has always been
     * given this rounded value; {@link RoundTripEstimator#srttUs} (Linux's srtt_us) would move BBR's pacing, which no
     * capture has been checked against yet, so the two stay apart under different names.
     */
    private long srttWholeMsInUs() {
        return roundTrip.measured() ? roundTrip.srttMs() * 1_000L : -1;
    }

    /**
     * The round-trip sample, in ms, that an ACK giving none of its own (it acknowledges a segment sent again, or only
     * segments SACKed before) takes from its TSecr
     * (Linux tcp_ack_update_rtt → tcp_rtt_tsopt_us, RFC 7323 §4.1; {@link Profile#samplesRttFromTimestampEcho}): our
     * timestamp clock now less the TSval echoed, 0 counting as one tick (tcp_rtt_tsopt_us's min_delta); 0 for none
     * (timestamps not in use, a TSecr of 0, or one from the future or too old to be ours).
     */
    private int sampleFromTimestampEcho(Segment seg) {
        TcpOptions.Timestamps timestamps = seg.options().timestamps();
        if (!env.profile().samplesRttFromTimestampEcho() || !timestampsAgreed || timestamps == null || timestamps.echo() == 0) {
            return 0;
        }
        long delta = (tsVal() - timestamps.echo()) & 0xFFFF_FFFFL;
        // tcp_rtt_tsopt_us: a delta of INT_MAX / 1000 ticks or more gives no sample.
        return delta >= Integer.MAX_VALUE / 1000 ? 0 : (int) Math.max(delta, 1);
    }

    /**
     * Without SACK, an ACK of new data takes back the segments the duplicate ACKs counted as held: of the {@code acked}
     * segments only those beyond them are newly delivered, and at least one, the hole (Linux tcp_remove_reno_sacks, in
     * segments: the bytes are as many full segments). They stay counted only in recovery below its end; otherwise none
     * do (tcp_fastretrans_alert: tcp_reset_reno_sack).
     */
    private Delivery takeBackDuplicateAcks(int ack, Delivery acked) {
        if (duplicateAcks == 0) {
            return acked;
        }
        int segments = Math.max(acked.segments() - duplicateAcks, 1);
        duplicateAcks = congestionWindow.isPartialAck(ack) ? Math.max(duplicateAcks - (acked.segments() - 1), 0) : 0;
        return new Delivery(segments * sendMss(), segments);
    }

    /**
     * RFC 6298 (5.7): if the SYN or SYN,ACK timed out and no round trip was measured, data starts with an
     * RTO of 3 s. Under {@link Profile#samplesRttFromTimestampEcho} the ACK's TSecr usually gave one (Linux
     * tcp_init_metrics sets TCP_TIMEOUT_FALLBACK only while srtt is 0).
     */
    private void applyHandshakeFallbackRto() {
        if (handshakeRetransmitted && !roundTrip.measured() && !rtoFromCache) {
            rto = Math.max(rto, HANDSHAKE_FALLBACK_RTO_MS);
        }
    }

    /**
     * Linux tcp_init_metrics, once the handshake is done: a round trip the host's TCP metrics keep for the peer's address
     * that is longer than the handshake's sets the first RTO ({@link RoundTripEstimator#rtoFromCached}); the estimator
     * itself starts from the handshake's, and the first data sample sets the RTO afresh. Capture metrics-s136/rtt:
     * after a connection over a 200 ms path, the next one's handshake measures 20 ms and its first RTO is 600 ms.
     */
    private void applyCachedRoundTrip() {
        if (metricsInitialised) {
            return;
        }
        metricsInitialised = true;
        long cached = env.profile().keepsRoundTripPerDestination() ? env.cachedRoundTripUs8(remote) : 0;
        rtoFromCache = cached > roundTrip.srttUsTimes8();
        if (rtoFromCache) {
            rto = roundTrip.rtoFromCached(cached);
        }
    }

    /**
     * Linux tcp_init_metrics: a kept ssthresh ends the slow start there, a kept degree of reordering (tp->reordering)
     * keeps RACK's reordering window until that many segments are SACKed ({@link Profile#rackReorderingWindowMs}), and
     * tcp_init_buffer_space, which runs after it, sizes the send buffer for that many segments and one
     * ({@link #sndbufSegments}). Capture metrics-s142/reorder-rto: a kept degree of 62 delays the next connection's copy
     * of a lost segment to RACK's timer, where a fresh connection sends it on the third duplicate ACK.
     */
    private void applyKeptCongestion() {
        KeptCongestion kept = env.profile().keepsRoundTripPerDestination() ? env.keptCongestion(remote) : KeptCongestion.NONE;
        if (kept.ssthresh() > 0) {
            congestionWindow.startFromKeptSsthresh(kept.ssthresh());
        }
        if (kept.reordering() > 0) {
            reorderingDegree = kept.reordering();
        }
    }

    /** tcp_sndbuf_expand's count of segments: the congestion window's, at least the degree of reordering and one. */
    private int sndbufSegments(int mss) {
        return Math.max(congestionWindow.bytes() / mss, reorderingDegree + 1);
    }

    /**
     * Linux tcp_update_metrics, as the connection ends in TIME-WAIT (tcp_time_wait) or LAST-ACK: its smoothed round
     * trip for the next connection to the peer's address, none when it measured none or its timer was backed off;
     * with a round trip, its ssthresh and degree of reordering as well ({@link KeptCongestion#after}).
     */
    private void saveMetrics() {
        if (env.profile().keepsRoundTripPerDestination()) {
            long srttUs8 = rtoBackedOff || probeBackoff > 0 ? 0 : roundTrip.srttUsTimes8();
            env.roundTripEnded(remote, srttUs8);
            if (srttUs8 > 0) {
                env.congestionEnded(remote, congestionWindow.segments(), congestionWindow.ssthreshSegments(),
                        !congestionWindow.inReduction(), reorderingDegree);
            }
        }
    }

    /** One sample per ACK ({@link RoundTripEstimator}); {@code newest}, the newest acknowledged segment's, for the smallest seen. */
    private void sampleRoundTrip(int sample, int newest) {
        rtoBackedOff = false;
        rtoFromCache = false;
        rto = roundTrip.sample(sample, newest, sndUna, sndNxt);
    }

    private void markFrontRetransmitted() {
        Unacked front = retransmissionQueue.pollFirst();
        if (front != null) {
            retransmissionQueue.addFirst(front.resent(env.now()));
        }
    }

    private void updateWindow(Segment seg) {
        // RFC 7323 §2.3: the window field of a SYN is never scaled.
        sndWnd = seg.has(Flags.SYN) ? seg.window() : seg.window() << sndShift;
        sndWl1 = seg.seq();
        sndWl2 = seg.ack();
        maxSndWnd = Math.max(maxSndWnd, sndWnd);
    }

    /** @param acksTheirFin whether the ACK of the FIN that ends the close is still to be sent */
    private void enterTimeWait(Explanation why, boolean acksTheirFin) {
        saveMetrics();
        enter(TcpState.TIME_WAIT, why);
        timeWaitSince = env.now();
        if (env.profile().miniSocketKeepsWindow()) {
            // Linux sends that ACK from the full socket before it makes the mini-socket (tcp_fin: tcp_send_ack, then
            // tcp_time_wait), so the mini-socket keeps the window that ACK offers.
            if (acksTheirFin) {
                receiveWindow.keepNextOffer();
            } else {
                receiveWindow.keep(rcvNxt);
            }
        }
        cancel(TimerKind.RETRANSMISSION);
        cancel(TimerKind.FIN_WAIT_2);
        retransmissionQueue.clear();
        arm(TimerKind.TIME_WAIT, env.params().timeWaitMs(), Explanation.of(Rules.FIN_CHECK, "timer.time-wait", env.params().timeWaitMs()));
    }

    private void armFinWait2TimerIfOrphaned() {
        int timeout = env.params().finWait2TimeoutMs();
        if (applicationClosed && timeout < 0 && state == TcpState.FIN_WAIT_2) {
            // __tcp_close: close() in FIN-WAIT-2 with TCP_LINGER2 -1 resets at once (tcp_send_active_reset).
            boolean withAck = env.profile().abortResetCarriesAck();
            transmitNow(sndNxt, withAck ? rcvNxt : 0, Flags.RST | (withAck ? Flags.ACK : 0), 0,
                    Explanation.of(Rules.LINUX_FIN_WAIT_2, "send.rst.linger2-close"));
            enter(TcpState.CLOSED, Explanation.of(Rules.LINUX_FIN_WAIT_2, "fin-wait-2.linger2-close"));
            delete(false);
            return;
        }
        if (applicationClosed && state == TcpState.FIN_WAIT_2 && env.profile().miniSocketKeepsWindow()) {
            // Linux turns an orphaned FIN-WAIT-2 into a TIME-WAIT mini-socket (tcp_time_wait(sk, TCP_FIN_WAIT2)).
            receiveWindow.keep(rcvNxt);
        }
        if (applicationClosed && timeout > 0 && state == TcpState.FIN_WAIT_2) {
            arm(TimerKind.FIN_WAIT_2, timeout, Explanation.of(Rules.LINUX_FIN_WAIT_2, "timer.fin-wait-2", timeout));
        }
    }

    private void enter(TcpState next, Explanation why) {
        TcpState previous = state;
        state = next;
        if (next == TcpState.ESTABLISHED) {
            // Linux tcp_init_transfer: the initial congestion window once the handshake is done.
            congestionWindow.start(sendMss(), env.now(), sndNxt);
            applyKeptCongestion();
            // tcp_init_buffer_space: the receive buffer's autotuning starts measuring, the send buffer is sized.
            receiveWindow.transferStarts(env.now());
            if (sendBuffer != null) {
                sendBuffer.expand(mssClamp(), sndbufSegments(sendMss()));
            }
        }
        env.stateChanged(this, previous, next, why);
    }

    /** The retransmission timer (re)started for a full RTO (RFC 6298 §5). */
    private void armRto() {
        arm(TimerKind.RETRANSMISSION, rto, rtoExplanation());
    }

    /** Why the retransmission timer runs for the RTO in force: the estimator's, or the one the TCP metrics gave. */
    private Explanation rtoExplanation() {
        return rtoFromCache
                ? Explanation.of(Rules.LINUX_TCP_METRICS_RTO, "timer.rto.cached", rto)
                : Explanation.of(Rules.RETRANSMISSION, "timer.rto", rto);
    }

    /**
     * Starts a timer of {@code delayMs}; one that Linux runs on its timer wheel ({@link TimerKind#onTimerWheel}) fires
     * at the end of its bucket ({@link Profile#timerWheelMs}).
     */
    private void arm(TimerKind kind, int delayMs, Explanation why) {
        long expiresAt = env.now() + (kind.onTimerWheel()
                ? env.profile().timerWheelMs(env.now(), env.wheelTicksAtStart(), delayMs) : delayMs);
        if (timerArmed(kind, expiresAt)) {
            // Already set for that moment: nothing changes, so the trace shows no new step (as mod_timer() returns at
            // once for a pending timer given its own expiry, kernel/time/timer.c).
            return;
        }
        timers.put(kind, expiresAt);
        env.timerArmed(this, kind, expiresAt, why);
    }

    private void cancel(TimerKind kind) {
        if (timers.remove(kind) != null) {
            env.timerCancelled(this, kind);
        }
    }

    /** Deletes the TCB: every timer stops. */
    private void delete(boolean backToListen) {
        for (TimerKind kind : TimerKind.values()) {
            cancel(kind);
        }
        retransmissionQueue.clear();
        if (writeWaiting > 0) {
            // sk_stream_wait_memory returns the connection's error: the waiting send() returns, its rest never queued.
            env.writeNoted(this, StepKind.WRITE_DONE, Explanation.of(Rules.LINUX_SEND_BUFFER, "write.ended", writeWaiting));
            writeWaiting = 0;
        }
        env.deleted(this, backToListen);
    }

    /** Drops the TCB without a word to anyone, as a crash does (RFC 9293 §3.5.1). */
    void forget() {
        timers.clear();
        retransmissionQueue.clear();
        state = TcpState.CLOSED;
    }

    // ---------------------------------------------------------------------------------------------------
    // Read access for the network, the trace and tests
    // ---------------------------------------------------------------------------------------------------

    public TcpState state() {
        return state;
    }

    /** This connection's timestamp clock and TS.Recent, which its host keeps once it has ended. */
    TimestampClock timestampClock() {
        return new TimestampClock(tsClockIsn, tsRecent);
    }

    public SocketAddress local() {
        return local;
    }

    public SocketAddress remote() {
        return remote;
    }

    public boolean passiveOpen() {
        return passiveOpen;
    }

    public int iss() {
        return iss;
    }

    public int irs() {
        return irs;
    }

    /**
     * A segment this end sent outside the state machine (a replayed capture's) offered {@code window} bytes beyond
     * {@code acknowledged}: data up to that right edge is acceptable from now on, as Linux accepts data up to the edge
     * of the last window it sent (tcp_select_window sets rcv_wup and rcv_wnd; tcp_sequence). The edge never moves
     * back; where it moves, that window is the one last offered (rcv_wnd), and later windows are still the state
     * machine's choice.
     */
    public void offered(int acknowledged, int window) {
        receiveWindow.offered(acknowledged, window);
    }

    /**
     * Whether a segment this end sent outside the state machine (a replayed capture's), acknowledging
     * {@code acknowledged} and offering {@code window} bytes, offers room this end could not offer with the data its
     * application has left unread (RFC 9293 §3.8.6.2.2: the window is the buffer's free space; Linux
     * __tcp_select_window): the application read in the meantime.
     */
    public boolean offerShowsARead(int acknowledged, int window) {
        return unreadBytes > 0 && receiveWindow.beyondUnreadOffer(acknowledged + window, rcvNxt, unreadBytes, env.now());
    }

    /**
     * The bytes a read took where a segment this end sent outside the state machine (a replayed capture's) offers
     * {@code window} bytes after it: the application read no more than the window shows (Linux __tcp_select_window
     * offers the free space of the receive buffer), and left the rest unread; where that window is the largest the
     * buffer offers, the one it offered {@code next} (null where unknown) tells whether whole buffers stayed unread.
     */
    public long readShownByOffer(int window, NextOffer next) {
        return receiveWindow.readReaching(unreadBytes, window, env.now(), next,
                timestampsAgreed ? TcpOptions.TIMESTAMPS_ROOM : 0);
    }

    /**
     * Whether the window this end offered {@code next} (a replayed capture's) is smaller than a read of all its
     * application has left unread would have let it offer then: no such read came before that ACK (Linux frees only a
     * buffer read to its end, tcp_recvmsg_locked, and __tcp_select_window offers the memory left).
     */
    public boolean nextOfferKeepsUnread(NextOffer next) {
        return unreadBytes > 0 && receiveWindow.nextOfferKeepsUnread(next, timestampsAgreed ? TcpOptions.TIMESTAMPS_ROOM : 0,
                env.now());
    }

    /**
     * Whether a pure ACK this end sent outside the state machine (a replayed capture's), acknowledging
     * {@code acknowledged} and offering {@code window} bytes, is the ACK of a read (Linux __tcp_cleanup_rbuf): it
     * acknowledges all that arrived, which waits unread; the ACK owed waits for a delayed-ACK timer not yet due, so
     * only a read could send it now; and its window passes the read's test for an ACK of its own. Where one segment
     * unread leaves the window as it was ({@link #offerShowsARead} cannot tell), its timing still shows the read.
     */
    public boolean ackShowsARead(int acknowledged, int window) {
        Long delayedAck = timers.get(TimerKind.DELAYED_ACK);
        return unreadBytes > 0 && ackOwed && acknowledged == rcvNxt && delayedAck != null && delayedAck > env.now()
                && receiveWindow.readOpensTo(rcvNxt, window, sendMss());
    }

    /**
     * A pure ACK this end sent outside the state machine (a replayed capture's) acknowledged {@code acknowledged}: what
     * it covered no longer counts towards the next ACK. Linux builds every ACK with rcv_wup = rcv_nxt
     * (tcp_select_window), the "more than one full segment since the last ACK" test of __tcp_ack_snd_check and
     * tcp_cleanup_rbuf counts from there, and an ACK of all that arrived clears the owed ACK and its timer
     * (tcp_event_ack_sent → inet_csk_clear_xmit_timer(ICSK_TIME_DACK)). Only forward: the state machine's own later
     * ACKs stay its own.
     */
    public void acknowledgedOutside(int acknowledged) {
        if (!Seq.gt(acknowledged, lastAckSent) || Seq.gt(acknowledged, rcvNxt)) {
            return;
        }
        lastAckSent = acknowledged;
        if (acknowledged == rcvNxt) {
            noAckOwed();
        }
    }

    /**
     * A replay found that the peer's segments this end acknowledged one by one, up to {@code acknowledged}, reached
     * the kernel it replays as one (GRO, the socket's backlog) and were answered by one later ACK: the quick ACK the
     * state machine spent on that ACK was not spent (tcp_dec_quickack_mode runs once per ACK sent), so it is given back.
     */
    public void ackMergedIntoLater(int acknowledged) {
        if (quickAcksSpentOn.remove(acknowledged)) {
            quickAcksLeft++;
        }
    }

    /** Everything received is acknowledged: no ACK owed, its timers stopped, the counts towards the next one reset. */
    private void noAckOwed() {
        ackOwed = false;
        segmentsAwaitingAck = 0;
        pushedAwaitingAck = 0;
        cancel(TimerKind.DELAYED_ACK);
        cancel(TimerKind.SACK_COMPRESS);
        compressedAcks = 0;
    }

    public int sndUna() {
        return sndUna;
    }

    public int sndNxt() {
        return sndNxt;
    }

    /**
     * Whether F-RTO waits for the ACK of the timeout's retransmission, to send new data next (RFC 5682 §3.1 step 2;
     * Linux tcp_process_loss with tp->frto and SND.NXT still at high_seq).
     */
    public boolean frtoAwaitsAck() {
        return frto && lossHighSeq != null && lossHighSeq == sndNxt;
    }

    /**
     * Whether a segment written now would wait for the congestion window: the segments in flight fill it (Linux
     * tcp_cwnd_test gives no quota; RFC 5681 §3.1).
     */
    public boolean congestionWindowFull() {
        return congestionRoom(sendMss()) == 0;
    }

    /** How many bytes more the congestion window lets into flight now ({@link CongestionWindow#room}). */
    private int congestionRoom(int mss) {
        return congestionWindow.room(flightBytes(), segmentsInFlight(), mss);
    }

    /**
     * Whether {@code bytes} written now would wait though the congestion window has room: the room cuts the packet
     * they make, and that packet waits for the ACK due ({@link #packetWaitsForTheAckDue}; tcp_tso_should_defer).
     */
    public boolean writeDeferredByCongestionWindow(int bytes) {
        int mss = sendMss();
        int peerRoom = sndWnd - (sndNxt - sndUna);
        int congestionRoom = congestionRoom(mss);
        int perPacket = segmentsPerPacket(mss);
        return perPacket > 0 && congestionRoom > 0 && congestionRoom < peerRoom
                && packetWaitsForTheAckDue(perPacket, mss, peerRoom, congestionRoom, unsentBytes + bytes);
    }

    /**
     * Whether {@code bytes} written now would all leave at once: nothing waits unsent, the peer's and the congestion
     * window take them, no packet of them waits for an ACK due, and neither TCP_CORK nor Nagle holds their partial last
     * segment behind the full ones (tcp_nagle_check: Minshall's variant only behind a small segment).
     */
    public boolean writeLeavesAtOnce(int bytes) {
        int mss = sendMss();
        int room = Math.min(sndWnd - (sndNxt - sndUna), congestionRoom(mss));
        boolean tailHeld = corked || bytes % mss != 0 && !env.params().noDelay()
                && (nagleHolds() || bytes > mss && !env.profile().naglesOnlyBehindSmallSegments());
        return unsentBytes == 0 && writeWaiting == 0 && bytes <= room && !tailHeld && !writeDeferredByCongestionWindow(bytes);
    }

    /** Whether Nagle would hold {@code bytes} written now, less than a segment, with nothing unsent ({@link #nagleHolds}). */
    public boolean nagleWouldHold(int bytes) {
        return unsentBytes == 0 && bytes < sendMss() && nagleHolds();
    }

    /**
     * Whether the next in-order data to arrive is owed an ACK at once, not a delayed one ({@link #owedAckForData}): the
     * ACK is not delayed, or quick-ACK mode is on (Linux tcp_in_quickack_mode).
     */
    public boolean acksNextDataAtOnce() {
        return !env.params().delayedAck() || quickAcksLeft > 0 && !pingPong;
    }

    /** The sequence number just past the data the application has written: SND.NXT and what waits unsent behind it. */
    public int writtenEnd() {
        return sndNxt + (int) (unsentBytes + writeWaiting);
    }

    public int rcvNxt() {
        return rcvNxt;
    }

    public int rto() {
        return rto;
    }

    /** The armed timers and when they expire, in a fixed order. */
    public Map<TimerKind, Long> timers() {
        return java.util.Collections.unmodifiableMap(new EnumMap<>(timers));
    }

    public boolean timerArmed(TimerKind kind, long expiresAt) {
        Long at = timers.get(kind);
        return at != null && at == expiresAt;
    }

    /**
     * A handshake its listener answered that no application holds yet: in SYN-RECEIVED after a passive OPEN, and no Fast
     * Open child (Linux's tcp_try_fastopen makes that a socket accept() returns at once).
     */
    public boolean request() {
        return passiveOpen && state == TcpState.SYN_RECEIVED && !fastOpenChild;
    }

    /**
     * Its listener closed: Linux drops the request, sending nothing, when its next segment or its SYN,ACK timer finds the
     * listener no longer in LISTEN (tcp_v4_rcv: inet_csk_reqsk_queue_drop_and_put; reqsk_timer_handler), and that segment
     * is answered as for no connection. Dropped at once here: the wire shows the same.
     */
    void listenerClosed() {
        enter(TcpState.CLOSED, Explanation.of(Rules.CLOSE, "close.listen.request"));
        delete(false);
    }

    /** A half-open entry whose SYN,ACK has not been retransmitted yet (Linux counts these as "young"). */
    public boolean youngHalfOpen() {
        return passiveOpen && state == TcpState.SYN_RECEIVED && retries == 0;
    }

    /** Received bytes waiting for the application's read call. */
    public long unreadBytes() {
        return unreadBytes;
    }

    public boolean applicationClosed() {
        return applicationClosed;
    }

    @Override
    public String toString() {
        return local + "->" + remote + " " + state;
    }
}
