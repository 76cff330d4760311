package lab.handshake.engine;

/**
 * Every tunable of a simulation once the profile's defaults and the scenario's overrides are merged.
 * Times are virtual milliseconds.
 *
 * @param oneWayDelayMs     time a segment spends in the network
 * @param jitterMs          extra random delay, 0 … jitterMs, drawn from the seeded generator
 * @param lossRate          probability that the network loses any segment (0 … 1), seeded
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
 * @param finWait2TimeoutMs how long an orphaned FIN-WAIT-2 lasts after close() (0: no limit, as in the RFC)
 * @param listenBacklog     the most half-open (SYN-RECEIVED) entries a listener keeps
 * @param synCookies        when SYN cookies are used
 * @param window            the receive window every endpoint advertises
 * @param mss               the largest payload of one segment
 * @param challengeAcks     RFC 5961 challenge ACKs for suspicious RST and SYN segments
 * @param twoWayHandshake   a deliberately broken server that opens on the SYN alone (for the hazard lesson)
 */
public record TcpParams(
        int oneWayDelayMs, int jitterMs, double lossRate,
        int mslMs, int timeWaitMs,
        int initialRtoMs, int minRtoMs, int maxRtoMs,
        int synRetries, int synLinearTimeouts, int synAckRetries, int dataRetries,
        boolean delayedAck, int delayedAckMs, int quickAcks,
        int finWait2TimeoutMs,
        int listenBacklog, SynCookieMode synCookies,
        int window, int mss,
        boolean challengeAcks, boolean twoWayHandshake) {
}
