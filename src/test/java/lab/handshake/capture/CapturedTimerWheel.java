package lab.handshake.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lab.handshake.engine.Language;
import lab.handshake.engine.Network;
import lab.handshake.engine.TraceLog;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;

/**
 * Runs a capture's scenario with the kernel's timer wheel where the capture shows it stood: Linux fires its
 * retransmission, loss-probe and persist timers at the end of a bucket of 8, 64, 512 … jiffies (Profile.timerWheelMs),
 * and where those buckets lie is the jiffies' count, which differs from run to run; the engine starts from 0.
 */
public final class CapturedTimerWheel {
    /** Linux's timer tick at HZ=250, the kernel the captures were made on. */
    static final int TICK_MS = 4;
    private static final Path CAPTURES = Path.of("src", "test", "resources", "captures", "linux");
    private static final Path RUNS = Path.of("tools", "linux-captures", "runs");

    private CapturedTimerWheel() {
    }

    /**
     * A capture's scenario run under {@code linux} with the kernel's timer wheel standing where the capture shows it
     * stood ({@link #wheelTicksAtStart}), so that a timer on the wheel's coarser levels fires at the bucket boundary
     * the kernel's did (docs/linux-captures.md §77).
     */
    public static Trace runAsCaptured(String capture, ScenarioSpec spec) throws IOException {
        ScenarioRunner.Overrides linux = new ScenarioRunner.Overrides("linux", null, null, null);
        long firstSentAt = ScenarioRunner.run(spec, linux, Language.EN, Limits.API).segments().get(0).sentAt();
        ScenarioRunner.Setup setup = ScenarioRunner.Setup.of(spec, linux);
        TraceLog log = new TraceLog(Limits.API.maxSegments(), Limits.API.maxSteps());
        Network network = setup.build(log, Limits.API.maxEvents());
        network.setWheelTicksAtStart(wheelTicksAtStart(capture, firstSentAt));
        network.runUntil(spec.untilMs() != null ? spec.untilMs() : ScenarioRunner.DEFAULT_UNTIL_MS);
        return setup.simulation(log.fold(), network).render(Language.EN);
    }

    /**
     * The kernel's jiffies at the clock 0 of a run whose first segment, the capture's first, is sent at
     * {@code firstSentAtMs}: where the capture replay puts them on its own clock (TickPhase, from the capture's first
     * connection), moved by the tick offset the replay adds and from when the replay has that segment sent. The capture
     * is the one kept for the tests, else the one kept with its run.
     */
    private static long wheelTicksAtStart(String capture, long firstSentAtMs) throws IOException {
        Path kept = CAPTURES.resolve(capture + ".pcap");
        Path file = Files.exists(kept) ? kept : RUNS.resolve(capture).resolve(capture + ".pcap");
        CapturedConnection connection = CapturedConnection.split(PcapReader.read(Files.readAllBytes(file))).get(0);
        CaptureEvidence evidence = CaptureEvidence.of(connection);
        int offsetMs = TickPhase.offsetMs(connection, evidence);
        long replaySentAtMs = evidence.sentAtMs(connection.fromClient(connection.segments().get(0)), 0);
        return TickPhase.wheelTicksAtStart(connection, evidence, offsetMs)
                + Math.floorDiv(offsetMs + replaySentAtMs - firstSentAtMs, TICK_MS);
    }
}
