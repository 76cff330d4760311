package lab.handshake.formats;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import lab.handshake.engine.Language;
import lab.handshake.engine.trace.Trace;
import lab.handshake.web.TraceWords;

/**
 * The ladder diagram of a trace as a standalone SVG (for slides, the simulator's "SVG" link and the scenario
 * preview): the page's ladder as {@link LadderLayout} lays it out, drawn as ladder-view.js draws it (every number
 * it derives, an arrowhead's points or a text's baseline, from the layout's numbers by the same arithmetic and to
 * 0.01 px as its {@code px} writes them, so that both draw one picture to the digit), with the page's colours as presentation attributes (a file has no page CSS, and a page's Content-Security-Policy
 * refuses inline styles). The markup is the Qute template {@code LadderSvgWriter/ladder.svg}, which escapes
 * every text as XML.
 */
@ApplicationScoped
public class LadderSvgWriter {
    // ladder-view.js's and simulator.css's measures and colours.
    private static final double ARROW_LENGTH = 9;
    private static final double ARROW_HALF_WIDTH = 4.5;
    private static final double LOST_MARK = 6;
    private static final double BREAK_INSET = 8;
    private static final double LANE_END_BELOW = 16;
    private static final double BAND_TEXT_X = 10;
    private static final double BAND_TITLE_Y = 14;
    private static final double BAND_KINDS_Y = 28;
    private static final double TEXT_BASELINE = 4;
    private static final String CLIENT = "#1d4ed8";
    private static final String SERVER = "#a94700";
    private static final String OTHER = "#9d174d";
    private static final String NOBODY = "#57606a";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance ladder(Drawing drawing);
    }

    /** A straight line in one colour, solid (dash null) or dashed. */
    public record Line(String x1, String y1, String x2, String y2, String colour, String dash) {
    }

    /**
     * A lane's title: its name, the lane's address (null for the attacker) and, for the forged sources, that
     * nobody answers there (else null).
     */
    public record LaneTitle(String name, String x, String colour, String address, String note) {
    }

    /** A state's name beside its lane. */
    public record StateText(String x, String y, String anchor, String colour, String text) {
    }

    /** A break's duration in seconds, as the page writes it ("1.5", "240"). */
    public record BreakLabel(String x, String y, String seconds) {
    }

    /** A band: its box, where its title and kinds are written, and what it holds. */
    public record BandBox(String x, String y, String width, String height, String textX, String titleY, String kindsY,
                          int count, List<BandKindText> kinds) {
    }

    /** A kind of segment in a band, with the name of the lane it goes to. */
    public record BandKindText(int n, String flags, String to, boolean allLost) {
    }

    /**
     * A segment: its line, then an arrowhead where it arrives or a cross where it was lost (an open head half-way for
     * one still in the network, a sandbox's {@code held}), a duplicate's second line and head (null for others), and
     * its label along it: its first line, and its second below the arrow (null for none), as the page cuts it.
     */
    public record Arrow(Line line, String head, boolean openHead, String cross, Line copy, String copyHead, String label,
                        String labelNext, String labelTransform, String labelAnchor) {
    }

    /**
     * Everything the template draws, every number already written; {@code labelLift} and {@code labelBelow} the
     * baselines of a segment label's lines, the layout's {@link LadderLayout.LabelLines}.
     */
    public record Drawing(String title, String width, String height, List<Line> lanes, List<LaneTitle> titles,
                          List<BreakLabel> breaks, List<BandBox> bands, List<StateText> states, List<Arrow> arrows,
                          String labelLift, String labelBelow) {
    }

    /** The SVG document of {@code trace}, its words in the trace's language. */
    public String write(Trace trace) {
        return write(trace, LadderLayout.of(trace));
    }

    /** The SVG document of {@code trace} laid out as given: a sandbox's, with its segments in flight held half-way. */
    public String write(Trace trace, LadderLayout layout) {
        Language language = Language.parse(trace.language());
        TraceWords words = MessageBundles.get(TraceWords.class, Localized.Literal.of(language.code()));
        return Templates.ladder(drawing(trace, layout, words)).setLocale(language.locale()).render();
    }

    /** A lane's title, as ladder-view.js names it ({@code ep.<lane>}). */
    private static String laneName(TraceWords words, String lane) {
        return switch (lane) {
            case "client" -> words.ep_client();
            case "server" -> words.ep_server();
            case "attacker" -> words.ep_attacker();
            case LadderLayout.FORGED_LANE -> words.ep_forged_source();
            default -> lane;
        };
    }

    private static Drawing drawing(Trace trace, LadderLayout layout, TraceWords words) {
        List<Line> lanes = new ArrayList<>();
        List<LaneTitle> titles = new ArrayList<>();
        for (LadderLayout.Lane lane : layout.lanes()) {
            String x = number(lane.x());
            double from = layout.top();
            for (LadderLayout.Break pause : layout.breaks()) {
                lanes.add(new Line(x, number(from), x, number(pause.y1() + BREAK_INSET), colour(lane.id()), laneDash(lane.id())));
                lanes.add(new Line(x, number(pause.y1() + BREAK_INSET), x, number(pause.y2() - BREAK_INSET), "#6b7280", "1 5"));
                from = pause.y2() - BREAK_INSET;
            }
            lanes.add(new Line(x, number(from), x, number(layout.bottom() + LANE_END_BELOW), colour(lane.id()), laneDash(lane.id())));
            titles.add(new LaneTitle(laneName(words, lane.id()), x, colour(lane.id()), lane.address(),
                    lane.id().equals(LadderLayout.FORGED_LANE) ? words.ep_forged_note() : null));
        }
        String breakX = number((layout.lanes().get(0).x() + layout.lanes().get(1).x()) / 2);
        List<BreakLabel> breaks = layout.breaks().stream().map(pause -> new BreakLabel(breakX,
                number((pause.y1() + pause.y2()) / 2 + TEXT_BASELINE), seconds(pause.ms()))).toList();
        List<BandBox> bands = layout.bands().stream().map(band -> new BandBox(number(band.x1()), number(band.y1()),
                number(band.x2() - band.x1()), number(band.y2() - band.y1()), number(band.x1() + BAND_TEXT_X),
                number(band.y1() + BAND_TITLE_Y), number(band.y1() + BAND_KINDS_Y), band.count(),
                band.kinds().stream().map(kind -> new BandKindText(kind.n(), kind.flags(), laneName(words, kind.to()), kind.lost() == kind.n())).toList()))
                .toList();
        List<StateText> states = layout.stateLabels().stream().map(state -> new StateText(number(state.x()),
                number(state.y() + TEXT_BASELINE), state.anchor().toString(), colour(state.endpoint()), state.state())).toList();
        List<Arrow> arrows = layout.segments().stream().map(LadderSvgWriter::arrow).toList();
        return new Drawing(trace.title(), number(layout.width()), number(layout.height()), lanes, titles, breaks, bands, states, arrows,
                number(layout.labelLines().lift()), number(layout.labelLines().below()));
    }

    private static Arrow arrow(LadderLayout.Segment segment) {
        String colour = colour(segment.from());
        double x1 = segment.x1();
        double y1 = segment.y1();
        double x2 = segment.x2();
        double y2 = segment.y2();
        // Dashes as the page's: a lost segment's line (simulator.css), a held one's (sandbox.css .hl-held).
        String dash = segment.lost() ? "6 3" : segment.held() ? "2 3" : null;
        Line line = new Line(number(x1), number(y1), number(x2), number(y2), colour, dash);
        LadderLayout.Point copyEnd = segment.copyEnd();
        Line copy = copyEnd == null ? null : new Line(number(x1), number(y1), number(copyEnd.x()), number(copyEnd.y()), colour, "2 3");
        double m = LOST_MARK;
        String shown = segment.label().substring(0, segment.labelShown());
        int cut = segment.labelBreak();
        String cross = segment.lost()
                ? "M" + number(x2 - m) + "," + number(y2 - m) + "l" + number(2 * m) + "," + number(2 * m) + "m0," + number(-2 * m)
                  + "l" + number(-2 * m) + "," + number(2 * m)
                : null;
        return new Arrow(line, segment.lost() ? null : arrowHead(x1, y1, x2, y2), segment.held(), cross, copy,
                copyEnd == null ? null : arrowHead(x1, y1, copyEnd.x(), copyEnd.y()),
                shown.substring(0, cut > 0 ? cut : shown.length()), cut > 0 ? shown.substring(cut) : null,
                "translate(" + number(segment.labelX()) + " " + number(segment.labelY()) + ") rotate(" + number(segment.labelAngle()) + ")",
                segment.labelAnchor().toString());
    }

    /** Points of an arrowhead at (x2, y2) pointing away from (x1, y1), as ladder-view.js's arrowHead. */
    private static String arrowHead(double x1, double y1, double x2, double y2) {
        // A square root, not Math.hypot: IEEE rounds it the same in Java and JavaScript.
        double length = Math.sqrt((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1));
        double d = length == 0 ? 1 : length;
        double ux = (x2 - x1) / d;
        double uy = (y2 - y1) / d;
        double bx = x2 - ux * ARROW_LENGTH;
        double by = y2 - uy * ARROW_LENGTH;
        return String.join(" ", number(x2), number(y2), number(bx - uy * ARROW_HALF_WIDTH), number(by + ux * ARROW_HALF_WIDTH),
                number(bx + uy * ARROW_HALF_WIDTH), number(by - ux * ARROW_HALF_WIDTH));
    }

    /** The page's colour of a lane: client blue, server orange, the forged sources grey, any other host (an attacker) crimson. */
    private static String colour(String endpoint) {
        return switch (endpoint) {
            case "client" -> CLIENT;
            case "server" -> SERVER;
            case LadderLayout.FORGED_LANE -> NOBODY;
            default -> OTHER;
        };
    }

    /** Client solid, server dashed, another host dotted: colour never carries the meaning alone. */
    private static String laneDash(String endpoint) {
        return switch (endpoint) {
            case "client" -> null;
            case "server" -> "9 4";
            default -> "2 4";
        };
    }

    /** A drawing coordinate to 0.01 px ({@link LadderLayout#px}), as JavaScript writes that number: no trailing zeros. */
    private static String number(double value) {
        return BigDecimal.valueOf(Math.round(value * 100), 2).stripTrailingZeros().toPlainString();
    }

    /** A break's duration as formatDuration(ms, units, coarse) writes it: "1.5", whole seconds from 10 s. */
    private static String seconds(long ms) {
        return new BigDecimal(ms / 1000.0).setScale(ms >= 10_000 ? 0 : 1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
