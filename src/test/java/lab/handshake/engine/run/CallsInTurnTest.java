package lab.handshake.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import lab.handshake.engine.Language;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import org.junit.jupiter.api.Test;

/**
 * Calls a script makes at one instant run one after another, as a program's do: a call waits until what the call
 * before it set going at that instant has happened. On loopback (a path of no delay) that is the peer's answer: a
 * segment reaches its receiver within the send() that sent it and the receiver's ACK is taken before send() returns
 * (loopback_xmit, release_sock), so the next write of the same program already knows it. Captured with curl fetching
 * 10,000 bytes from python3 -m http.server on loopback (src/test/resources/captures/loopback/loopback-netns-get-10k.pcap):
 * the header (203 bytes), the client's ACK, the body, the client's ACK, then the server's FIN alone.
 */
class CallsInTurnTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The server answers a request with a header, a body and close(), all at one instant, {@code delay} ms each way. */
    private static List<String> segments(int delay) throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: get-10k
                params: {oneWayDelayMs: %d, client: {mss: 65495}, server: {mss: 65495}}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 0, host: client, call: connect}
                  - {on: established, host: client, call: send, bytes: 85}
                  - {on: data, delayMs: 6, host: server, call: send, bytes: 203}
                  - {on: data, delayMs: 6, host: server, call: send, bytes: 10000}
                  - {on: data, delayMs: 6, host: server, call: close}
                """.formatted(delay), ScenarioSpec.class);
        Trace trace = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
        return trace.segments().stream().skip(4)
                .map(segment -> segment.from() + " " + String.join(",", segment.flags()) + " " + segment.len()).toList();
    }

    @Test
    void onLoopback_eachWriteLeavesAfterThePeersAckOfTheLast_andTheFinAlone_tcpSendmsgReleaseSock() throws IOException {
        assertEquals(List.of("server ACK 0", "server PSH,ACK 203", "client ACK 0", "server PSH,ACK 10000", "client ACK 0",
                "server FIN,ACK 0", "client ACK 0"), segments(0).subList(0, 7));
    }

    @Test
    void overAPathWithDelay_callsAtOneInstantStillGoTogether_theFinRidingOnTheLastData() throws IOException {
        // Nothing the header set going happens at that instant (its ACK comes 100 ms later): the body waits behind the
        // unacknowledged header (Nagle, RFC 9293 §3.7.4) and close() puts the FIN on it and pushes it (tcp_send_fin).
        assertEquals(List.of("server ACK 0", "server PSH,ACK 203", "server FIN,PSH,ACK 10000"), segments(50).subList(0, 3));
    }
}
