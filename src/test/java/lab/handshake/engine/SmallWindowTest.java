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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A receive window above zero but below two segments (RFC 9293 §3.8.6.2, silly window syndrome avoidance): a server
 * whose SO_RCVBUF of 2048 bytes offers 1460 and reads 500 bytes at a time, a client with 2190 bytes to send. Held to
 * the kernel in the small-window-reads capture (docs/linux-captures.md §33).
 */
class SmallWindowTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Trace run(String profile) throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: small-window
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50, serverReads: on-call, timestamps: false,
                         sack: false, windowScaling: false, server: {window: 2048}}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {on: established, host: client, call: send, bytes: 2190}
                  - {at: 600, host: server, call: read, bytes: 500}
                  - {at: 900, host: server, call: read, bytes: 500}
                  - {at: 1200, host: server, call: read, bytes: 500}
                untilMs: 3000
                """, ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
    }

    private static List<Integer> dataLengths(Trace trace) {
        return trace.segments().stream().filter(s -> s.from().equals("client") && s.len() > 1).map(TraceSegment::len).toList();
    }

    @Nested
    class Established {
        /**
         * Linux cuts every segment to half the largest window the server offered (tcp_bound_to_half_wnd, from
         * tcp_sync_mss): 730 bytes for a window of 1460, so two whole segments fill it.
         */
        @Test
        void windowBelowTwoSegments_linuxCutsSegmentsToHalfTheLargestWindow_tcpBoundToHalfWnd() throws IOException {
            Trace trace = run("linux");
            assertEquals(1460, trace.segments().get(1).window(), "the SYN,ACK's window");
            assertEquals(List.of(730, 730, 730), dataLengths(trace));
            assertEquals(3, trace.steps().stream().filter(step -> Rules.SENDER_SWS.equals(step.rule())).count(),
                    "each segment says why it is short");
        }

        /** The textbook keeps the MSS: one full segment fills the window (RFC 9293 §3.8.6.2.1, rule 1). */
        @Test
        void windowOfOneSegment_textbookSendsFullSegments_rfc9293Section3_8_6_2_1() throws IOException {
            Trace trace = run("rfc9293");
            assertEquals(1460, dataLengths(trace).get(0));
        }

        /**
         * The server's first ACK leaves less than half its buffer free, which ends Linux's quick-ACK mode
         * (__tcp_select_window clears icsk_ack.quick): the second segment's ACK, with the zero window, waits for the
         * delayed-ACK timer.
         */
        @Test
        void bufferMoreThanHalfTaken_endsQuickAcks_theNextAckIsDelayed_linuxTcpSelectWindow() throws IOException {
            Trace trace = run("linux");
            List<TraceSegment> acks = trace.segments().stream().filter(s -> s.from().equals("server") && s.len() == 0
                    && !s.flags().contains("SYN")).toList();
            TraceSegment second = trace.segments().stream().filter(s -> s.from().equals("client") && s.len() > 1).toList().get(1);
            assertEquals(List.of(730, 0), List.of(acks.get(0).window(), acks.get(1).window()));
            assertEquals(second.arrivesAt(), acks.get(0).sentAt(), "the first ACK at once");
            assertEquals(true, acks.get(1).sentAt() - second.arrivesAt() >= 20, "the second delayed: "
                    + (acks.get(1).sentAt() - second.arrivesAt()) + " ms");
        }
    }
}
