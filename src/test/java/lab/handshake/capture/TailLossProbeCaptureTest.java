package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import org.junit.jupiter.api.Test;

/**
 * What a tail loss probe sends, held to a kernel capture made for it (docs/linux-captures.md §54): Linux's
 * tcp_send_loss_probe (net/ipv4/tcp_output.c, 6.18) sends data written and not yet sent first, through tcp_write_xmit
 * with TCP_NAGLE_OFF and push_one 2 (Nagle and the congestion window do not hold it), as long as the peer's window
 * takes it (tcp_snd_wnd_test); only without such data does it send the last segment again (RFC 8985 §7.3).
 */
class TailLossProbeCaptureTest {
    private static final Path CAPTURES = Path.of("src", "test", "resources", "captures", "linux");

    @Test
    void aLossProbe_sendsTheDataNagleHeld_notTheLastSegmentAgain_linuxTcpSendLossProbe() throws IOException {
        // loss-probe-new-data-defaults: the handshake's sample 100 ms (srtt 100, RTO 100 + max(2 × 100, 200) = 300 ms).
        // The client's first 100 bytes (J+1) leave 100 ms after the handshake; their ACK is lost. 20 ms later 100 more
        // are written, and Nagle holds them (Minshall: a small segment unacknowledged). With one segment out the
        // probe is due at 2 × 100 + 200 = 400 ms, later than the RTO, so it fires at the RTO's 300 ms after J+1, and
        // sends the held bytes, J+101, as new data; J+1 never goes twice. The timer wheel, where the capture shows it
        // stood, runs the probe at its 8-tick bucket's end, 314 ms after J+1; the kernel's probe left 331.7 ms after it
        // (its RTO of 304 ms in ticks, and the wheel's bucket).
        String id = "loss-probe-new-data-defaults";
        List<CapturedSegment> captured = captured(id);
        int isn = captured.get(0).seq();
        List<CapturedSegment> kernelData = clientData(captured);
        assertEquals(List.of(1, 101), kernelData.stream().map(s -> s.seq() - isn).toList(), "the kernel's data: J+1, then the probe's J+101");
        double kernelMs = (kernelData.get(1).timeMicros() - kernelData.get(0).timeMicros()) / 1000.0;

        Trace trace = LinuxTimersAndQueuesCaptureTest.replay(id);
        List<TraceSegment> engineData = trace.segments().stream().filter(s -> s.from().equals("client") && s.len() > 0).toList();
        assertEquals(List.of("J+1", "J+101"), engineData.stream().map(TraceSegment::seqSymbolic).toList(),
                "the engine's data: J+1 once, then the held 100 bytes as the probe");
        long engineMs = engineData.get(1).sentAt() - engineData.get(0).sentAt();
        assertEquals(314, engineMs);
        double tolerance = Math.max(5, 0.05 * kernelMs);
        double wheelLate = LinuxTimersAndQueuesCaptureTest.wheelSlotMs(engineMs);
        assertTrue(kernelMs - engineMs <= tolerance + wheelLate && engineMs - kernelMs <= tolerance,
                id + ": the probe " + engineMs + " ms after J+1 in the engine, " + kernelMs + " ms in the kernel");
        assertTrue(trace.steps().stream().anyMatch(step -> step.endpoint().equals("client") && step.kind() == StepKind.SEND
                        && step.at() == engineData.get(1).sentAt() && step.text().contains("100 bytes of data that were waiting")),
                "the probe is explained as new data");
    }

    @Test
    void aProbeThatRepairedTheTail_takesTheWindowDownOnceTheNextAckGoesBeyondIt_linuxTcpProcessTlpAck() throws IOException {
        // loss-probe-repairs-tail-defaults (docs/linux-captures.md §56): 20 segments, the 20th lost; the probe sends it
        // again and the ACK of everything reaches exactly the probe's SND.NXT (tlp_high_seq), with no D-SACK, so the
        // episode stays open. 20 more segments 700 ms after the handshake leave at once (the window is 30 by then: 10,
        // then 19 ACKs of one segment in slow start, then the probe's ACK); their first ACK goes beyond tlp_high_seq,
        // so the window comes down to ssthresh, 30 × 717 / 1024 = 21 (`ss`: cwnd 21, ssthresh 21), and grows only in
        // congestion avoidance after. 900 ms after the handshake 30 more are written: 21 leave at once, the other 9 a
        // round trip later. An unreduced window (30 + 20 in slow start) would send all 30 at once.
        String id = "loss-probe-repairs-tail-defaults";
        List<CapturedSegment> captured = captured(id);
        long start = captured.get(0).timeMicros();
        List<Long> kernelThirdWrite = clientData(captured).stream().filter(s -> s.timeMicros() - start > 950_000)
                .map(s -> (s.timeMicros() - start) / 50_000).toList();
        assertEquals(List.of(21L, 9L), counts(kernelThirdWrite), "the kernel's third write: 21 segments, then 9");

        Trace trace = LinuxTimersAndQueuesCaptureTest.replay(id);
        long engineStart = trace.segments().get(0).sentAt();
        List<Long> engineThirdWrite = trace.segments().stream()
                .filter(s -> s.from().equals("client") && s.len() > 0 && s.sentAt() - engineStart > 950)
                .map(s -> (s.sentAt() - engineStart) / 50).toList();
        assertEquals(List.of(21L, 9L), counts(engineThirdWrite), "the engine's third write: 21 segments, then 9");
    }

    @Test
    void aPacketTheCongestionWindowCutsWaitsAtASubMillisecondRoundTrip_theProbeSendsItWhole_andAWindowUpdateGoesAsOnePacket_tcpTsoShouldDefer_tcpSendLossProbe()
            throws IOException {
        // runs/everyday-s96/veth-linger-expires-client (docs/linux-captures.md §100): a non-blocking writer over veth
        // (round trip some 20 µs). At 2.85 ms the client sends J+78193 (22 segments): 41 in flight of a window of 45.
        // The 4 segments queued behind wait (tcp_tso_should_defer: below a 512 µs min RTT tcp_tso_autosize makes a
        // full packet the GSO size, 45 segments; the room, 4, is less, and less than a third of the window; the ACK
        // was due). Nothing comes back, and 6.7 ms later the probe sends them as one packet of the window's quota
        // (tcp_write_xmit with push_one 2), J+110049, 5,792 bytes: tlp_high_seq is set and the RTO armed, so no probe
        // goes again before the ACK at 45 ms. The replay sent the 4 as a write of their own at 9.55 ms, and its probe
        // then sent J+114393 again at 20 ms, which the kernel never did: 54 departures, the first at 48 ms. At 2.501 s
        // the reader's window update of 9,216 bytes lets them all go as one packet (the 64 KB packet below 512 µs,
        // tcp_tso_autosize; the last 528 bytes as its tail, tcp_mss_split_point), where packets of two segments held
        // those 528 bytes and every later segment was off by them (docs/linux-captures.md §104).
        List<CapturedSegment> segments = PcapReader.read(Files.readAllBytes(Path.of("tools", "linux-captures", "runs",
                "everyday-s96", "veth-linger-expires-client.pcap")));
        Trace trace = CaptureReplay.rebuild(CapturedConnection.split(segments).get(0), Profile.parse("linux"), Language.EN,
                Map.of("en", "Capture")).trace();

        assertEquals(List.of(), trace.segments().stream().filter(s -> s.from().equals("client") && s.len() > 0
                && s.sentAt() > 12 && s.sentAt() < 48).map(TraceSegment::seqSymbolic).toList(),
                "after the probe's packet (12 ms on the replay's clock) no data goes before the ACK at 48 ms");
        assertEquals(List.of(), trace.steps().stream().filter(step -> step.kind() == StepKind.DEVIATION)
                .map(step -> step.at() + " " + step.text()).toList(), "nothing departs, before the reader wakes at 2.5 s or after");
    }

    private static List<CapturedSegment> captured(String id) throws IOException {
        return PcapReader.read(Files.readAllBytes(CAPTURES.resolve(id + ".pcap")));
    }

    /** The client's segments that carry data (the client is 10.0.0.1 in every run-spec capture). */
    private static List<CapturedSegment> clientData(List<CapturedSegment> captured) {
        return captured.stream().filter(s -> s.srcAddress().equals("10.0.0.1") && s.payloadLength() > 0).toList();
    }

    /** How many of the (sorted) values are equal, run by run: the segments per 50 ms slot. */
    private static List<Long> counts(List<Long> slots) {
        return slots.stream().distinct().map(slot -> slots.stream().filter(slot::equals).count()).toList();
    }
}
