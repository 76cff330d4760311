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
 * Segments the network delivers out of order or twice (the faults delay and duplicate), held to the kernel captures
 * the relay made of them (docs/linux-captures.md §59: delayed-data-past-fin-defaults, delayed-data-out-of-order-defaults,
 * old-duplicate-syn-after-connect-defaults). Each run: ISNs 1000 and 5000, 50 ms each way, timestamps, SACK and window
 * scaling on; the client connects at 10 ms and is established at 110 ms.
 */
class ReorderedArrivalTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The first data byte: the client's ISN + 1. */
    private static final long DATA = 1001;

    /** {@code faults}: the scenario's faults, and after them any other section (inject). */
    private static Trace run(String profile, String clientActions, String faults) throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: reordered
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50, timestamps: true, sack: true, windowScaling: true}
                untilMs: 3000
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                %s
                faults:
                %s
                """.formatted(clientActions, faults), ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
    }

    private static List<TraceSegment> from(Trace trace, String host) {
        return trace.segments().stream().filter(s -> s.from().equals(host)).toList();
    }

    /** The server's pure ACKs: "ack [SACK blocks] win=window", relative to the first data byte. */
    private static List<String> acks(Trace trace) {
        return from(trace, "server").stream().filter(s -> s.len() == 0 && s.flags().equals(List.of("ACK")))
                .map(s -> (s.ack() - DATA) + LossRecoveryTest.sack(s) + " win=" + s.window()).toList();
    }

    @Nested
    class SynReceived {
        /**
         * RFC 9293 Figure 8 as the relay played it (old-duplicate-syn-after-connect): an old SYN (ISN - 10) written at
         * 12 ms, the client's own SYN of 10 ms delayed by 120 ms. The client answers the SYN,ACK of the old SYN (112 ms)
         * with a RST and sends its SYN again soon after (TCP_TIMEOUT_MIN, tcp_rcv_synsent_state_process); that copy,
         * its TSval newer, makes the server's request, and the delayed first SYN arrives after it, at 180 ms.
         */
        private static final String OLD_DUPLICATE_SYN = """
                  - {match: {from: client, flags: [SYN], nth: 1}, action: delay, ms: 120}
                inject:
                  - {at: 12, from: client, to: server, flags: [SYN], seq: 990}
                """;

        @Test
        void synOlderThanTheOneThatMadeTheRequest_isAnsweredWithABareAckNotTheSynAck_rfc7323Section5_3_linuxTcpCheckReq()
                throws IOException {
            // tcp_check_req checks PAWS before it takes a SYN at the request's ISN for a retransmission: the delayed
            // SYN's TSval is older than req->ts_recent, so "Out of window: send ACK and drop" (K+1, J+1), and the
            // client, already ESTABLISHED by the SYN,ACK, sends nothing for it (old-duplicate-syn-after-connect-defaults).
            Trace trace = run("linux", "", OLD_DUPLICATE_SYN);

            List<TraceSegment> server = from(trace, "server");
            assertEquals(List.of("SYN,ACK ack=991", "SYN,ACK ack=1001", "ACK ack=1001"), server.stream()
                    .map(s -> String.join(",", s.flags()) + " ack=" + s.ack()).toList());
            assertEquals(server.get(1).seq() + 1, server.get(2).seq(), "the ACK's sequence number: the request's ISN + 1");
            // tcp_synack_window(req) >> rcv_wscale: 65160 >> 10 = 63 (64 if rounded up as a full socket's window is).
            assertEquals(63, server.get(2).window(), "the request's window, shifted and truncated");
            assertEquals(1, from(trace, "client").stream().filter(s -> s.flags().equals(List.of("ACK"))).count(),
                    "the client's one ACK, of the SYN,ACK");
        }
    }

    @Nested
    class Established {
        /** 1000 bytes and the FIN leave at 110 ms; the data is delayed 30 ms, so the FIN arrives first (160 ms). */
        private static final String DATA_DELAYED_PAST_FIN = """
                  - {on: established, host: client, call: send, bytes: 1000}
                  - {on: established, host: client, call: close}
                """;
        private static final String DELAY_THE_DATA_30_MS = "  - {match: {from: client, flags: [ACK], nth: 2}, action: delay, ms: 30}";

        @Test
        void finBeyondAGap_isHeldAndItsSackBlockCoversTheFinsSequenceNumber_rfc2018Section3_linuxTcpDataQueueOfo()
                throws IOException {
            // The FIN at 2001 (offset 1000) takes one sequence number; the kernel's block is J+1001..J+1002 (end_seq
            // counts the FIN). When the data arrives (190 ms), the held FIN is taken with it (tcp_ofo_queue, tcp_fin)
            // and one ACK, 1000 bytes + FIN = offset 1001, answers both (delayed-data-past-fin-defaults rows 5 and 7).
            Trace trace = run("linux", DATA_DELAYED_PAST_FIN, DELAY_THE_DATA_30_MS);

            assertEquals(List.of("0 SACK 1000-1001 win=64", "1001 win=64"), acks(trace));
        }

        @Test
        void finBeyondAGap_isAckedWithTheDataThatFillsTheGapInOneAck_rfc9293Section3_10_7_4_rfc2018Section3() throws IOException {
            // The textbook receiver with SACK agreed: the FIN's sequence number is in the block (RFC 2018 §3: the right
            // edge follows the block's last sequence number), and the FIN is processed as the text before it is
            // delivered (eighth step), so the one ACK that answers the filling segment acknowledges it too.
            Trace trace = run("rfc9293", DATA_DELAYED_PAST_FIN, DELAY_THE_DATA_30_MS);

            assertEquals(List.of("0 SACK 1000-1001", "1001"), acks(trace).stream().map(a -> a.substring(0, a.indexOf(" win="))).toList());
        }

        @Test
        void segmentHeldBeyondAGapBeforeAnyInOrderData_growsTheWindowWithSack_linuxTcpDataQueueOfoTcpGrowWindow()
                throws IOException {
            // Two full segments (2 x 1448) at 110 ms, the first delayed 20 ms: the second is held at 160 ms and
            // tcp_grow_window raises rcv_ssthresh by 2 x 1448 = 2896 (65160 + 2896 = 68056, 66.5 x 1024: 67 in the
            // field); the first fills the gap at 180 ms and raises it again (70 960: 70). delayed-data-out-of-order-defaults.
            Trace trace = run("linux", "  - {on: established, host: client, call: send, bytes: 2896}",
                    "  - {match: {from: client, flags: [ACK], nth: 2}, action: delay, ms: 20}");

            assertEquals(List.of("0 SACK 1448-2896 win=67", "2896 win=70"), acks(trace));
        }
    }
}
