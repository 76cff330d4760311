package lab.handshake.formats;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.trace.Trace;
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.scenario.TraceService;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The SVG download: well-formed XML that draws the page's ladder, with the page's labels, bands and breaks. */
@QuarkusTest
class LadderSvgWriterTest {
    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    @Inject
    LadderSvgWriter writer;

    @Inject
    ScenarioCatalogue catalogue;

    @Inject
    TraceService traces;

    private Trace trace(String scenario, String profile, Language language) {
        return traces.catalogueTrace(catalogue.find(scenario).orElseThrow(), new ScenarioRunner.Overrides(profile, null, null, null), language);
    }

    /** The SVG of a trace, also kept in target/screenshots/ladder-<name>.svg to be looked at. */
    private String draw(Trace trace, String name) throws Exception {
        String svg = writer.write(trace);
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.writeString(Path.of("target", "screenshots", "ladder-" + name + ".svg"), svg);
        return svg;
    }

    /** Parses the SVG as XML (failing on anything not well-formed, an HTML-only entity say). */
    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every text of the drawing, one per line, as a reader sees them. */
    private static String texts(Document svg) {
        StringBuilder texts = new StringBuilder();
        var nodes = svg.getElementsByTagNameNS(SVG_NS, "text");
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.append(nodes.item(i).getTextContent()).append('\n');
        }
        return texts.toString();
    }

    private static int count(Document svg, String element) {
        return svg.getElementsByTagNameNS(SVG_NS, element).getLength();
    }

    @Test
    void aLostSegmentEndsHalfWayWithACrossAndItsRetransmissionIsLabelledAsOnThePage() throws Exception {
        Trace trace = trace("syn-ack-lost", "rfc9293", Language.EN);
        String svg = draw(trace, "syn-ack-lost");
        Document doc = parse(svg);
        Element root = doc.getDocumentElement();
        assertEquals(SVG_NS, root.getNamespaceURI());
        assertEquals("svg", root.getLocalName());
        LadderLayout layout = LadderLayout.of(trace);
        assertEquals(layout.segments().size(), count(doc, "polygon") + count(doc, "path"), "a head or a cross for every segment");
        assertEquals(layout.segments().stream().filter(LadderLayout.Segment::lost).count(), count(doc, "path"), "a cross per lost segment");
        String texts = texts(doc);
        assertTrue(texts.contains("↻ SYN,ACK seq=K ack=J+1\n"), texts);
        assertTrue(texts.contains("Client10.0.0.1:49152\n") && texts.contains("Server10.0.0.2:80\n"), texts);
        assertTrue(texts.contains("SYN_RECEIVED\n"), texts);
        assertFalse(svg.contains("<script"));
    }

    @Test
    void aFourWayCloseIsLabelledWithTheLessonsUVAndW() throws Exception {
        String texts = texts(parse(writer.write(trace("four-way-close", "rfc9293", Language.EN))));
        assertTrue(texts.contains("FIN,ACK seq=u ack=v\n"), texts);
        assertTrue(texts.contains("ACK seq=v ack=u+1\n"), texts);
        assertTrue(texts.contains("FIN,ACK seq=w ack=u+1\n"), texts);
        assertTrue(texts.contains("ACK seq=u+1 ack=w+1\n"), texts);
    }

    @Test
    void anOldDuplicateSynIsLabelledWithTheLessonsXAndK0AndTheRealConnectionWithJAndK() throws Exception {
        // RFC 9293 §3.5 Figure 8 as lesson 6 names it: the server answers the old SYN from K0, the real SYN from K.
        String texts = texts(parse(draw(trace("old-duplicate-syn", "rfc9293", Language.ZH), "old-duplicate-syn-zh")));
        assertTrue(texts.contains("SYN seq=X\n"), texts);
        assertTrue(texts.contains("SYN,ACK seq=K0 ack=X+1\n"), texts);
        assertTrue(texts.contains("RST seq=X+1\n"), texts);
        assertTrue(texts.contains("SYN,ACK seq=K ack=J+1\n"), texts);
        assertTrue(texts.contains("ACK seq=J+1 ack=K+1\n"), texts);
    }

    @Test
    void aLongIdleTimeIsABreakLabelledWithItsDuration() throws Exception {
        String texts = texts(parse(writer.write(trace("four-way-close", "rfc9293", Language.EN))));
        assertTrue(texts.contains("… 240 s …\n"), texts);
    }

    @Test
    void aFloodIsDrawnAsBandsWithTheirCountsInsteadOfAnArrowPerSegment() throws Exception {
        Trace trace = trace("syn-flood", "linux", Language.EN);
        Document doc = parse(draw(trace, "syn-flood-linux"));
        long spoofed = trace.segments().stream().filter(s -> !s.from().equals("client") && !s.from().equals("server")
                || !s.to().equals("client") && !s.to().equals("server")).count();
        LadderLayout layout = LadderLayout.of(trace);
        assertTrue(spoofed > 40 && !layout.bands().isEmpty(), "a flood: " + spoofed);
        assertEquals(layout.bands().size(), count(doc, "rect") - 1, "a box per band, on the background");
        assertEquals(spoofed, layout.bands().stream().mapToInt(LadderLayout.Band::count).sum(), "every spoofed segment is in a band");
        String texts = texts(doc);
        LadderLayout.Band first = layout.bands().get(0);
        assertTrue(texts.contains("Spoofed SYNs and their answers (" + first.count() + ")\n"), texts);
        assertTrue(texts.contains(first.kinds().get(0).n() + "× SYN → Server"), texts);
        assertTrue(texts.contains("Attacker\n"), texts);
    }

    @Test
    void aFloodsSynAcksAreDrawnGoingToTheForgedSourcesWhereNobodyAnswers_notToTheAttacker_rfc4987Section2() throws Exception {
        String texts = texts(parse(draw(trace("syn-flood-cookies", "rfc9293", Language.EN), "syn-flood-cookies")));
        assertTrue(texts.contains("Forged sources10.0.1.0/24nobody answers\n"), "the forged sources' lane, titled with their block: " + texts);
        assertTrue(texts.matches("(?s).*\\d+× SYN,ACK → Forged sources ✕ lost.*"), texts);
        assertFalse(texts.contains("→ Attacker"), texts);
    }

    @Test
    void aChineseTraceIsDrawnInChinese() throws Exception {
        String texts = texts(parse(draw(trace("syn-flood", "linux", Language.ZH), "syn-flood-zh")));
        assertTrue(texts.contains("客户端10.0.0.1:49152\n") && texts.contains("攻击者\n"), texts);
        assertTrue(texts.contains("伪造的源地址10.0.1.0/24无人应答\n"), texts);
        assertTrue(texts.contains("伪造源地址的 SYN 及其应答（") && texts.contains("个 SYN,ACK → 伪造的源地址 ✕ 丢失"), texts);
        assertFalse(texts.contains("Spoofed") || texts.contains("client") || texts.contains("Forged"), texts);
    }

    @Test
    void aTitleWithMarkupIsWrittenAsTextInWellFormedXml() throws Exception {
        Trace trace = trace("three-way-handshake", "rfc9293", Language.EN);
        String title = "a < b & \"c\" 'd' > e";
        Trace titled = new Trace(trace.scenario(), title, trace.profile(), trace.seed(), trace.language(), trace.endpoints(),
                trace.segments(), trace.steps(), trace.finalStates(), trace.synQueueCapacity());
        Document doc = parse(writer.write(titled));
        assertEquals(title, doc.getElementsByTagNameNS(SVG_NS, "title").item(0).getTextContent());
    }

    @Test
    void aTraceWithNothingOnTheWireYetIsDrawnAsItsTwoLanes() throws Exception {
        Trace trace = trace("three-way-handshake", "rfc9293", Language.EN);
        Trace empty = new Trace(trace.scenario(), null, trace.profile(), trace.seed(), trace.language(), trace.endpoints(),
                List.of(), List.of(), trace.finalStates(), trace.synQueueCapacity());
        Document doc = parse(writer.write(empty));
        assertEquals("TCP trace", doc.getElementsByTagNameNS(SVG_NS, "title").item(0).getTextContent());
        assertEquals("Client10.0.0.1:49152\nServer10.0.0.2:80\n", texts(doc));
    }

    @Test
    void theTraceApiAnswersTheSameDrawingAsSvg() {
        String svg = given().queryParam("format", "svg").queryParam("lang", "en")
                .get("/api/scenarios/four-way-close/trace").then().statusCode(200)
                .contentType(TraceFormat.SVG_TYPE).extract().asString();
        assertEquals(writer.write(trace("four-way-close", "rfc9293", Language.EN)), svg);
    }

    /**
     * A segment label's lines are written where {@link LabelFitting} measured them, the layout's {@code labelLines}: the
     * ladder's JSON sends them to the page (ladder-view.js reads them there) and the download writes them from it, so
     * that no drawing keeps numbers of its own.
     */
    @Test
    void theLabelsLinesAreWhereTheFittingMeasuredThem_sentInTheLaddersJson_andWrittenByTheDownload() throws Exception {
        LadderLayout.LabelLines measured = LadderLayout.LabelLines.DRAWN;
        var json = given().queryParam("compact", "true").get("/api/scenarios/simultaneous-close/ladder").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(measured.lift(), json.getDouble("labelLines.lift"));
        assertEquals(measured.below(), json.getDouble("labelLines.below"));
        Document doc = parse(writer.write(trace("simultaneous-close", "rfc9293", Language.EN)));
        var texts = doc.getElementsByTagNameNS(SVG_NS, "text");
        int labels = 0;
        for (int i = 0; i < texts.getLength(); i++) {
            Element text = (Element) texts.item(i);
            if (text.getAttribute("transform").startsWith("translate(")) {
                labels++;
                assertEquals(measured.lift(), Double.parseDouble(text.getAttribute("y")), text.getTextContent());
                var lines = text.getElementsByTagNameNS(SVG_NS, "tspan");
                if (lines.getLength() == 2) {
                    assertEquals(measured.below(), Double.parseDouble(((Element) lines.item(1)).getAttribute("y")), text.getTextContent());
                }
            }
        }
        assertTrue(labels > 0, "the segments' labels are drawn");
    }
}
