package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;

/**
 * CUBIC's HyStart held to two kernel captures where it ended slow start (docs/linux-captures.md §65; server side, snap
 * length 128; their runs with nstat in tools/linux-captures/runs/hystart). Replayed under linux, the server sends the
 * captured data as inferred send() calls, so a window larger than the kernel's shows at the end of the download: the
 * last data, written before the window let it go, would leave at once and the FIN after it, where the kernel held both
 * until an ACK opened the window and sent them as one segment (FIN,PSH,ACK). With slow start ended where the kernel
 * ended it (hystart_update), the replayed window is the kernel's.
 */
class HyStartCaptureTest {
    private static final Path CAPTURES = Path.of("src", "test", "resources", "captures", "hystart");

    private static Trace replayed(String capture) throws IOException {
        List<CapturedSegment> segments = PcapReader.read(Files.readAllBytes(CAPTURES.resolve(capture + ".pcap")));
        return CaptureReplay.rebuild(CapturedConnection.split(segments).get(0), Profile.parse("linux"), Language.EN,
                Map.of("en", "Capture")).trace();
    }

    /** The deviations of the server, the data's sender: those naming what it sent or would have sent. */
    private static List<String> serverDeviations(Trace trace) {
        return trace.steps().stream().filter(step -> step.kind() == StepKind.DEVIATION)
                .map(TraceStep::text).filter(text -> text.startsWith("The server sends") || text.contains("the server did not"))
                .toList();
    }

    @Test
    void anAckTrainLongerThanHalfTheRoundTrip_endsSlowStartAtTheKernelsWindow_hystartUpdateAckTrain() throws IOException {
        // hystart-train-download-1m-defaults (983025 bytes; the relay's 100 ms and a 20 Mbit/s bottleneck towards the
        // client): the round that began with the ACK at 608.5 ms came back as a train of ACKs 1.2 ms apart, and at
        // 659.5 ms it had lasted more than (delay_min + 1 ms) / 2 = (100.8 + 1) / 2 = 50.9 ms: TcpExtTCPHystartTrainDetect
        // 1, TcpExtTCPHystartTrainCwnd 247. The replay, in whole ms, ends it one ACK earlier, at 246. Before: three
        // deviations, the last 1281 bytes and the FIN sent apart at 982 ms instead of together at 1028 ms.
        Trace trace = replayed("hystart-train-download-1m-defaults");
        assertEquals(List.of(), serverDeviations(trace));
        // Nor the client's ACKs of one segment each behind the bottleneck's queue, 886–901 ms (§113): each left 1 ms of
        // its own TSval clock after the previous, which had cleared the delayed-ACK timer (tcp_event_ack_sent), so they
        // are taken as sent on arrival (ImmediateBulkAcks). Before: 13 of them departed.
        assertEquals(List.of(), trace.steps().stream().filter(step -> step.kind() == StepKind.DEVIATION)
                .map(TraceStep::text).toList());
    }

    @Test
    void aRoundWhoseRoundTripRoseAboveDelayMinPlusAnEighth_endsSlowStart_theServerSendsAsTheKernel_hystartUpdateDelay()
            throws IOException {
        // hystart-delay-download-1m-defaults: every client segment from 380 ms on delayed 20 ms more by the relay, so
        // the round trip rose from 100.4 to 120.6 ms, above 100.4 + clamp(100.4 / 8, 4, 16) = 112.95 ms; the ninth
        // sample of the round that began at 544.1 ms ended slow start: TcpExtTCPHystartDelayDetect 1,
        // TcpExtTCPHystartDelayCwnd 89, as in the replay (89). Before, the replay's window kept doubling and its last
        // 906 bytes and FIN left apart at 1322 ms instead of together at 1402 ms. And at 544.1 ms the ACK of K+103184
        // with 79 units (right edge K+184080) let the kernel send one packet of two segments, up to K+182824, and hold
        // the next, whose first segment did not fit (tcp_snd_wnd_test): the replay had sent 1256 bytes of it as a
        // burst's tail, and 185 deviations of the server followed (docs/linux-captures.md §66).
        Trace trace = replayed("hystart-delay-download-1m-defaults");
        assertEquals(List.of(), serverDeviations(trace));
        // Nor the client's ACK of three segments at 1,150.4 ms with one more of the flight on its way (§113,
        // ImmediateBulkAcks: more than one full frame received, __tcp_ack_snd_check). Before: it departed.
        assertEquals(List.of(), trace.steps().stream().filter(step -> step.kind() == StepKind.DEVIATION)
                .map(TraceStep::text).toList());
    }

    /**
     * The same download run as a scenario in the simulator (tools/linux-captures/runs/hystart/…delay…yaml, linux, with the
     * relay's 20 ms delay fault): the sends after HyStart ended slow start say so, in the reader's language, instead of
     * reading as congestion avoidance after a loss that never happened.
     */
    @Test
    void aSendAfterHyStartEndedSlowStart_saysSoInItsExplanation_enAndZh() throws IOException {
        ScenarioSpec spec = new ObjectMapper(new YAMLFactory()).readValue(Path.of("tools", "linux-captures", "runs", "hystart",
                "hystart-delay-download-1m-defaults", "hystart-delay-download-1m-defaults.yaml").toFile(), ScenarioSpec.class);
        for (Language language : List.of(Language.EN, Language.ZH)) {
            Trace trace = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), language, Limits.API);
            String said = language == Language.EN ? "CUBIC's HyStart ended slow start early" : "CUBIC 的 HyStart 提前结束了慢启动";
            assertTrue(trace.steps().stream().anyMatch(step -> step.kind() == StepKind.SEND && step.text().contains(said)),
                    language.toString());
        }
    }
}
