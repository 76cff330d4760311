package lab.handshake.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Stream;
import lab.handshake.RequiredTool;
import lab.handshake.capture.CapturedSegment;
import lab.handshake.capture.PcapReader;
import lab.handshake.engine.EcnCodepoint;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceOption;
import lab.handshake.engine.trace.TraceSegment;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every catalogue scenario's pcap, read by Debian's tshark (installed by .ci/run): no malformed packet, no
 * bad checksum, no expert error, no warning outside TCP's sequence analysis, and the same flags, sequence and
 * acknowledgement numbers, window fields and options (every one decoded, with its value) as the JSON trace;
 * read back by our own reader, the same segments.
 */
class PcapExportTest {
    /** The pcaps handed to tshark, deleted after the class. */
    @TempDir
    static Path pcaps;

    private static final Path TSHARK = Path.of("/usr/bin/tshark");

    private static Trace trace(String scenario, String profile) throws IOException {
        return trace(Path.of("content", "scenarios", scenario + ".yaml"), profile);
    }

    private static Trace trace(Path file, String profile) throws IOException {
        ScenarioSpec spec = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
    }

    private static List<String> tshark(Path pcap, String... arguments) throws Exception {
        return answer(startTshark(pcap, arguments));
    }

    /** tshark started on the file; its start-up is most of its time, so two on one file may run side by side. */
    private static Process startTshark(Path pcap, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(TSHARK.toString(), "-r", pcap.toString(),
                "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-o", "tcp.relative_sequence_numbers:FALSE"));
        command.addAll(List.of(arguments));
        // tshark's warnings (running as root, say) go to stderr and are not part of the answer.
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The lines tshark wrote, once it ended well. */
    private static List<String> answer(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "tshark failed: " + output);
        return output.lines().filter(line -> !line.isBlank()).toList();
    }

    private static void requireTshark() {
        RequiredTool.require(Files.isExecutable(TSHARK), "Debian's tshark");
    }

    /**
     * Every catalogue scenario, and the loss captures' own timelines (data-segment-lost and data-tail-lost:
     * src/test/resources/captures/linux), whose ACKs carry SACK blocks.
     */
    @TestFactory
    Stream<DynamicTest> tsharkReadsEveryScenarioWithoutAProblemAndAgreesWithTheTrace() throws IOException {
        requireTshark();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> catalogue = Files.list(Path.of("content", "scenarios"))) {
            files.addAll(catalogue.sorted().toList());
        }
        for (String capture : List.of("data-segment-lost", "data-tail-lost")) {
            files.add(Path.of("src", "test", "resources", "captures", "linux", capture + ".yaml"));
        }
        return files.stream().map(file -> {
            String scenario = file.getFileName().toString().replace(".yaml", "");
            return DynamicTest.dynamicTest(scenario, () -> assertTsharkAgrees(scenario, trace(file, "linux")));
        });
    }

    private static void assertTsharkAgrees(String scenario, Trace trace) throws Exception {
        Path pcap = pcaps.resolve(scenario + ".pcap");
        Files.write(pcap, PcapWriter.write(trace));
        // Warnings about the connection's story (a retransmission, a RST) are what the scenario shows;
        // any other warning would be about how a segment is written.
        Process problemsRead = startTshark(pcap, "-Y",
                "_ws.malformed || _ws.expert.severity == error || tcp.checksum.status == 0 || ip.checksum.status == 0"
                        + " || (_ws.expert.severity == warning && !tcp.analysis && !tcp.connection.rst)",
                "-T", "fields", "-e", "frame.number", "-e", "_ws.expert.message");
        Process fieldsRead = startTshark(pcap, "-T", "fields", "-E", "separator=,", "-E", "aggregator=;", "-e", "tcp.flags", "-e", "tcp.seq",
                "-e", "tcp.ack", "-e", "tcp.len", "-e", "tcp.window_size_value", "-e", "tcp.option_kind",
                "-e", "tcp.options.mss_val", "-e", "tcp.options.wscale.shift", "-e", "tcp.options.timestamp.tsval",
                "-e", "tcp.options.timestamp.tsecr", "-e", "tcp.options.sack_le", "-e", "tcp.options.sack_re");
        List<String> problems = answer(problemsRead);
        List<String> fields = answer(fieldsRead);
        assertTrue(problems.isEmpty(), scenario + ": tshark finds problems in frames " + problems);
        assertEquals(trace.segments().size(), fields.size());
        for (int i = 0; i < fields.size(); i++) {
            TraceSegment segment = trace.segments().get(i);
            String[] f = fields.get(i).split(",", -1);
            assertEquals(Flags.parse(segment.flags()), Integer.parseInt(f[0].replace("0x", ""), 16), scenario + " flags of segment " + segment.id());
            assertEquals(segment.seq(), Long.parseLong(f[1]), scenario + " seq of segment " + segment.id());
            if (segment.ack() != null) {
                assertEquals(segment.ack(), Long.parseLong(f[2]), scenario + " ack of segment " + segment.id());
            }
            assertEquals(segment.len(), Integer.parseInt(f[3]), scenario + " len of segment " + segment.id());
            assertEquals(segment.window(), Integer.parseInt(f[4]), scenario + " window of segment " + segment.id());
            assertEquals(decodedOptions(segment), String.join(",", List.of(f).subList(5, f.length)),
                    scenario + " options of segment " + segment.id());
        }
    }

    /**
     * What tshark's fields say for the trace's options: kinds in wire order (separated by ";"), then the values, the
     * SACK blocks' left and right edges each separated by ";".
     */
    private static String decodedOptions(TraceSegment segment) {
        StringJoiner kinds = new StringJoiner(";");
        String mss = "";
        String shift = "";
        String tsVal = "";
        String tsEcr = "";
        StringJoiner sackLeft = new StringJoiner(";");
        StringJoiner sackRight = new StringJoiner(";");
        for (TraceOption option : segment.options()) {
            kinds.add(String.valueOf(option.kind().kind()));
            switch (option.kind()) {
                case MSS -> mss = String.valueOf(option.value());
                case WINDOW_SCALE -> shift = String.valueOf(option.value());
                case TIMESTAMPS -> {
                    tsVal = String.valueOf(option.tsVal());
                    tsEcr = String.valueOf(option.tsEcr());
                }
                case SACK -> option.blocks().forEach(block -> {
                    sackLeft.add(String.valueOf(block.left()));
                    sackRight.add(String.valueOf(block.right()));
                });
                default -> {
                    // NOP and SACK-permitted have no value
                }
            }
        }
        return String.join(",", kinds.toString(), mss, shift, tsVal, tsEcr, sackLeft.toString(), sackRight.toString());
    }

    @Test
    void wiresharkFlagsTheResentSynAsARetransmission() throws Exception {
        requireTshark();
        Path pcap = pcaps.resolve("syn-lost.pcap");
        Files.write(pcap, PcapWriter.write(trace("syn-lost", "rfc9293")));
        assertEquals(List.of("2"), tshark(pcap, "-Y", "tcp.analysis.retransmission", "-T", "fields", "-e", "frame.number"));
    }

    @Test
    void everyExportedPcapReadsBackAsTheSameSegments() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("content", "scenarios"))) {
            for (Path file : files.toList()) {
                for (String profile : List.of("rfc9293", "linux")) {
                    assertReadsBack(trace(file, profile), file.getFileName() + " (" + profile + ")");
                }
            }
        }
    }

    private static void assertReadsBack(Trace trace, String scenario) {
        List<CapturedSegment> read = PcapReader.read(PcapWriter.write(trace));
        assertEquals(trace.segments().size(), read.size(), scenario);
        for (int i = 0; i < read.size(); i++) {
            TraceSegment expected = trace.segments().get(i);
            CapturedSegment actual = read.get(i);
            assertEquals(expected.src(), actual.srcAddress() + ":" + actual.srcPort(), scenario);
            assertEquals(expected.dst(), actual.dstAddress() + ":" + actual.dstPort(), scenario);
            assertEquals(Flags.parse(expected.flags()), actual.headerFlags(), scenario); // ECE and CWR too
            assertEquals(expected.seq(), Integer.toUnsignedLong(actual.seq()), scenario);
            assertEquals(expected.len(), actual.payloadLength(), scenario);
            assertEquals(expected.window(), actual.window(), scenario);
            assertEquals(expected.options(), actual.options(), scenario);
            assertEquals(expected.sentAt() * 1000, actual.timeMicros(), scenario);
            assertEquals(EcnCodepoint.ofTraceName(expected.ecn()), actual.ecn(), scenario);
        }
    }

    @Test
    void thePacketdrillScriptHasOneLinePerSegmentSeenByTheServer() throws IOException {
        Trace trace = trace("four-way-close", "rfc9293");
        List<String> lines = PacketdrillWriter.write(trace).lines().filter(line -> line.matches("\\d+\\.\\d{3} [<>] .*")).toList();
        assertEquals(trace.segments().size(), lines.size());
        assertEquals("0.060 < S 1000:1000(0) win 65535 <mss 1460>   // seq=J", lines.get(0));
        assertEquals("0.060 > S. 5000:5000(0) ack 1001 win 65535 <mss 1460>   // seq=K ack=J+1", lines.get(1));
        assertTrue(lines.get(3).startsWith("0.460 < F. 1001:1001(0) ack 5001"), lines.get(3));
    }

    @Test
    void thePacketdrillScriptWritesLinuxOptionsInPacketdrillSyntax() throws IOException {
        Trace trace = trace("three-way-handshake", "linux");
        List<String> lines = PacketdrillWriter.write(trace).lines().filter(line -> line.matches("\\d+\\.\\d{3} [<>] .*")).toList();
        long clientClock = trace.segments().get(0).options().get(2).tsVal();
        long serverClock = trace.segments().get(1).options().get(2).tsVal();
        assertEquals("0.060 < S 1000:1000(0) win 64240 <mss 1460,sackOK,TS val " + clientClock + " ecr 0,nop,wscale 10>   // seq=J",
                lines.get(0));
        assertEquals("0.060 > S. 5000:5000(0) ack 1001 win 65160 <mss 1460,sackOK,TS val " + serverClock + " ecr " + clientClock
                + ",nop,wscale 10>   // seq=K ack=J+1", lines.get(1));
        assertTrue(lines.get(2).startsWith("0.160 < . 1001:1001(0) ack 5001 win 63 <nop,nop,TS val "), lines.get(2));
    }

    @Test
    void thePacketdrillScriptWritesTheTimestampsOfAnInjectedSegment() throws IOException {
        Trace trace = trace("paws-old-duplicate", "linux");
        TraceSegment injected = trace.segments().get(5);
        List<String> lines = PacketdrillWriter.write(trace).lines().filter(line -> line.matches("\\d+\\.\\d{3} [<>] .*")).toList();
        assertTrue(lines.get(5).startsWith("0.350 < . 1501:2001(500) ack 5001 win 64240 <nop,nop,TS val "
                + injected.options().get(2).tsVal() + " ecr " + injected.options().get(2).tsEcr() + ">"), lines.get(5));
    }

    /**
     * ECN out (RFC 3168 §5, §6.1.1; docs/linux-captures.md §141): a client with net.ipv4.tcp_ecn 1 asks on its SYN and
     * the Linux server, at its default 2, agrees. Read back by our reader, every segment keeps its ECE and CWR and the IP
     * header's ECN field the trace names (ECT(0) on new data only), and packetdrill writes the flags as tcpdump does
     * (SEW, S.E).
     */
    @Test
    void anEcnExchangeExportsEceCwrAndTheIpEcnField_andPacketdrillWritesThemAsTcpdumpDoes() throws IOException {
        ScenarioSpec spec = new ObjectMapper(new YAMLFactory()).readValue("""
                id: ecn
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50, client: {ecn: 1}}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {at: 200, host: client, call: send, bytes: 100}
                """, ScenarioSpec.class);
        Trace trace = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
        List<CapturedSegment> read = PcapReader.read(PcapWriter.write(trace));
        assertEquals(trace.segments().size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            TraceSegment expected = trace.segments().get(i);
            assertEquals(Flags.parse(expected.flags()), read.get(i).headerFlags(), expected.toString());
            assertEquals(EcnCodepoint.ofTraceName(expected.ecn()), read.get(i).ecn(), expected.toString());
        }
        assertEquals(Flags.SYN | Flags.ECE | Flags.CWR, read.get(0).headerFlags());
        assertEquals(Flags.SYN | Flags.ACK | Flags.ECE, read.get(1).headerFlags());
        assertEquals(List.of(EcnCodepoint.ECT_0), read.stream().filter(s -> s.payloadLength() > 0).map(CapturedSegment::ecn).distinct().toList());
        List<String> lines = PacketdrillWriter.write(trace).lines().filter(line -> line.matches("\\d+\\.\\d{3} [<>] .*")).toList();
        assertTrue(lines.get(0).startsWith("0.060 < SEW 1000:1000(0) "), lines.get(0));
        assertTrue(lines.get(1).startsWith("0.060 > S.E 5000:5000(0) ack 1001 "), lines.get(1));
    }

    /**
     * A router's CE mark (the mark-ce fault, RFC 3168 §5) on the client's data: the pcap taken at the client holds it as
     * sent, ECT(0); the one taken at the server as it arrived, CE, and packetdrill, written from the server, says
     * {@code [ce]} where it arrives and {@code [ect0]} on the server's own data.
     */
    @Test
    void aCeMarkedSegment_isEct0WhereSent_andCeWhereItArrived_inThePcapAndInPacketdrill() throws IOException {
        ScenarioSpec spec = new ObjectMapper(new YAMLFactory()).readValue("""
                id: ecn-ce
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50, client: {ecn: 1}}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {at: 200, host: client, call: send, bytes: 100}
                  - {at: 400, host: server, call: send, bytes: 100}
                faults:
                  - {match: {from: client, flags: [ACK], afterMs: 200, nth: 1}, action: mark-ce}
                """, ScenarioSpec.class);
        Trace trace = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
        CapturedSegment atClient = PcapReader.read(PcapWriter.write(trace, CaptureVantage.CLIENT)).stream()
                .filter(s -> s.payloadLength() == 100 && s.srcPort() == trace.endpoints().get("client").port()).findFirst().orElseThrow();
        CapturedSegment atServer = PcapReader.read(PcapWriter.write(trace, CaptureVantage.SERVER)).stream()
                .filter(s -> s.payloadLength() == 100 && s.srcPort() == trace.endpoints().get("client").port()).findFirst().orElseThrow();
        assertEquals(EcnCodepoint.ECT_0, atClient.ecn());
        assertEquals(EcnCodepoint.CE, atServer.ecn());
        List<String> lines = PacketdrillWriter.write(trace).lines().filter(line -> line.contains("(100)")).toList();
        assertTrue(lines.get(0).matches("0\\.\\d{3} < \\[ce\\] P?\\. 1001:1101\\(100\\) .*"), lines.get(0));
        assertTrue(lines.get(1).matches("0\\.\\d{3} > \\[ect0\\] P?\\.E? 5001:5101\\(100\\) .*"), lines.get(1));
    }

    /**
     * syn-ack-lost (its golden trace), taken at the client and at the server (capturedAt=), 50 ms each way: the SYN
     * sent at 10 ms, its SYN,ACK sent at 60 and lost, the SYN sent again at 1010, the SYN,ACK again at 1060. At the
     * client: its two SYNs when sent, never the lost SYN,ACK, the second when it arrived at 1110; at the server: the
     * SYN when it arrived at 60, the lost SYN,ACK when sent, then, in the order the server's steps happened at 1060,
     * its timer's SYN,ACK before the second SYN's arrival.
     */
    @Test
    void aPcapTakenAtOneHost_holdsWhatItsInterfaceSaw_sentWhenSentReceivedWhenArrived() throws IOException {
        Trace trace = trace("syn-ack-lost", "rfc9293");
        assertEquals(List.of("10 S", "1010 S", "1110 SA"), firstThree(PcapWriter.write(trace, CaptureVantage.CLIENT)));
        assertEquals(List.of("60 S", "60 SA", "1060 SA"), firstThree(PcapWriter.write(trace, CaptureVantage.SERVER)));
        assertEquals(List.of("10 S", "60 SA", "1010 S"), firstThree(PcapWriter.write(trace)));
    }

    /** The first three records: their time in ms and flags (S, SA, A). */
    private static List<String> firstThree(byte[] pcap) {
        return PcapReader.read(pcap).stream().limit(3).map(segment -> segment.timeMicros() / 1000 + " "
                + ((segment.headerFlags() & Flags.SYN) != 0 ? "S" : "") + ((segment.headerFlags() & Flags.ACK) != 0 ? "A" : "")).toList();
    }
}
