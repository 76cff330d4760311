package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;

/**
 * Which ACK gives a round-trip sample, held to two kernel captures made for it (docs/linux-captures.md §53): Linux
 * takes one sample per ACK, from the oldest segment it newly acknowledges that was sent once, and none when it also
 * acknowledges a segment sent again (tcp_clean_rtx_queue, FLAG_RETRANS_DATA_ACKED; Karn's algorithm, RFC 6298 §3),
 * and without a sample the RTO stays backed off (tcp_ack_update_rtt resets icsk_backoff only on a sample). Times are
 * compared as intervals, within 5 ms or 5 %, plus the timer-wheel slot the kernel may be late by ({@code wheelSlotMs}).
 */
class RoundTripSampleCaptureTest {
    private static final Path CAPTURES = Path.of("src", "test", "resources", "captures", "linux");
    private static final Path RUNS = Path.of("tools", "linux-captures", "runs");
    private static final Pattern RTO = Pattern.compile("\\brto:(\\d+)");

    @Test
    void anAckOfASegmentSentAgain_givesNoSample_soTheNextRtoStaysBackedOff_rfc6298Section3() throws IOException {
        // rtt-no-sample-retransmission-acked (no timestamps): the first data segment lost, the second sent once, the RTO
        // sends the first again (RTO 100 + max(2 × 100, 200) = 300 ms from the handshake's sample, doubled to 600 by
        // the time-out), and the ACK of both gives no sample, so the third segment, its ACK lost, goes again 600 ms
        // after it, and the timer wheel, where the capture shows it stood, runs that at its 8-tick bucket's end, 618 ms
        // after it. A sample from the second segment would have brought the RTO back near 300 ms.
        String id = "rtt-no-sample-retransmission-acked";
        double kernel = sentAgainAfterMs(PcapReader.read(Files.readAllBytes(CAPTURES.resolve(id + ".pcap"))), 2920);
        Trace trace = LinuxTimersAndQueuesCaptureTest.replay(id);
        List<Long> third = trace.segments().stream()
                .filter(s -> s.from().equals("client") && s.len() > 0 && s.seqSymbolic().equals("J+2921")).map(TraceSegment::sentAt).toList();
        assertEquals(2, third.size(), "the third segment, sent and sent again");
        long engine = third.get(1) - third.get(0);
        assertEquals(618, engine);
        assertWithin(kernel, engine, id);
    }

    @Test
    void anAckOfTwoSegments_samplesTheOlderOnly_linuxTcpCleanRtxQueue() throws IOException {
        // rtt-sample-oldest-segment-defaults: the SYN's sample 100 ms; the first data segment's ACK lost, so the
        // second's ACK, 250 ms after the first segment left, acknowledges both. One sample of 250: srtt 118.75 ms, mdev
        // 300 ms, RTO 418.75 up to a tick, 420 (`ss` read rto:424 from its 100.6 and 250.4); the third segment's timer
        // (the loss probe, due no later than the RTO) ends at the end of its 8-tick bucket on the timer wheel, 450 ms
        // after it. A second sample of 100 from the newer segment would have left about 355.
        String id = "rtt-sample-oldest-segment-defaults";
        int kernelRto = kernelRtoAt(id, "client", "at 525ms");
        Trace trace = LinuxTimersAndQueuesCaptureTest.replay(id);
        long thirdSent = trace.segments().stream()
                .filter(s -> s.from().equals("client") && s.len() > 0 && s.seqSymbolic().equals("J+2897")).findFirst().orElseThrow().sentAt();
        TraceStep armed = trace.steps().stream()
                .filter(step -> step.endpoint().equals("client") && step.kind() == StepKind.TIMER_ARMED && step.at() == thirdSent)
                .findFirst().orElseThrow();
        long engineRto = armed.timers().get(0).expiresAt() - thirdSent;
        assertEquals(450, engineRto);
        // `ss` reads the RTO itself, which the wheel's bucket may then run up to 32 ms late.
        double tolerance = Math.max(5, 0.05 * kernelRto);
        assertTrue(engineRto >= kernelRto - tolerance
                        && engineRto <= kernelRto + LinuxTimersAndQueuesCaptureTest.wheelSlotMs(engineRto) + tolerance,
                id + ": the timer " + engineRto + " ms after the third segment in the engine, the kernel's RTO " + kernelRto + " ms");
    }

    /** How long after its first transmission the client sent the segment at relative seq {@code relativeSeq} again. */
    private static double sentAgainAfterMs(List<CapturedSegment> captured, int relativeSeq) {
        int isn = captured.get(0).seq();
        List<Long> times = captured.stream()
                .filter(s -> s.srcAddress().equals("10.0.0.1") && s.payloadLength() > 0 && s.seq() - isn - 1 == relativeSeq)
                .map(CapturedSegment::timeMicros).toList();
        assertEquals(2, times.size(), "the kernel's third segment, sent and sent again");
        return (times.get(1) - times.get(0)) / 1000.0;
    }

    /** The RTO `ss` read on the host's connection in the snapshot with this label. */
    private static int kernelRtoAt(String id, String host, String label) throws IOException {
        JsonNode run = new ObjectMapper().readTree(RUNS.resolve(id).resolve("snapshots.json").toFile());
        JsonNode snapshot = StreamSupport.stream(run.get("snapshots").spliterator(), false)
                .filter(s -> s.get("host").asText().equals(host) && s.get("label").asText().equals(label))
                .findFirst().orElseThrow();
        Matcher rto = RTO.matcher(snapshot.get("sockets").get(0).get("info").asText());
        assertTrue(rto.find(), "no rto in the snapshot " + label);
        return Integer.parseInt(rto.group(1));
    }

    /** Within 5 ms or 5 % of the kernel, which may also be up to the engine's timer's wheel slot late. */
    private static void assertWithin(double kernelMs, long engineMs, String what) {
        double tolerance = Math.max(5, 0.05 * kernelMs);
        double wheelLate = LinuxTimersAndQueuesCaptureTest.wheelSlotMs(engineMs);
        assertTrue(kernelMs - engineMs <= tolerance + wheelLate && engineMs - kernelMs <= tolerance,
                what + ": " + engineMs + " ms in the engine, " + kernelMs + " ms in the kernel");
    }
}
