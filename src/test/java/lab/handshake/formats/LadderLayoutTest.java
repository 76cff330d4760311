package lab.handshake.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.Sandbox;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import org.junit.jupiter.api.Test;

/**
 * Where the ladder draws a SYN flood: the spoofed SYNs come from the attacker's lane, and the listener's answers go
 * to the forged source addresses the SYNs carry, a lane of their own where nobody answers, never to the attacker
 * (RFC 4987 §2: the attacker forges addresses that do not answer, and never sees the SYN,ACKs).
 */
class LadderLayoutTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).findAndRegisterModules();

    /** A listening server that three spoofed SYNs reach: few enough to be drawn one by one, not in a band. */
    private static Trace threeSpoofedSyns() throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: sandbox
                title: {en: Sandbox}
                profile: rfc9293
                params: {clientIsn: 1000, serverIsn: 5000, seed: 1, listenBacklog: 8, synCookies: off}
                """, ScenarioSpec.class);
        return Sandbox.replay(spec, Sandbox.Mode.AUTO, List.of(Sandbox.Move.call("server", "listen"), Sandbox.Move.spoofedSyns(3)),
                Language.EN, Limits.API).view().trace();
    }

    private static Trace catalogue(String scenario, String profile) throws IOException {
        ScenarioSpec spec = YAML.readValue(Path.of("content", "scenarios", scenario + ".yaml").toFile(), ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
    }

    private static Map<String, LadderLayout.Lane> lanes(LadderLayout layout) {
        return layout.lanes().stream().collect(Collectors.toMap(LadderLayout.Lane::id, Function.identity()));
    }

    @Test
    void spoofedSynsComeFromTheAttacker_andTheirSynAcksGoToTheForgedSourcesLane_lostOnTheWay_rfc4987Section2() throws IOException {
        Trace trace = threeSpoofedSyns();
        LadderLayout layout = LadderLayout.of(trace);
        assertEquals(List.of("client", "server", LadderLayout.FORGED_LANE, "attacker"), layout.lanes().stream().map(LadderLayout.Lane::id).toList(),
                "the forged sources beside the server, the attacker beyond them");
        Map<String, LadderLayout.Lane> lanes = lanes(layout);
        double server = lanes.get("server").x();
        double forged = lanes.get(LadderLayout.FORGED_LANE).x();
        double attacker = lanes.get("attacker").x();
        assertTrue(layout.bands().isEmpty(), "three are drawn one by one");

        List<LadderLayout.Segment> syns = layout.segments().stream().filter(s -> s.from().equals("attacker")).toList();
        assertEquals(3, syns.size());
        assertTrue(syns.stream().allMatch(s -> s.to().equals("server") && s.x1() == attacker && s.x2() == server && !s.lost()),
                "each spoofed SYN goes from the attacker's lane to the server's: " + syns);

        List<LadderLayout.Segment> answers = layout.segments().stream().filter(s -> s.from().equals("server")).toList();
        assertEquals(3, answers.size());
        assertTrue(answers.stream().allMatch(s -> s.to().equals(LadderLayout.FORGED_LANE) && s.lost() && s.x2() == (server + forged) / 2),
                "each SYN,ACK heads for the forged sources' lane and is lost half-way: " + answers);
        assertTrue(layout.segments().stream().noneMatch(s -> s.to().equals("attacker")), "nothing is drawn going to the attacker");
    }

    @Test
    void theForgedSourcesLaneIsTitledWithTheBlockOfTheirAddresses_theAttackersWithNone() throws IOException {
        Trace trace = threeSpoofedSyns();
        List<String> forged = trace.segments().stream().filter(s -> s.from().equals("attacker")).map(TraceSegment::src).toList();
        assertTrue(forged.stream().allMatch(src -> src.startsWith("10.0.1.")), "the sandbox forges 10.0.1.0/24: " + forged);
        Map<String, LadderLayout.Lane> lanes = lanes(LadderLayout.of(trace));
        assertEquals("10.0.1.0/24", lanes.get(LadderLayout.FORGED_LANE).address());
        assertNull(lanes.get("attacker").address(), "the attacker's own address is in no segment");
        assertEquals("10.0.0.2:80", lanes.get("server").address());
    }

    @Test
    void aFloodsBandsSayWhereEachKindGoes_synsToTheServer_synAcksToTheForgedSources() throws IOException {
        for (String scenario : List.of("syn-flood", "syn-flood-cookies")) {
            LadderLayout layout = LadderLayout.of(catalogue(scenario, "linux"));
            assertFalse(layout.bands().isEmpty(), scenario);
            List<LadderLayout.BandKind> kinds = layout.bands().stream().flatMap(b -> b.kinds().stream()).toList();
            assertTrue(kinds.stream().filter(k -> k.flags().equals("SYN")).allMatch(k -> k.to().equals("server") && k.lost() == 0), scenario + kinds);
            assertTrue(kinds.stream().filter(k -> !k.flags().equals("SYN"))
                    .allMatch(k -> k.to().equals(LadderLayout.FORGED_LANE) && k.lost() == k.n()), scenario + kinds);
            assertTrue(kinds.stream().noneMatch(k -> k.to().equals("attacker")), scenario + kinds);
        }
    }

    @Test
    void anOpenBandDrawsItsSegmentsAsArrowsUnderAHeader_theFoldedOnesStayBoxes() throws IOException {
        Trace trace = catalogue("syn-flood", "linux");
        LadderLayout folded = LadderLayout.of(trace);
        LadderLayout first = LadderLayout.of(trace, new LadderLayout.Options(false, Set.of(0)));
        LadderLayout.Band band = first.bands().get(0);
        assertTrue(band.open() && first.bands().stream().skip(1).noneMatch(LadderLayout.Band::open));
        assertEquals(LadderLayout.BAND_HEADER, band.y2() - band.y1(), "an open band is a header");
        assertEquals(folded.segments().size() + band.count(), first.segments().size(), "its segments are drawn one by one");
        assertEquals(trace.steps().size(), first.stepY().size(), "every step has its y");
    }

    /** A connection on loopback: every segment arrives in the millisecond it was sent. */
    private static Trace withoutDelay() throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: loopback
                title: {en: Loopback}
                profile: linux
                params: {clientIsn: 1000, serverIsn: 5000, seed: 1, oneWayDelayMs: 0}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 1, host: client, call: connect}
                  - {on: established, host: client, call: send, bytes: 100}
                  - {on: data, host: server, call: close}
                  - {on: eof, host: client, call: close}
                """, ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(null, null, null, null), Language.EN, Limits.API);
    }

    @Test
    void aSegmentArrivingInTheMillisecondItWasSent_slopesDownBelowItsSending_andNoTwoShareARow() throws IOException {
        LadderLayout layout = LadderLayout.of(withoutDelay());
        List<LadderLayout.Segment> segments = layout.segments();
        assertTrue(segments.size() >= 6, "handshake, data and both FINs: " + segments);
        for (LadderLayout.Segment segment : segments) {
            assertTrue(segment.y2() >= segment.y1() + LadderLayout.SLOT_HEIGHT, "arrives a slot below its sending: " + segment);
        }
        for (int i = 1; i < segments.size(); i++) {
            assertTrue(segments.get(i).y1() > segments.get(i - 1).y1(), "each sent below the one before: " + segments);
        }
    }

    @Test
    void theNarrowLayoutPutsClientAndServerCloser() throws IOException {
        Trace trace = catalogue("three-way-handshake", "rfc9293");
        LadderLayout narrow = LadderLayout.of(trace, new LadderLayout.Options(true, Set.of()));
        assertEquals(List.of(LadderLayout.COMPACT_MARGIN_X, LadderLayout.COMPACT_MARGIN_X + LadderLayout.COMPACT_LANE_GAP),
                narrow.lanes().stream().map(LadderLayout.Lane::x).toList());
        assertEquals(LadderLayout.of(trace).height(), narrow.height(), "only across, not down");
    }

    @Test
    void theNarrowLayoutBreaksALabelWiderThanItsLanesGap_atItsAck_andTheWideOneNever() throws IOException {
        // A real connection's ten-digit numbers: "PSH,ACK seq=2873916252 ack=4294967001 len=100" is 45 characters,
        // some 315 px against the phone's 210 px between the lanes.
        ScenarioSpec spec = YAML.readValue(Path.of("content", "scenarios", "data-transfer.yaml").toFile(), ScenarioSpec.class);
        Trace trace = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("rfc9293", 2_873_916_251L, 4_294_967_000L, null), Language.EN, Limits.API);
        LadderLayout narrow = LadderLayout.of(trace, new LadderLayout.Options(true, Set.of()));
        double gap = LadderLayout.COMPACT_LANE_GAP - 2 * LadderLayout.LABEL_INSET;
        for (LadderLayout.Segment segment : narrow.segments()) {
            String label = segment.absoluteLabel();
            int cut = segment.absoluteLabelBreak();
            if (segment.absoluteLabelShown() < label.length()) {
                continue; // cut shorter where it met another label (LabelFitting)
            }
            if (label.length() * LadderLayout.LABEL_CHAR_WIDTH > gap / Math.cos(Math.toRadians(segment.labelAngle()))) {
                assertEquals(label.indexOf(" ack="), cut, "broken at its ack: " + label);
                assertTrue(cut * LadderLayout.LABEL_CHAR_WIDTH <= gap && (label.length() - cut - 1) * LadderLayout.LABEL_CHAR_WIDTH <= gap,
                        "each line fits the gap: " + label);
            } else {
                assertEquals(0, cut, "one line: " + label);
            }
        }
        assertTrue(narrow.segments().stream().anyMatch(segment -> segment.absoluteLabelBreak() > 0), "some are broken");
        assertTrue(LadderLayout.of(trace).segments().stream().allMatch(segment -> segment.labelBreak() == 0 && segment.absoluteLabelBreak() == 0),
                "the wide layout (and the SVG download) draws every label on one line");
    }

    /**
     * A simultaneous close's FINs are sent at one moment from both ends and cross in the middle of the gap (RFC 9293
     * Figure 13), and so do the ACKs of them: their labels, written from their senders, met there (LabelFitting). With
     * a real connection's ten-digit numbers the wide layout breaks them at their ack, each line on its sender's half;
     * a phone's gap holds no more than their flags; the symbolic labels of the wide layout (the SVG download) still fit
     * on one line.
     */
    @Test
    void theLabelsOfSegmentsCrossingInASimultaneousClose_stayOnTheirSendersHalves_orShowTheirFlags() throws IOException {
        ScenarioSpec spec = YAML.readValue(Path.of("content", "scenarios", "simultaneous-close.yaml").toFile(), ScenarioSpec.class);
        Trace trace = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("rfc9293", 2_873_916_251L, 4_294_967_000L, null), Language.EN, Limits.API);
        List<LadderLayout.Segment> wide = LadderLayout.of(trace).segments().stream().filter(segment -> segment.label().startsWith("FIN")).toList();
        List<LadderLayout.Segment> narrow = LadderLayout.of(trace, new LadderLayout.Options(true, Set.of())).segments().stream()
                .filter(segment -> segment.label().startsWith("FIN")).toList();
        assertEquals(2, wide.size(), "one FIN from each end");
        for (LadderLayout.Segment fin : wide) {
            String label = fin.absoluteLabel();
            assertEquals(label.indexOf(" ack="), fin.absoluteLabelBreak(), "broken at its ack: " + label);
            assertEquals(label.length(), fin.absoluteLabelShown(), "all of it drawn: " + label);
            assertTrue(fin.absoluteLabelBreak() * LadderLayout.LABEL_CHAR_WIDTH < LadderLayout.LANE_GAP / 2 - LadderLayout.LABEL_INSET,
                    "its first line on its sender's half: " + label);
            assertEquals(0, fin.labelBreak(), "the symbolic label on one line: " + fin.label());
            assertEquals(fin.label().length(), fin.labelShown(), fin.label());
        }
        for (LadderLayout.Segment fin : narrow) {
            assertEquals("FIN,ACK", fin.absoluteLabel().substring(0, fin.absoluteLabelShown()), fin.absoluteLabel());
            assertEquals(0, fin.absoluteLabelBreak(), fin.absoluteLabel());
        }
    }

    @Test
    void aLabelWithoutAnAckBreaksAtItsLastSpaceThatFits_andOneWithoutASpaceNever() {
        assertEquals(0, LadderLayout.labelBreak("SYN seq=2873916251", 200));
        assertEquals("↻ SYN".length(), LadderLayout.labelBreak("↻ SYN seq=2873916251", 60), "the ↻ counts twice: 6 characters, 42 px");
        assertEquals(0, LadderLayout.labelBreak("SYN,ACK", 20));
    }

    @Test
    void theAddressBlockIsTheWholeOctetsTheAddressesShare_orTheOneAddress() {
        assertEquals("10.0.1.0/24", LadderLayout.addressBlock(List.of("10.0.1.70", "10.0.1.1", "10.0.1.70")));
        assertEquals("10.0.0.0/16", LadderLayout.addressBlock(List.of("10.0.1.70", "10.0.7.1")));
        assertEquals("10.0.1.70", LadderLayout.addressBlock(List.of("10.0.1.70", "10.0.1.70")));
        assertEquals("0.0.0.0/0", LadderLayout.addressBlock(List.of("10.0.1.70", "192.168.0.1")));
        assertNull(LadderLayout.addressBlock(List.of()));
    }
}
