package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import lab.handshake.engine.EcnCodepoint;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.trace.Trace;
import org.junit.jupiter.api.Test;

/**
 * ECN replayed and compared (RFC 3168 §6.1; docs/linux-captures.md §141), held to everyday-s96's ecn-ce and everyday-s99's
 * ecn-refused: a client with net.ipv4.tcp_ecn 1 writes 4 bytes, the server answers with 100,000, and an nft rule marks
 * the server's first burst CE. The client sets ECE on its ACKs from that burst until the server's CWR (tcp_data_ecn_check,
 * tcp_ecn_accept_cwr); the server sets CWR once, on its first new data after the ECE (tcp_enter_cwr, tcp_ecn_queue_cwr).
 */
class EcnCaptureTest {
    private static final Path EXPLAINED = Path.of("tools", "linux-captures", "runs", "everyday-s96", "explained");

    @Test
    void aCeMarkIsEchoedWithEceUntilTheSendersCwr_andTheReplayComparesBoth_tcpDataEcnCheck_tcpEcnQueueCwr() throws IOException {
        CapturedConnection capture = connection(EXPLAINED.resolve("veth-ecn-ce-client.pcap"));
        Trace trace = replay(capture);
        assertEquals(List.of(), ExplainedRun.departures(trace));
        assertEquals(2, trace.segments().stream()
                .filter(s -> s.from().equals("client") && s.flags().equals(List.of("ACK", "ECE"))).count());
        assertEquals(1, trace.segments().stream().filter(s -> s.from().equals("server") && s.flags().contains("CWR")).count());
        // The client's ACKs are taken as input here (a round trip within a tick): without their echo, or with the server's
        // CWR left out, the engine's server departs (EcnTest holds the client's side).
        assertFalse(ExplainedRun.departures(replay(changed(capture, s -> with(s, s.headerFlags() & ~Flags.ECE, s.ecn())))).isEmpty());
        assertFalse(ExplainedRun.departures(replay(changed(capture, s -> with(s, s.headerFlags() & ~Flags.CWR, s.ecn())))).isEmpty());
    }

    @Test
    void aSynAckWithoutEceDeclines_andOneWithEceAndCwrIsNoLinuxAnswer_tcpEcnCreateRequest_tcpEcnSendSynack() throws IOException {
        // veth-ecn-refused-client: [SEW] answered by [S.] from a server with tcp_ecn 0; the replay's server declines too.
        CapturedConnection capture = connection(Path.of("tools", "linux-captures", "runs", "everyday-s99", "explained",
                "veth-ecn-refused-client.pcap"));
        assertEquals(List.of(), ExplainedRun.departures(replay(capture)));
        // ECE with CWR on a SYN,ACK declines too (RFC 3168 §6.1.1), but Linux never sends it: tcp_ecn_send_synack clears CWR.
        CapturedConnection both = changed(capture,
                s -> s.flags() == (Flags.SYN | Flags.ACK) ? with(s, s.headerFlags() | Flags.ECE | Flags.CWR, s.ecn()) : s);
        List<String> departures = ExplainedRun.departures(replay(both));
        assertTrue(departures.stream().anyMatch(text -> text.contains("<CTL=SYN,ACK>")), departures.toString());
    }

    private static CapturedConnection connection(Path pcap) throws IOException {
        return CapturedConnection.split(PcapReader.readCapture(Files.readAllBytes(pcap))).get(0);
    }

    private static Trace replay(CapturedConnection connection) {
        return CaptureReplay.rebuild(connection, Profile.LINUX, Language.EN, Map.of("en", "Capture")).trace();
    }

    private static CapturedSegment with(CapturedSegment s, int headerFlags, EcnCodepoint ecn) {
        return new CapturedSegment(s.timeMicros(), s.srcAddress(), s.srcPort(), s.dstAddress(), s.dstPort(), s.seq(), s.ack(),
                headerFlags, s.payloadLength(), s.window(), s.options(), ecn);
    }

    private static CapturedConnection changed(CapturedConnection connection, UnaryOperator<CapturedSegment> change) {
        return new CapturedConnection(connection.client(), connection.server(),
                connection.segments().stream().map(change).toList(), connection.unreachables());
    }
}
