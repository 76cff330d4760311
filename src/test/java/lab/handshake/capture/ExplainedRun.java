package lab.handshake.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceStep;

/** A kernel capture of a run under tools/linux-captures/runs, replayed under the linux profile as the explainer does. */
final class ExplainedRun {
    private ExplainedRun() {
    }

    /** The replay of {@code name}.pcap's first connection, kept in {@code run} (a folder under tools/linux-captures/runs). */
    static Trace replayed(String run, String name) throws IOException {
        CapturedConnection connection = CapturedConnection.split(PcapReader.readCapture(Files.readAllBytes(
                Path.of("tools", "linux-captures", "runs").resolve(run).resolve(name + ".pcap")))).get(0);
        return CaptureReplay.rebuild(connection, Profile.LINUX, Language.EN, Map.of("en", "Capture")).trace();
    }

    /** The texts of the departures a replay reports. */
    static List<String> departures(Trace trace) {
        return trace.steps().stream().filter(s -> s.kind() == StepKind.DEVIATION).map(TraceStep::text).toList();
    }
}
