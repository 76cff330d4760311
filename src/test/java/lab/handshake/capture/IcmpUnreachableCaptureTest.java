package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.IcmpUnreachable;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * everyday-s96 icmp-port and icmp-host (docs/linux-captures.md §96, §103): the server's namespace answers the first
 * SYN with ICMP port or host unreachable (nft reject). Over IPv4 connect() failed at once (ECONNREFUSED, EHOSTUNREACH:
 * the logs) and the program connected again 1 s later on a new port: Linux ends a connection in SYN_SENT on any
 * destination unreachable (tcp_v4_err → tcp_done_with_error; RFC 9293 §3.9.2.2 leaves host unreachable soft). The
 * reader takes the ICMP by the TCP header it quotes; the replay brings it back to the client, which closes and sends no
 * SYN again, and the inferred scenario rejects the SYN with that code.
 */
class IcmpUnreachableCaptureTest {
    private static final Path EXPLAINED = Path.of("tools", "linux-captures", "runs", "everyday-s96", "explained");

    private static List<CapturedConnection> connections(String name) throws IOException {
        return CapturedConnection.split(PcapReader.readCapture(Files.readAllBytes(EXPLAINED.resolve(name + ".pcap"))));
    }

    @ParameterizedTest
    @CsvSource({"lo-icmp-port, PORT", "veth-icmp-port-client, PORT", "veth-icmp-port-server, PORT",
            "lo-icmp-host, HOST", "veth-icmp-host-client, HOST", "veth-icmp-host-server, HOST"})
    void aSynAnsweredByIcmpOverIpv4_closesTheClientAtOnce_withNoDeparture_tcpV4Err(String name, IcmpUnreachable code) throws IOException {
        CapturedConnection rejected = connections(name).get(0);
        assertEquals(1, rejected.segments().size());
        assertEquals(List.of(code), rejected.unreachables().stream().map(CapturedUnreachable::code).toList());
        assertEquals(ConnectionOutcome.UNREACHABLE, rejected.summary(0).outcome());
        CaptureReplay.Rebuilt rebuilt = CaptureReplay.rebuild(rejected, Profile.LINUX, Language.EN, Map.of("en", "Capture"));
        assertEquals(List.of(), rebuilt.trace().steps().stream().filter(s -> s.kind() == StepKind.DEVIATION).map(TraceStep::text).toList());
        TraceStep icmp = rebuilt.trace().steps().stream().filter(s -> s.detail().startsWith("ICMP")).findFirst().orElseThrow();
        assertEquals("SYN_SENT", icmp.stateBefore());
        assertEquals("CLOSED", icmp.stateAfter());
        assertEquals("CLOSED", rebuilt.trace().finalStates().get("client"));
        assertEquals(List.of("reject"), rebuilt.scenario().faults().stream().map(f -> f.action()).toList());
        assertEquals(code.wireName(), rebuilt.scenario().faults().get(0).code());
        // The program's second connect(), on a new port, is a connection of its own, unchanged.
        assertEquals(List.of(), connections(name).get(1).unreachables());
    }

    /**
     * Over IPv6 the client sent its SYN again 1 s later on the same socket and connected: the kernel did not act on the
     * ICMPv6 error. The reader still reads it, but the replay keeps the SYN a plain loss, as the capture proves.
     */
    @ParameterizedTest
    @ValueSource(strings = {"veth6-icmp-port-client", "veth6-icmp-host-client"})
    void anIcmpv6ErrorTheClientDidNotActOn_leavesTheSynALoss(String name) throws IOException {
        List<CapturedConnection> connections = connections(name);
        assertEquals(1, connections.size());
        assertEquals(1, connections.get(0).unreachables().size());
        CaptureReplay.Rebuilt rebuilt = CaptureReplay.rebuild(connections.get(0), Profile.LINUX, Language.EN, Map.of("en", "Capture"));
        assertTrue(rebuilt.trace().steps().stream().noneMatch(s -> s.kind() == StepKind.DEVIATION));
        assertTrue(rebuilt.scenario().faults().stream().noneMatch(f -> f.action().equals("reject")));
    }
}
