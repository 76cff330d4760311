package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A CLOSE while data written before it still waits for the window (RFC 9293 §3.10.4): the state changes at the CLOSE,
 * the data keeps going as the window allows and the FIN follows the last of it. The server's SO_RCVBUF of 2048 bytes
 * (a window of 1460, read on arrival) lets the client's 5000 bytes go one window per round trip. Linux does the same
 * (tcp_close_state in close(), tcp_send_fin on the queue's tail; capture download-one-loss-defaults, docs/linux-captures.md
 * §43: the server in FIN-WAIT-1 from its close() while data was still queued).
 */
class CloseWithDataQueuedTest {
    private static Trace run(String profile, String actions) throws IOException {
        return SmallWindowTest.run(profile, "on-arrival", actions);
    }

    private static TraceStep call(Trace trace, String host, String name) {
        return trace.steps().stream().filter(s -> s.kind() == StepKind.CALL && s.endpoint().equals(host) && s.detail().startsWith(name))
                .findFirst().orElseThrow();
    }

    private static List<TraceSegment> from(Trace trace, String host) {
        return trace.segments().stream().filter(s -> s.from().equals(host)).toList();
    }

    @Nested
    class Established {
        /** RFC 9293 §3.10.4, CLOSE in ESTABLISHED: "In any case, enter FIN-WAIT-1 state", before the FIN can go. */
        @Test
        void closeWhileDataWaits_entersFinWait1AtOnce_andTheFinFollowsTheData_rfc9293Section3_10_4() throws IOException {
            for (String profile : List.of("rfc9293", "linux")) {
                Trace trace = run(profile, """
                          - {on: established, host: client, call: send, bytes: 5000}
                          - {on: established, host: client, call: close}
                        """);
                TraceStep close = call(trace, "client", "close");
                assertEquals("FIN_WAIT_1", close.states().get("client"), profile + ": FIN-WAIT-1 at the CLOSE");
                List<TraceSegment> client = from(trace, "client");
                int dataAfterClose = (int) client.stream().filter(s -> s.sentAt() > close.at() && s.len() > 0).count();
                assertTrue(dataAfterClose > 0, profile + ": data still went after the CLOSE");
                TraceSegment fin = client.stream().filter(s -> s.flags().contains("FIN")).findFirst().orElseThrow();
                assertEquals(1000 + 1 + 5000, fin.seq() + fin.len(), profile + ": the FIN after the last byte");
                assertEquals("FIN_WAIT_2", trace.steps().get(trace.steps().size() - 1).states().get("client"), "its FIN acknowledged");
            }
        }

        /**
     * The peer's FIN (its shutdown) while this end's FIN still waits behind data: CLOSING (RFC 9293 §3.10.7.4, eighth
     * step: FIN-WAIT-1 and our FIN not acknowledged), and the data and the FIN still go.
     */
        @Test
        void peersFinWhileOurFinWaits_closing_thenTheDataAndTheFinStillGo_rfc9293Section3_10_7_4() throws IOException {
            Trace trace = run("linux", """
                      - {on: established, host: client, call: send, bytes: 5000}
                      - {on: established, host: client, call: close}
                      - {at: 200, host: server, call: shutdown}
                    """);
            assertTrue(trace.steps().stream().anyMatch(s -> "CLOSING".equals(s.states().get("client"))), "CLOSING");
            TraceSegment fin = from(trace, "client").stream().filter(s -> s.flags().contains("FIN")).findFirst().orElseThrow();
            assertEquals(1000 + 1 + 5000, fin.seq() + fin.len());
        }
    }

    @Nested
    class CloseWait {
        /**
         * CLOSE after the peer's FIN while data waits: Linux's tcp_close_state enters LAST_ACK in close(); RFC 9293
         * §3.10.4 stays in CLOSE-WAIT until the data is segmentized and the FIN goes.
         */
        @Test
        void closeWhileDataWaits_linuxEntersLastAckAtOnce_theRfcWhenItsFinGoes_tcpCloseState() throws IOException {
            String actions = """
                      - {at: 150, host: server, call: shutdown}
                      - {at: 250, host: client, call: send, bytes: 5000}
                      - {at: 250, host: client, call: close}
                    """;
            Trace linux = run("linux", actions);
            assertEquals("LAST_ACK", call(linux, "client", "close").states().get("client"));
            Trace rfc = run("rfc9293", actions);
            assertEquals("CLOSE_WAIT", call(rfc, "client", "close").states().get("client"));
            for (Trace trace : List.of(linux, rfc)) {
                TraceSegment fin = from(trace, "client").stream().filter(s -> s.flags().contains("FIN")).findFirst().orElseThrow();
                assertEquals(1000 + 1 + 5000, fin.seq() + fin.len(), "the FIN after the last byte");
                assertEquals("CLOSED", trace.steps().get(trace.steps().size() - 1).states().get("client"), "its FIN acknowledged");
            }
        }
    }
}
