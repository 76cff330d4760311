package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.ActionSpec;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.TraceSegment;
import org.junit.jupiter.api.Test;

/**
 * A socket connected to itself: one host whose peer is its own socket, as the everyday-s99 self-connect captures show
 * (docs/linux-captures.md §106). Its SYN comes back to it in SYN-SENT, a simultaneous open with itself (RFC 9293 §3.5,
 * figure 7; Linux tcp_rcv_synsent_state_process: "it can be connect to self"), and every later segment it sends is
 * the one it receives.
 */
class SelfConnectTest {
    private static final int ISN = 1_000;

    @Test
    void aSocketConnectedToItself_opensSimultaneouslyWithItsOwnIsn_andClosesThroughClosing_tcpRcvSynsentStateProcess() {
        TraceLog log = new TraceLog(Limits.API.maxSegments(), Limits.API.maxSteps());
        Network network = new Network(Profile.LINUX, Profile.LINUX.defaults(), 1, log, 100_000);
        SocketAddress self = new SocketAddress("127.0.0.1", 7000);
        Host host = network.addHost("client", self, now -> ISN);
        host.setPrimaryPeer(self);
        network.setInitialSequenceNumbers(ISN, ISN);
        call(network, 0, "connect", null);
        call(network, 300, "send", 2);
        call(network, 600, "close", null);
        network.runUntil(1_000);

        List<TraceSegment> segments = log.fold().segments();
        // The capture's seven segments: SYN; SYN,ACK with the same ISN; ACK with a D-SACK of the repeated SYN
        // (tcp_data_queue); the data; its ACK; FIN; the FIN's ACK (tcp_fin in FIN-WAIT-1: CLOSING).
        assertEquals(List.of("SYN 1000 -", "SYN,ACK 1000 1001", "ACK 1001 1001", "PSH,ACK 1001 1001 +2", "ACK 1003 1003",
                "FIN,ACK 1003 1003", "ACK 1004 1004"), segments.stream().map(SelfConnectTest::line).toList());
        segments.forEach(segment -> assertEquals(List.of("client", "client"), List.of(segment.from(), segment.to())));
        assertEquals(List.of(OptionKind.SACK), segments.get(2).options().stream().map(option -> option.kind())
                .filter(kind -> kind == OptionKind.SACK).toList());
        assertEquals(TcpState.TIME_WAIT, host.displayState());
    }

    private static void call(Network network, long at, String call, Integer bytes) {
        network.schedule(at, () -> ScenarioRunner.perform(network, new ActionSpec(at, null, null, null, "client", call, bytes, null)));
    }

    private static String line(TraceSegment segment) {
        return String.join(",", segment.flags()) + " " + segment.seq() + " " + (segment.ack() == null ? "-" : segment.ack())
                + (segment.len() > 0 ? " +" + segment.len() : "");
    }
}
