package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * ECN's negotiation (RFC 3168 §6.1.1) as Linux 6.18 runs it with net.ipv4.tcp_ecn (include/net/tcp_ecn.h,
 * docs/linux-captures.md §141), as the captures everyday-ecn-negotiated (§38), everyday-s66 ecn and everyday-s99
 * ecn-refused show it: the client connects and writes 4 bytes, the server answers with 3000; 50 ms each way.
 */
class EcnTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Trace run(String profile, String params, String more) throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: ecn
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50, %s}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {at: 200, host: client, call: send, bytes: 4}
                  - {at: 400, host: server, call: send, bytes: 3000}
                """.formatted(params) + more + """
                untilMs: 3000
                """, ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
    }

    private static List<TraceSegment> from(Trace trace, String host) {
        return trace.segments().stream().filter(s -> s.from().equals(host)).toList();
    }

    @Test
    void tcpEcn1AsksOnTheSyn_theDefault2Agrees_andNewDataLeavesEct0_tcpEcnSendSyn_tcpEcnMakeSynack_tcpEcnSend() throws IOException {
        Trace trace = run("linux", "client: {ecn: 1}", "");
        List<TraceSegment> client = from(trace, "client");
        List<TraceSegment> server = from(trace, "server");
        assertEquals(List.of("SYN", "ECE", "CWR"), client.get(0).flags(), "everyday-ecn-negotiated: [SEW]");
        assertEquals(List.of("SYN", "ACK", "ECE"), server.get(0).flags(), "[S.E]: ECE without CWR agrees");
        assertNull(client.get(0).ecn(), "a SYN is never ECN-capable (RFC 3168 §6.1.1)");
        assertEquals(List.of("ACK"), client.get(1).flags());
        assertNull(client.get(1).ecn(), "a pure ACK is Not-ECT (tcp_ecn_send)");
        TraceSegment request = client.stream().filter(s -> s.len() == 4).findFirst().orElseThrow();
        assertEquals("ECT(0)", request.ecn());
        assertEquals(List.of("ECT(0)"), server.stream().filter(s -> s.len() > 0).map(TraceSegment::ecn).distinct().toList());
        assertEquals(List.of(), trace.segments().stream().filter(s -> s.len() == 0 && s.ecn() != null).toList(),
                "no ACK and no FIN leaves ECN-capable");
        assertEquals(List.of(), trace.segments().stream().skip(2).filter(s -> s.flags().contains("ECE") || s.flags().contains("CWR"))
                .toList(), "no CE mark, so no ECE and no CWR after the SYNs");
    }

    @Test
    void aServerWithTcpEcn0_declinesWithAPlainSynAck_andNothingIsEcnCapable_tcpEcnCreateRequest() throws IOException {
        // everyday-s99 ecn-refused: [SEW] answered by [S.].
        Trace trace = run("linux", "client: {ecn: 1}, server: {ecn: 0}", "");
        assertEquals(List.of("SYN", "ACK"), from(trace, "server").get(0).flags());
        assertEquals(List.of(), trace.segments().stream().filter(s -> s.ecn() != null).toList());
    }

    @Test
    void atTheDefault2NeitherEndAsks_andTheRfc9293ProfileHasNoEcn() throws IOException {
        for (String profile : List.of("linux", "rfc9293")) {
            Trace trace = run(profile, "timestamps: false", "");
            assertEquals(List.of("SYN"), from(trace, "client").get(0).flags(), profile);
            assertEquals(List.of("SYN", "ACK"), from(trace, "server").get(0).flags(), profile);
            assertEquals(List.of(), trace.segments().stream().filter(s -> s.ecn() != null).toList(), profile);
        }
        // RFC 9293 with tcp_ecn 1 at the client: its server, at 0, declines.
        assertEquals(List.of("SYN", "ACK"), from(run("rfc9293", "client: {ecn: 1}", ""), "server").get(0).flags());
    }

    @Test
    void aSynSentAgain_goesWithoutEceAndCwr_tcpEcnClearSyn() throws IOException {
        Trace trace = run("linux", "client: {ecn: 1}", """
                faults:
                  - {match: {from: client, flags: [SYN], nth: 1}, action: drop}
                """);
        List<TraceSegment> client = from(trace, "client");
        assertEquals(List.of("SYN", "ECE", "CWR"), client.get(0).flags());
        assertEquals(List.of("SYN"), client.get(1).flags(), "net.ipv4.tcp_ecn_fallback 1: the retransmitted SYN asks no more");
        assertEquals(List.of("SYN", "ACK"), from(trace, "server").get(0).flags());
    }

    /** TcpConnectionTest's A (ISS 100) with tcp_ecn 1, made ESTABLISHED at 50 ms by B's SYN,ACK (ISS 300, MSS 1000) with ECE. */
    static TcpConnection agreedAt50(FakeEnvironment env) {
        env.params = Profile.LINUX.defaults().toBuilder().ecn(1).build();
        TcpConnection a = TcpConnection.create(env, TcpConnectionTest.A, TcpConnectionTest.B, false);
        a.openActive(100);
        env.now = 50;
        a.segmentArrives(new Segment(TcpConnectionTest.B, TcpConnectionTest.A, 300, 101, Flags.SYN | Flags.ACK | Flags.ECE, 0,
                64_000, new TcpOptions(1000, false, null, null), 0));
        env.takeSent();
        return a;
    }

    private static Segment data(int seq, int flags, EcnCodepoint ecn) {
        return new Segment(TcpConnectionTest.B, TcpConnectionTest.A, seq, 101, Flags.ACK | flags, 1000, 64_000, TcpOptions.NONE, 0, ecn);
    }

    @Test
    void aCeMarkOnData_isEchoedWithEceOnEveryAck_untilDataWithCwrArrives_tcpDataEcnCheck_tcpEcnAcceptCwr() {
        // everyday-s96 veth-ecn-ce-client: [.E] ack 7241 and [.E] ack 14481 after the CE-marked burst, [.] after [P.W].
        FakeEnvironment env = new FakeEnvironment(Profile.LINUX);
        TcpConnection a = agreedAt50(env);
        a.segmentArrives(data(301, 0, EcnCodepoint.CE));
        Segment first = env.onlySent();
        assertEquals(Flags.ACK | Flags.ECE, first.flags(), "tcp_enter_quickack_mode(sk, 2): answered at once, with ECE");
        assertEquals(EcnCodepoint.NOT_ECT, first.ecn());
        a.segmentArrives(data(1301, 0, EcnCodepoint.ECT_0));
        a.segmentArrives(data(2301, 0, EcnCodepoint.ECT_0));
        assertEquals(List.of(Flags.ACK | Flags.ECE), env.takeSent().stream().map(Segment::flags).distinct().toList(),
                "ECE on every ACK until CWR (TCP_ECN_DEMAND_CWR)");
        a.segmentArrives(data(3301, Flags.CWR, EcnCodepoint.ECT_0));
        a.segmentArrives(data(4301, 0, EcnCodepoint.ECT_0));
        if (env.timers.containsKey(TimerKind.DELAYED_ACK)) {
            env.now = env.timers.remove(TimerKind.DELAYED_ACK);
            a.timerFires(TimerKind.DELAYED_ACK);
        }
        assertEquals(List.of(Flags.ACK), env.takeSent().stream().map(Segment::flags).distinct().toList());
    }

    @Test
    void dataWithCwr_isAcknowledgedAtOnce_whereDataWithoutItWaitsForTheDelayedAck_tcpEcnAcceptCwrIcskAckNow() {
        // tcp_ecn_accept_cwr: "If the sender is telling us it has entered CWR, then its cwnd may be very low (even just 1
        // packet), so we should ACK immediately" (ICSK_ACK_NOW, which __tcp_ack_snd_check sends at once).
        for (boolean cwr : new boolean[] {false, true}) {
            FakeEnvironment env = new FakeEnvironment(Profile.LINUX);
            TcpConnection a = agreedAt50(env);
            int seq = 301;
            // Past the quick ACKs of the connection's start: pairs of segments, each pair ACKed.
            for (int i = 0; i < 40; i++, seq += 1000) {
                env.now++;
                a.segmentArrives(data(seq, 0, EcnCodepoint.ECT_0));
            }
            env.takeSent();
            env.now++;
            a.segmentArrives(data(seq, cwr ? Flags.CWR : 0, EcnCodepoint.ECT_0));
            List<Segment> sent = env.takeSent();
            if (cwr) {
                assertEquals(List.of(seq + 1000), sent.stream().map(Segment::ack).toList(), "the ACK leaves at once");
            } else {
                assertEquals(List.of(), sent, "one segment, out of quick-ACK mode: the ACK is delayed");
                assertTrue(env.timers.containsKey(TimerKind.DELAYED_ACK));
            }
        }
    }

    @Test
    void anAckWithEce_putsCwrOnTheNextNewDataAlone_andAnotherEceWithinThatWindowNone_tcpEnterCwr_tcpEcnQueueCwr() {
        // veth-ecn-ce-server: the ECE of ack 7241 puts CWR on 14481, the first new data after it; the ECE of ack 14481
        // (not beyond high_seq 14481, tcp_fastretrans_alert) puts none.
        FakeEnvironment env = new FakeEnvironment(Profile.LINUX);
        TcpConnection a = agreedAt50(env);
        a.send(20_000, SendFlags.NONE);
        List<Segment> burst = env.takeSent();
        assertEquals(List.of(EcnCodepoint.ECT_0), burst.stream().map(Segment::ecn).distinct().toList());
        int sndNxt = burst.get(burst.size() - 1).seq() + burst.get(burst.size() - 1).len();
        env.now = 100;
        a.segmentArrives(new Segment(TcpConnectionTest.B, TcpConnectionTest.A, 301, 1101, Flags.ACK | Flags.ECE, 0, 64_000));
        List<Segment> next = env.takeSent();
        assertEquals(Flags.ACK | Flags.CWR, next.get(0).flags() & ~Flags.PSH);
        assertEquals(sndNxt, next.get(0).seq());
        assertEquals(List.of(), next.stream().skip(1).filter(s -> s.has(Flags.CWR)).toList());
        a.segmentArrives(new Segment(TcpConnectionTest.B, TcpConnectionTest.A, 301, sndNxt, Flags.ACK | Flags.ECE, 0, 64_000));
        assertEquals(List.of(), env.takeSent().stream().filter(s -> s.has(Flags.CWR)).toList());
    }
}
