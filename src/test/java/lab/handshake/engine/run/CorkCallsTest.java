package lab.handshake.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import lab.handshake.engine.Language;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.spec.SpecValidator;
import lab.handshake.engine.spec.Violation;
import lab.handshake.engine.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scenario calls cork, uncork and send with {@code more} (setsockopt TCP_CORK 1 and 0, send() with MSG_MORE),
 * played as the captures of docs/linux-captures.md §58 were made (tools/linux-captures/everyday-more.py, veth, the
 * client writing): Linux's __tcp_sock_set_cork, tcp_push and the probe timer of __tcp_push_pending_frames.
 */
class CorkCallsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The client's data segments after the handshake: when each left (ms), its flags and length. */
    private static List<String> clientData(String calls) throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: cork
                params: {oneWayDelayMs: 0}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 0, host: client, call: connect}
                """ + calls, ScenarioSpec.class);
        assertEquals(List.of(), SpecValidator.validate(spec, Limits.API));
        Trace trace = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
        return trace.segments().stream().filter(segment -> segment.from().equals("client") && segment.len() > 0
                        || segment.flags().contains("FIN") && segment.from().equals("client"))
                .map(segment -> segment.sentAt() + " " + String.join(",", segment.flags()) + " " + segment.len()).toList();
    }

    @Test
    void corkedWrites_leaveTogetherAtTheProbeTimer_andTheNextAtUncork_tcpCheckProbeTimer() throws IOException {
        // The capture: writes from about 13 ms, 50 ms apart; the first four's 400 bytes at 214 ms (the probe timer,
        // 200 ms on a wheel of 8 ms slots), the fifth's 100 at the uncork (269 ms), then the FIN. The fifth write is
        // put after the engine's timer: the capture's came within a millisecond of the kernel's.
        assertEquals(List.of("216 PSH,ACK 400", "269 PSH,ACK 100", "269 FIN,ACK 0"), clientData("""
                  - {at: 10, host: client, call: cork}
                  - {at: 14, host: client, call: send, bytes: 100}
                  - {at: 64, host: client, call: send, bytes: 100}
                  - {at: 114, host: client, call: send, bytes: 100}
                  - {at: 164, host: client, call: send, bytes: 100}
                  - {at: 219, host: client, call: send, bytes: 100}
                  - {at: 269, host: client, call: uncork}
                  - {at: 269, host: client, call: shutdown}
                """));
    }

    @Test
    void aSendWithMore_waitsForTheNextSend_oneSegmentOf200_tcpPush() throws IOException {
        assertEquals(List.of("62 PSH,ACK 200", "62 FIN,ACK 0"), clientData("""
                  - {at: 12, host: client, call: send, bytes: 100, more: true}
                  - {at: 62, host: client, call: send, bytes: 100}
                  - {at: 62, host: client, call: shutdown}
                """));
    }

    @Test
    void moreOnACallOtherThanSend_isRefusedNamingTheField() throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: cork
                actions:
                  - {at: 0, host: client, call: cork, more: true}
                """, ScenarioSpec.class);
        assertEquals(List.of(Violation.onlyWith("actions[0].more", List.of("send"))), SpecValidator.validate(spec, Limits.API));
    }

    /**
     * TCP_CORK set while the host has no connection is the socket's: a client's before connect() (capture
     * cork-before-connect, docs/linux-captures.md §156), or the listener's, which its accepted connection inherits
     * (cork-on-listener: the accepted socket reads TCP_CORK 1; sk_clone_lock copies tp->nonagle). Either way the first
     * write waits for the probe timer (212 ms), not leaving at the write (10 ms).
     */
    @ParameterizedTest
    @CsvSource({"client, 1", "server, 0"})
    void aCorkSetWithNoConnection_isTheSockets_beforeConnectOrInheritedFromTheListener_skCloneLock(String corker, int corkAt)
            throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: cork-socket
                params: {oneWayDelayMs: 0}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: %d, host: %s, call: cork}
                  - {at: 2, host: client, call: connect}
                  - {at: 10, host: %s, call: send, bytes: 100}
                """.formatted(corkAt, corker, corker), ScenarioSpec.class);
        assertEquals(List.of(), SpecValidator.validate(spec, Limits.API));
        Trace trace = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
        assertEquals(List.of("212 100"), trace.segments().stream().filter(segment -> segment.from().equals(corker) && segment.len() > 0)
                .map(segment -> segment.sentAt() + " " + segment.len()).toList());
    }
}
