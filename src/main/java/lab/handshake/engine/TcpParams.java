package lab.handshake.engine;

import java.lang.invoke.MethodHandles;

/**
 * Every tunable of a simulation once the profile's defaults and the scenario's overrides are merged.
 * Times are virtual milliseconds. Built by name: {@link #builder()} starts from RFC 9293's values, and
 * {@link lab.handshake.engine.spec.ScenarioParams#over} lays a scenario's values over a profile's. A new tunable is
 * its component here (with its meaning below) and its field (holding RFC 9293's value) and setter in
 * {@link Builder}, then the same name in {@code ScenarioParams} and its words for the scenario editor
 * ({@link lab.handshake.engine.spec.Tunable}); copies and overlays find it by its name ({@link Components}), and
 * {@code TunablesTest} and {@code ExplanationTextsTest} name what is missing.
 *
 * @param oneWayDelayMs     time a segment spends in the network
 * @param jitterMs          extra random delay, 0 … jitterMs, drawn from the seeded generator
 * @param lossRate          probability that the network loses any segment (0 … 1), seeded
 * @param loopback          the ends are one host and exchange segments over loopback: each receiver gets the sender's
 *                          own buffer, its data in page fragments, not a copy (Linux loopback_xmit), and charges its
 *                          receive memory that buffer's truesize ({@link ReceiveMemory.Buffer#sendersOwn})
 * @param mslMs             maximum segment lifetime (RFC 9293 §3.4.2: 2 minutes)
 * @param timeWaitMs        how long TIME-WAIT lasts (2MSL in the RFC, a fixed 60 s on Linux)
 * @param initialRtoMs      RTO before any round-trip sample (RFC 6298 §2.1: 1 s)
 * @param minRtoMs          lower bound of a computed RTO (RFC 6298 §2.4: 1 s; Linux 200 ms)
 * @param maxRtoMs          upper bound after back-off (RFC 6298 §2.5: at least 60 s; Linux 120 s)
 * @param synRetries        retransmissions of a SYN before giving up
 * @param synLinearTimeouts how many SYN retransmissions wait the initial RTO again instead of doubling it
 *                          (Linux net.ipv4.tcp_syn_linear_timeouts, 4; the RFC doubles every time)
 * @param synAckRetries     retransmissions of a SYN,ACK before the half-open entry is dropped
 * @param dataRetries       retransmissions of data or FIN before the connection is aborted
 * @param delayedAck        whether ACKs may wait for data or a timer (RFC 9293 §3.8.6.3)
 * @param delayedAckMs      how long an ACK may wait (under 500 ms; Linux about 40 ms)
 * @param quickAcks         segments acknowledged at once at the start of a connection (Linux quick-ack mode)
 * @param finWait2TimeoutMs how long an orphaned FIN-WAIT-2 lasts after close() (0: no limit, as in the RFC; -1: none
 *                          at all, Linux TCP_LINGER2 -1: the orphan resets when its FIN is acknowledged, and close() in
 *                          FIN-WAIT-2 resets)
 * @param listenBacklog     the most half-open (SYN-RECEIVED) entries a listener keeps
 * @param synCookies        when SYN cookies are used
 * @param maxSynBacklog     Linux net.ipv4.tcp_max_syn_backlog: without SYN cookies, a SYN is dropped once fewer than a
 *                          quarter of this many entries are free (the RFC has no such rule; 2048 on the captures' host)
 * @param window            the receive buffer space an endpoint offers as its window (RFC 9293 §3.8.6.2.2
 *                          keeps the right edge where it was until it can open by an MSS or half of this;
 *                          Linux offers the largest multiple of the MSS that fits: 65536 → 44 × 1460 = 64240, and
 *                          keeps twice this as the buffer's memory, {@link Profile#receiveBuffer})
 * @param mss               the MSS an endpoint announces and the largest payload it sends (RFC 9293 §3.7.1)
 * @param sack              offer SACK-permitted on a SYN (RFC 2018; Linux net.ipv4.tcp_sack)
 * @param timestamps        offer timestamps on a SYN and, when both ends did, carry them on every segment
 *                          (RFC 7323 §3; Linux net.ipv4.tcp_timestamps)
 * @param windowScaling     offer window scaling on a SYN (RFC 7323 §2; Linux net.ipv4.tcp_window_scaling)
 * @param windowScale       the shift offered (0 … 14); Linux derives it from the largest receive buffer,
 *                          tcp_rmem[2] = 32 MiB in 6.15 and later, which gives 10
 * @param challengeAcks     RFC 5961 challenge ACKs for suspicious RST and SYN segments
 * @param twoWayHandshake   a deliberately broken server that opens on the SYN alone (for the hazard lesson)
 * @param twReuse           Linux net.ipv4.tcp_tw_reuse=1: connect() may take a 4-tuple still in TIME-WAIT when
 *                          timestamps were in use (the RFC has no such rule; Linux's default 2 allows it only on
 *                          loopback, which the simulated hosts are not)
 * @param twReuseDelayMs    Linux net.ipv4.tcp_tw_reuse_delay: how long the TIME-WAIT must have lasted first (1000)
 * @param rfc1337           TIME-WAIT ignores every RST (RFC 1337 §3, fix F1; Linux net.ipv4.tcp_rfc1337=1); off, as in
 *                          RFC 9293 §3.10.7.4 and Linux's default, a RST at RCV.NXT ends TIME-WAIT ("assassination")
 * @param noDelay           the sockets' TCP_NODELAY: Nagle's algorithm off (RFC 9293 §3.7.4: an application must be able
 *                          to ask for that, MUST-17), so every send leaves at once
 * @param moderateRcvbuf    Linux net.ipv4.tcp_moderate_rcvbuf=1: the receive buffer grows with what the application
 *                          copies per round trip ({@link Profile#autotunesReceiveBuffer}); RFC 9293 keeps RCV.BUFF.
 *                          A scenario's {@code window} is SO_RCVBUF, which fixes the buffer (SOCK_RCVBUF_LOCK), so a
 *                          host whose window is set does not autotune
 * @param congestionControl Linux net.ipv4.tcp_congestion_control (or TCP_CONGESTION on the socket): how the
 *                          congestion window grows, CUBIC (the default) or BBR ({@link CongestionWindow}); the RFC
 *                          9293 profile follows RFC 5681 whichever is chosen
 * @param fastOpen          TCP Fast Open (RFC 7413; Linux net.ipv4.tcp_fastopen, TCP_FASTOPEN, TCP_FASTOPEN_CONNECT):
 *                          off, on, or on with the server's cookie already held ({@link FastOpen}); the RFC 9293
 *                          profile runs none ({@link Profile#runsFastOpen})
 * @param noMetricsSave     Linux net.ipv4.tcp_no_metrics_save=1: a host keeps nothing of a connection for the next one to
 *                          the same address; at its default 0 the round trip a connection measured starts the next
 *                          one's RTO ({@link Profile#keepsRoundTripPerDestination})
 * @param noSsthreshMetricsSave Linux net.ipv4.tcp_no_ssthresh_metrics_save, 1 by default: a host neither keeps a
 *                          connection's ssthresh for the next one to the same address nor starts one from it; at 0 it
 *                          does both (tcp_update_metrics, tcp_init_metrics). The reordering degree is kept either way
 * @param ecn               Linux net.ipv4.tcp_ecn: 0 no ECN, 1 asks for it on the SYN and agrees when asked, 2 (Linux's
 *                          default) agrees when asked but does not ask (RFC 3168 §6.1.1; {@link EcnState}); RFC 9293
 *                          has no ECN, so its profile is 0 unless a scenario sets it
 */
public record TcpParams(
        int oneWayDelayMs, int jitterMs, double lossRate, boolean loopback,
        int mslMs, int timeWaitMs,
        int initialRtoMs, int minRtoMs, int maxRtoMs,
        int synRetries, int synLinearTimeouts, int synAckRetries, int dataRetries,
        boolean delayedAck, int delayedAckMs, int quickAcks,
        int finWait2TimeoutMs,
        int listenBacklog, SynCookieMode synCookies, int maxSynBacklog,
        int window, int mss,
        boolean sack, boolean timestamps, boolean windowScaling, int windowScale,
        boolean challengeAcks, boolean twoWayHandshake, boolean twReuse, int twReuseDelayMs, boolean rfc1337,
        boolean noDelay, boolean moderateRcvbuf, CongestionControl congestionControl, FastOpen fastOpen,
        boolean noMetricsSave, boolean noSsthreshMetricsSave, int ecn) {

    /** Copies and overlays go through the components by name; see {@link Components}. */
    public static final Components<TcpParams, Builder> COMPONENTS =
            Components.of(TcpParams.class, Builder.class, MethodHandles.lookup());

    /** RFC 9293's values (the textbook profile); change what differs by name. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return COMPONENTS.fill(new Builder(), this);
    }

    /** Named construction; a field's initial value is RFC 9293's (the textbook profile's). */
    public static final class Builder {
        private int oneWayDelayMs = 50;
        private int jitterMs = 0;
        private double lossRate = 0.0;
        private boolean loopback = false;
        private int mslMs = 120_000;
        private int timeWaitMs = 240_000;
        private int initialRtoMs = 1_000;
        private int minRtoMs = 1_000;
        private int maxRtoMs = 60_000;
        private int synRetries = 7;
        private int synLinearTimeouts = 0;
        private int synAckRetries = 7;
        private int dataRetries = 7;
        private boolean delayedAck = false;
        private int delayedAckMs = 200;
        private int quickAcks = 0;
        private int finWait2TimeoutMs = 0;
        private int listenBacklog = 128;
        private SynCookieMode synCookies = SynCookieMode.OFF;
        private int maxSynBacklog = 2_048;
        private int window = 65_535;
        private int mss = 1_460;
        // The textbook SYN carries the MSS option only; RFC 7323 and RFC 2018 options are extensions.
        private boolean sack = false;
        private boolean timestamps = false;
        private boolean windowScaling = false;
        private int windowScale = 0;
        private boolean challengeAcks = true;
        private boolean twoWayHandshake = false;
        private boolean twReuse = false;
        private int twReuseDelayMs = 1_000;
        private boolean rfc1337 = false;
        private boolean noDelay = false;
        private boolean moderateRcvbuf = false;
        private boolean noMetricsSave = false;
        private boolean noSsthreshMetricsSave = true;
        private int ecn = 0;
        private CongestionControl congestionControl = CongestionControl.CUBIC;
        private FastOpen fastOpen = FastOpen.OFF;

        private Builder() {
        }

        public Builder oneWayDelayMs(int oneWayDelayMs) {
            this.oneWayDelayMs = oneWayDelayMs;
            return this;
        }

        public Builder jitterMs(int jitterMs) {
            this.jitterMs = jitterMs;
            return this;
        }

        public Builder lossRate(double lossRate) {
            this.lossRate = lossRate;
            return this;
        }

        public Builder loopback(boolean loopback) {
            this.loopback = loopback;
            return this;
        }

        public Builder mslMs(int mslMs) {
            this.mslMs = mslMs;
            return this;
        }

        public Builder timeWaitMs(int timeWaitMs) {
            this.timeWaitMs = timeWaitMs;
            return this;
        }

        public Builder initialRtoMs(int initialRtoMs) {
            this.initialRtoMs = initialRtoMs;
            return this;
        }

        public Builder minRtoMs(int minRtoMs) {
            this.minRtoMs = minRtoMs;
            return this;
        }

        public Builder maxRtoMs(int maxRtoMs) {
            this.maxRtoMs = maxRtoMs;
            return this;
        }

        public Builder synRetries(int synRetries) {
            this.synRetries = synRetries;
            return this;
        }

        public Builder synLinearTimeouts(int synLinearTimeouts) {
            this.synLinearTimeouts = synLinearTimeouts;
            return this;
        }

        public Builder synAckRetries(int synAckRetries) {
            this.synAckRetries = synAckRetries;
            return this;
        }

        public Builder dataRetries(int dataRetries) {
            this.dataRetries = dataRetries;
            return this;
        }

        public Builder delayedAck(boolean delayedAck) {
            this.delayedAck = delayedAck;
            return this;
        }

        public Builder delayedAckMs(int delayedAckMs) {
            this.delayedAckMs = delayedAckMs;
            return this;
        }

        public Builder quickAcks(int quickAcks) {
            this.quickAcks = quickAcks;
            return this;
        }

        public Builder finWait2TimeoutMs(int finWait2TimeoutMs) {
            this.finWait2TimeoutMs = finWait2TimeoutMs;
            return this;
        }

        public Builder listenBacklog(int listenBacklog) {
            this.listenBacklog = listenBacklog;
            return this;
        }

        public Builder synCookies(SynCookieMode synCookies) {
            this.synCookies = synCookies;
            return this;
        }

        public Builder window(int window) {
            this.window = window;
            return this;
        }

        public Builder mss(int mss) {
            this.mss = mss;
            return this;
        }

        public Builder sack(boolean sack) {
            this.sack = sack;
            return this;
        }

        public Builder timestamps(boolean timestamps) {
            this.timestamps = timestamps;
            return this;
        }

        public Builder windowScaling(boolean windowScaling) {
            this.windowScaling = windowScaling;
            return this;
        }

        public Builder windowScale(int windowScale) {
            this.windowScale = windowScale;
            return this;
        }

        public Builder challengeAcks(boolean challengeAcks) {
            this.challengeAcks = challengeAcks;
            return this;
        }

        public Builder twoWayHandshake(boolean twoWayHandshake) {
            this.twoWayHandshake = twoWayHandshake;
            return this;
        }

        public Builder twReuse(boolean twReuse) {
            this.twReuse = twReuse;
            return this;
        }

        public Builder twReuseDelayMs(int twReuseDelayMs) {
            this.twReuseDelayMs = twReuseDelayMs;
            return this;
        }

        public Builder rfc1337(boolean rfc1337) {
            this.rfc1337 = rfc1337;
            return this;
        }

        public Builder noDelay(boolean noDelay) {
            this.noDelay = noDelay;
            return this;
        }

        public Builder moderateRcvbuf(boolean moderateRcvbuf) {
            this.moderateRcvbuf = moderateRcvbuf;
            return this;
        }

        public Builder noMetricsSave(boolean noMetricsSave) {
            this.noMetricsSave = noMetricsSave;
            return this;
        }

        public Builder noSsthreshMetricsSave(boolean noSsthreshMetricsSave) {
            this.noSsthreshMetricsSave = noSsthreshMetricsSave;
            return this;
        }

        public Builder ecn(int ecn) {
            this.ecn = ecn;
            return this;
        }

        public Builder congestionControl(CongestionControl congestionControl) {
            this.congestionControl = congestionControl;
            return this;
        }

        public Builder fastOpen(FastOpen fastOpen) {
            this.fastOpen = fastOpen;
            return this;
        }

        public Builder maxSynBacklog(int maxSynBacklog) {
            this.maxSynBacklog = maxSynBacklog;
            return this;
        }

        public TcpParams build() {
            return COMPONENTS.build(this);
        }
    }
}
