package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import org.junit.jupiter.api.Test;

/**
 * The RTO a connection starts with when its SYN or SYN,ACK had to be sent again. Karn's algorithm (RFC 6298 §3) takes
 * no round-trip sample from the ACK of a segment sent twice, and RFC 6298 (5.7) then starts data with an RTO of 3 s;
 * that is the rfc9293 profile, and Linux without timestamps (tcp_init_metrics in net/ipv4/tcp_metrics.c:
 * TCP_TIMEOUT_FALLBACK while srtt is 0). With timestamps Linux measures the round trip from the TSecr instead (RFC 7323
 * §4.1; tcp_ack_update_rtt → tcp_rtt_tsopt_us in net/ipv4/tcp_input.c), so the fallback never applies: captures
 * syn-lost-data-lost-defaults and syn-ack-lost-data-lost-defaults (docs/linux-captures.md §50), played here with the
 * same timeline: ISNs 1000 and 5000, 50 ms each way, connect() at 10 ms, 100 bytes sent 100 ms after established, their
 * ACK lost once, so that the sender's timer shows its RTO.
 */
class HandshakeRetransmissionRtoTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Trace run(String profile, boolean timestamps, String sender, String faults) throws IOException {
        String receiver = sender.equals("client") ? "server" : "client";
        ScenarioSpec spec = YAML.readValue("""
                id: rto-after-handshake-retransmission
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50, timestamps: %s}
                untilMs: 6000
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {on: established, delayMs: 100, host: %s, call: send, bytes: 100}
                  - {on: data, delayMs: 0, host: %s, call: read, bytes: 100}
                faults:
                %s
                """.formatted(timestamps, sender, receiver, faults), ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
    }

    /** When the host sent its 100 bytes: first and again. */
    private static List<Long> dataSent(Trace trace, String host) {
        return trace.segments().stream().filter(s -> s.from().equals(host) && s.len() > 0).map(TraceSegment::sentAt).toList();
    }

    /** The client's first SYN is lost, then the server's ACK of the client's data. */
    private static final String SYN_LOST = """
              - {match: {from: client, flags: [SYN], nth: 1}, action: drop}
              - {match: {from: server, flags: [ACK], nth: 1}, action: drop}
            """;

    /** The client's ACK of the SYN,ACK is lost, then its ACK of the server's data. */
    private static final String HANDSHAKE_ACK_LOST = """
              - {match: {from: client, flags: [ACK], nth: 1}, action: drop}
              - {match: {from: client, flags: [ACK], nth: 2}, action: drop}
            """;

    /**
     * SYN at 10 lost, sent again at 1024 (Linux's linear 1 s, 250 ticks from jiffy 2: the timer wheel's second level
     * fires it at the end of its 8-tick bucket, jiffy 256; the engine's jiffies start at 0), the SYN,ACK arrives at
     * 1124 echoing that SYN's TSval: a sample of 1124 - 1024 = 100 ms, srtt 100, rttvar 50, RTO = 100 + max(4 × 50,
     * 200) = 300 ms. The data leaves at 1224 (jiffy 306) and again 75 ticks later at the bucket's end, jiffy 384: 1536
     * (the kernel: 309.9 ms after).
     */
    @Test
    void aSynSentAgainWithTimestamps_givesARoundTripSampleFromTheEcho_rfc7323Section4_tcpAckUpdateRtt() throws IOException {
        assertEquals(List.of(1224L, 1536L), dataSent(run("linux", true, "client", SYN_LOST), "client"));
    }

    /**
     * The same without timestamps: no sample (Karn), RTO 3 s (RFC 6298 (5.7), TCP_TIMEOUT_FALLBACK): 750 ticks from
     * jiffy 306, on the wheel's third level, at the end of its 64-tick bucket, jiffy 1088: 4352.
     */
    @Test
    void aSynSentAgainWithoutTimestamps_startsDataWithTheThreeSecondFallback_rfc6298Section5_7_tcpInitMetrics() throws IOException {
        assertEquals(List.of(1224L, 4352L), dataSent(run("linux", false, "client", SYN_LOST), "client"));
    }

    /** The textbook keeps Karn's rule with timestamps too: RFC 6298 (5.7), 1210 + 3000. */
    @Test
    void theTextbookKeepsKarnsRuleAndTheFallbackWithTimestamps_rfc6298Section5_7() throws IOException {
        assertEquals(List.of(1210L, 4210L), dataSent(run("rfc9293", true, "client", SYN_LOST), "client"));
    }

    /**
     * The passive opener: SYN,ACK at 60 (TSval of 60), its ACK lost; the SYN,ACK again at 1088 (250 ticks from jiffy
     * 15, at the end of the 8-tick bucket, jiffy 272); the client, already ESTABLISHED, answers it at 1138 with an ACK
     * that still echoes the first SYN,ACK's TSval (TS.Recent is the first's), as in the capture; it arrives at 1188: a
     * sample of 1188 - 60 = 1128 ms, srtt 1128, rttvar 564, RTO = 1128 + max(2256, 200) = 3384 ms. The data leaves at
     * 1288; its ACK lost, the tail loss probe, due 2 × srtt + 200 (one segment out) = 2456 ms later, before the RTO,
     * 614 ticks from jiffy 322, fires at the end of its 64-tick bucket, jiffy 960, and sends it again at 3840 (the
     * kernel: srtt 1128, the probe due 2456 ms after the data, sent 2710 ms after it, where the engine has 2552: its
     * jiffies and the kernel's stand apart in the 64-tick cycle).
     */
    @Test
    void aSynAckSentAgainWithTimestamps_givesTheServerASampleFromTheEcho_rfc7323Section4_tcpSynackRttMeas() throws IOException {
        assertEquals(List.of(1288L, 3840L), dataSent(run("linux", true, "server", HANDSHAKE_ACK_LOST), "server"));
    }

    /** Without timestamps the server has no sample: RTO 3 s (750 ticks) from the data at 1288 (jiffy 322), jiffy 1088: 4352. */
    @Test
    void aSynAckSentAgainWithoutTimestamps_startsDataWithTheThreeSecondFallback_rfc6298Section5_7() throws IOException {
        assertEquals(List.of(1288L, 4352L), dataSent(run("linux", false, "server", HANDSHAKE_ACK_LOST), "server"));
    }
}
