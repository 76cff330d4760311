package lab.handshake.engine;

import lab.handshake.engine.run.Sandbox;
import lab.handshake.engine.run.ScenarioRunner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.spec.SpecValidator;
import lab.handshake.engine.spec.Violation;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code read} call and the per-host switch "the application reads only when it calls read": data waits
 * unread until then, and a close() with data still waiting resets the connection (RFC 9293 §3.6.1, RFC 2525
 * §2.17), under both profiles.
 */
class ReadCallTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The client sends 100 bytes; the server reads {@code reads} of them, then closes 300 ms after it connected. */
    private static ScenarioSpec serverClosingAfterReading(String reads) throws IOException {
        return YAML.readValue("""
                id: close-unread
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50, serverReads: on-call}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {on: established, host: client, call: send, bytes: 100}
                %s
                  - {on: established, delayMs: 300, host: server, call: close}
                """.formatted(reads), ScenarioSpec.class);
    }

    private static Trace run(ScenarioSpec spec, String profile) {
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
    }

    private static TraceSegment lastFromServer(Trace trace) {
        List<TraceSegment> server = trace.segments().stream().filter(s -> s.from().equals("server")).toList();
        return server.get(server.size() - 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc9293", "linux"})
    void closeWithUnreadData_sendsRstNotFin_andTheStepNamesTheRule_rfc9293Section3_6_1_rfc2525Section2_17(String profile)
            throws IOException {
        Trace trace = run(serverClosingAfterReading(""), profile);
        TraceSegment reset = lastFromServer(trace);
        assertTrue(reset.flags().contains("RST"), "RST, not FIN: " + reset);
        assertEquals("K+1", reset.seqSymbolic());
        assertEquals(profile.equals("linux"), reset.flags().contains("ACK"), "Linux sets ACK on the RST (tcp_send_active_reset)");
        TraceStep close = trace.steps().stream().filter(step -> "CLOSED".equals(step.stateAfter()) && "server".equals(step.endpoint()))
                .findFirst().orElseThrow();
        assertTrue(close.rule().contains("RFC 9293 §3.6.1") && close.rule().contains("RFC 2525 §2.17"), close.rule());
        assertEquals("CLOSED", trace.finalStates().get("client"), "the client is reset");
    }

    /**
     * Linux throws the unread data away before it builds the RST (__tcp_close: tcp_eat_recv_skb for each queued segment,
     * then tcp_send_active_reset), so the RST offers the window of an empty buffer, not the one the data had shrunk:
     * close-zero-window-defaults, 8688 (the largest it offered) after ACKs of 5792.
     */
    @Test
    void closeWithUnreadData_theRstOffersTheWindowOfTheEmptiedBuffer_linuxTcpClose() throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: close-unread-window
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50, serverReads: on-call, server: {window: 8192}}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {on: established, host: client, call: send, bytes: 4000}
                  - {on: established, delayMs: 300, host: server, call: close}
                """, ScenarioSpec.class);
        List<TraceSegment> server = run(spec, "linux").segments().stream().filter(s -> s.from().equals("server")).toList();
        TraceSegment reset = server.get(server.size() - 1);
        TraceSegment lastAck = server.get(server.size() - 2);
        assertTrue(reset.flags().contains("RST"), "RST: " + reset);
        int largest = server.stream().mapToInt(TraceSegment::window).max().orElseThrow();
        assertTrue(lastAck.window() < largest, "the unread data shrank the window: " + lastAck);
        assertEquals(largest, reset.window(), "the RST offers the emptied buffer's window, the largest the server offered");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc9293", "linux"})
    void closeAfterReadingEverything_sendsFin_rfc9293Section3_10_4(String profile) throws IOException {
        Trace trace = run(serverClosingAfterReading("  - {on: data, delayMs: 10, host: server, call: read, bytes: 100}"), profile);
        TraceSegment fin = trace.segments().stream().filter(s -> s.from().equals("server") && s.flags().contains("FIN"))
                .findFirst().orElseThrow(() -> new AssertionError("no FIN from the server"));
        assertEquals("K+1", fin.seqSymbolic());
        assertTrue(trace.segments().stream().noneMatch(s -> s.flags().contains("RST")));
    }

    @Test
    void applicationsReadOnArrivalByDefault_soCloseSendsFin() throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: reads-on-arrival
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {on: established, host: client, call: send, bytes: 100}
                  - {on: established, delayMs: 300, host: server, call: close}
                """, ScenarioSpec.class);
        assertTrue(lastFromServer(run(spec, "linux")).flags().contains("FIN"));
    }

    @Test
    void readNeedsBytes_readsSwitchIsOnArrivalOrOnCall_andBytesGoOnlyWithSendOrRead() throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: bad-reads
                params: {clientReads: sometimes}
                actions:
                  - {at: 0, host: server, call: read}
                  - {at: 1, host: server, call: close, bytes: 5}
                """, ScenarioSpec.class);
        List<String> fields = SpecValidator.validate(spec, Limits.API).stream().map(Violation::field).toList();
        assertEquals(List.of("params.clientReads", "actions[0].bytes", "actions[1].bytes"), fields);
    }

    @Test
    void sandboxOffersReadOnlyWhileReceivedDataWaits() throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: sandbox-reads
                params: {serverReads: on-call}
                """, ScenarioSpec.class);
        Sandbox sandbox = Sandbox.replay(spec, Sandbox.Mode.AUTO, List.of(
                Sandbox.Move.call("server", "listen"),
                Sandbox.Move.call("client", "connect"),
                Sandbox.Move.call("client", "send", 100)), Language.EN, Limits.API);
        assertTrue(sandbox.view().possibleCalls().get("server").contains("read"), sandbox.view().possibleCalls().toString());
        Sandbox afterRead = Sandbox.replay(spec, Sandbox.Mode.AUTO, List.of(
                Sandbox.Move.call("server", "listen"),
                Sandbox.Move.call("client", "connect"),
                Sandbox.Move.call("client", "send", 100),
                Sandbox.Move.call("server", "read", 100)), Language.EN, Limits.API);
        assertFalse(afterRead.view().possibleCalls().get("server").contains("read"), "all 100 bytes read");
    }

    /** Both ends with an 8192-byte buffer; the client sends 7300 bytes, the server reads {@code bytes} after 300 ms. */
    private static ScenarioSpec unreadWindow(int bytes) throws IOException {
        return YAML.readValue("""
                id: unread-window
                params: {oneWayDelayMs: 50, window: 8192, serverReads: on-call, timestamps: false, sack: false, windowScaling: false}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {on: established, host: client, call: send, bytes: 7300}
                  - {on: established, delayMs: 300, host: server, call: read, bytes: %d}
                untilMs: 1000
                """.formatted(bytes), ScenarioSpec.class);
    }

    private static List<Integer> serverWindows(Trace trace) {
        return trace.segments().stream().filter(s -> s.from().equals("server")).map(TraceSegment::window).toList();
    }

    @Test
    void unreadDataShrinksTheWindowByWhatWaits_andAReadOpensItWithAWindowUpdate_rfc9293Section3_8_6_2_2() throws IOException {
        Trace trace = run(unreadWindow(7300), "rfc9293");
        // RCV.BUFF 8192 less RCV.USER: the right edge stays while 1460-byte segments wait; the read frees it all.
        assertEquals(List.of(8192, 6732, 5272, 3812, 2352, 892, 8192), serverWindows(trace));
        TraceStep update = trace.steps().stream().filter(step -> step.rule() != null && step.rule().contains("window update"))
                .findFirst().orElseThrow(() -> new AssertionError("no window update"));
        assertEquals("server", update.endpoint());
    }

    @Test
    void aReadThatFreesLessThanAnMss_sendsNoWindowUpdate_rfc9293Section3_8_6_2_2ReceiverSws() throws IOException {
        // 1000 bytes read: the window could grow from 892 to 1892, less than min(RCV.BUFF / 2, Eff.snd.MSS).
        assertEquals(List.of(8192, 6732, 5272, 3812, 2352, 892), serverWindows(run(unreadWindow(1000), "rfc9293")));
    }

    @Test
    void linuxOffersWholeSegmentsOfFreeSpace_growsOnce_andUpdatesOnlyWhenTheReadDoublesTheWindow_linuxTcpCleanupRbuf()
            throws IOException {
        // As the kernel did in the capture receive-window-unread (LinuxTimersAndQueuesCaptureTest holds the times).
        assertEquals(List.of(7300, 8760, 7300, 5840, 2920, 8760), serverWindows(run(unreadWindow(7300), "linux")));
        // Reading 1460 bytes lets the window grow from 2920 to 4380, not to twice 2920: no update.
        assertEquals(List.of(7300, 8760, 7300, 5840, 2920), serverWindows(run(unreadWindow(1460), "linux")));
    }

    @Test
    void applicationsThatReadOnArrival_keepTheirWindowOpen() throws IOException {
        ScenarioSpec onArrival = YAML.readValue("""
                id: on-arrival-window
                params: {oneWayDelayMs: 50, window: 8192, timestamps: false, sack: false, windowScaling: false}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {on: established, host: client, call: send, bytes: 7300}
                untilMs: 1000
                """, ScenarioSpec.class);
        assertTrue(serverWindows(run(onArrival, "rfc9293")).stream().allMatch(window -> window >= 6732), "never below one segment less");
    }
}
