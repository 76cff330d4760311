package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@code linux} profile against captures of a real Linux 6.18 kernel running the same scenarios
 * (src/test/resources/captures/linux, made by tools/linux-captures; see docs/linux-captures.md). Every
 * {@code <id>.pcap} in that folder is compared, none is left out: with the scenario {@code <id>.yaml} beside it
 * when there is one (a variant made only for the comparison), else the catalogue's
 * {@code content/scenarios/<id>.yaml}; a capture with neither fails. For each endpoint, the segments it sent
 * must match in order: flags apart from PSH, sequence and acknowledgement numbers relative to the ISNs, payload
 * length. Times and windows are not compared.
 */
class LinuxCaptureComparisonTest {
    private static final Path CAPTURES = Path.of("src", "test", "resources", "captures", "linux");
    private static final String CLIENT = "10.0.0.1";
    /**
     * Floods: which spoofed entries the kernel drops first depends on the order its timers fire, so these are
     * compared per group of like connections, with timing, in {@link LinuxTimersAndQueuesCaptureTest}.
     */
    static final Set<String> COMPARED_AS_GROUPS = Set.of("syn-flood-queue");

    @TestFactory
    Stream<DynamicTest> linuxProfileSendsWhatTheKernelSent() throws IOException {
        List<String> captures;
        try (Stream<Path> files = Files.list(CAPTURES)) {
            captures = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".pcap"))
                    .map(name -> name.substring(0, name.length() - ".pcap".length())).sorted().toList();
        }
        assertFalse(captures.isEmpty(), "no capture in " + CAPTURES);
        return captures.stream().filter(capture -> !COMPARED_AS_GROUPS.contains(capture))
                .map(capture -> DynamicTest.dynamicTest(capture, () -> compare(capture)));
    }

    /** The scenario a capture was made from: its own beside it, else the catalogue's of the same id. */
    private static Path scenarioOf(String capture) {
        Path own = CAPTURES.resolve(capture + ".yaml");
        if (Files.exists(own)) {
            return own;
        }
        Path catalogue = Path.of("content", "scenarios", capture + ".yaml");
        assertTrue(Files.exists(catalogue), "the capture " + capture + ".pcap has no scenario: add " + own + " or " + catalogue);
        return catalogue;
    }

    private static void compare(String scenario) throws IOException {
        List<CapturedSegment> captured = PcapReader.read(Files.readAllBytes(CAPTURES.resolve(scenario + ".pcap")));
        ScenarioSpec spec = new ObjectMapper(new YAMLFactory()).readValue(scenarioOf(scenario).toFile(), ScenarioSpec.class);
        Trace trace = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);

        int j = isnOf(captured, true);
        int k = isnOf(captured, false);
        for (String endpoint : List.of("client", "server")) {
            boolean fromClient = endpoint.equals("client");
            List<String> kernel = new ArrayList<>();
            for (CapturedSegment segment : captured) {
                if (segment.srcAddress().equals(CLIENT) == fromClient) {
                    kernel.add(describe(segment.flags(), segment.seq(), segment.ack(), segment.payloadLength(), fromClient ? j : k, fromClient ? k : j));
                }
            }
            List<String> engine = new ArrayList<>();
            for (TraceSegment segment : trace.segments()) {
                if (segment.from().equals(endpoint)) {
                    long base = fromClient ? trace.endpoints().get("client").isn() : trace.endpoints().get("server").isn();
                    long peer = fromClient ? trace.endpoints().get("server").isn() : trace.endpoints().get("client").isn();
                    engine.add(describe(Flags.parse(segment.flags()), (int) segment.seq(),
                            segment.ack() == null ? 0 : (int) (long) segment.ack(), segment.len(), (int) base, (int) peer));
                }
            }
            assertEquals(withoutAckBeforeData(kernel), withoutAckBeforeData(engine), endpoint + " segments of " + scenario);
        }
    }

    /** The ISN of the client (or the server): the sequence number of its first SYN in the capture. */
    private static int isnOf(List<CapturedSegment> captured, boolean client) {
        return captured.stream()
                .filter(s -> s.srcAddress().equals(CLIENT) == client && Flags.has(s.flags(), Flags.SYN))
                .findFirst().map(CapturedSegment::seq).orElse(0);
    }

    /** "ACK seq=+1 ack=+2 len=0": flags without PSH; RST with sequence 0 keeps its absolute 0. */
    private static String describe(int flags, int seq, int ack, int len, int ownIsn, int peerIsn) {
        boolean rstWithoutSequence = Flags.has(flags, Flags.RST) && seq == 0;
        String seqText = rstWithoutSequence ? "0" : "+" + (seq - ownIsn);
        String ackText = Flags.has(flags, Flags.ACK) ? "+" + (ack - peerIsn) : "-";
        return Flags.join(flags & ~Flags.PSH) + " seq=" + seqText + " ack=" + ackText + " len=" + len;
    }

    /**
     * A pure ACK immediately followed by a data segment from the same sender with the same acknowledgement
     * carries nothing that segment does not. Whether Linux sends it depends on a race between its delayed-ACK
     * tick and the application's first send() (docs/linux-captures.md, half-close), so it is left out on both
     * sides.
     */
    private static List<String> withoutAckBeforeData(List<String> segments) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            String current = segments.get(i);
            if (i + 1 < segments.size() && current.startsWith("ACK ") && current.endsWith("len=0")) {
                String next = segments.get(i + 1);
                String ack = current.substring(current.indexOf(" ack="), current.indexOf(" len="));
                if (!next.endsWith("len=0") && next.contains(ack + " ")) {
                    continue;
                }
            }
            kept.add(current);
        }
        return kept;
    }
}
