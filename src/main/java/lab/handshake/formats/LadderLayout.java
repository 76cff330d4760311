package lab.handshake.formats;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import lab.handshake.engine.Network;
import lab.handshake.engine.trace.SegmentFate;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceEndpoint;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;

/**
 * The ladder diagram of a trace as plain data, under any of the page's {@link Options}: lanes, rows, gaps, breaks,
 * bands, state labels and segment geometry. The one layout of the ladder: the pages draw it as the API sends it
 * (ladder-view.js) and the SVG download draws it with the default options ({@link LadderSvgWriter}), so both are
 * one picture. Every number of the drawing is kept to 0.01 px ({@link #px}), finer than any screen shows, so that
 * JSON carries it as it is (a flood's thousands of step positions not written with 16 digits each) and both
 * drawings start from the same numbers.
 *
 * @param width     the whole drawing, every lane with its margins
 * @param mainWidth client and server lanes with their state labels
 * @param top       where the lanes start, below their titles
 * @param bottom    where the last row and its gap end
 * @param stepY     the y of each step of the trace: where the line of the current time is drawn
 * @param labelLines where a segment label's lines are written, which {@link LabelFitting} measured: always
 *                   {@link LabelLines#DRAWN}, sent so that the page draws them where they were measured
 */
public record LadderLayout(double width, double mainWidth, double height, double top, double bottom, List<Lane> lanes,
                           List<Segment> segments, List<StateLabel> stateLabels, List<Break> breaks, List<Band> bands,
                           List<Double> stepY, LabelLines labelLines) {

    public LadderLayout {
        width = px(width);
        mainWidth = px(mainWidth);
        height = px(height);
        top = px(top);
        bottom = px(bottom);
        stepY = stepY.stream().map(LadderLayout::px).toList();
    }

    static final double MARGIN_X = 150;          // beside the outer lanes, for state labels
    static final double LANE_GAP = 440;          // client lane to server lane
    static final double EXTRA_LANE_GAP = 200;    // server to forged sources to attacker
    static final double EXTRA_MARGIN_X = 70;     // beside a last lane not the server's
    static final double HEADER_HEIGHT = 70;      // lane titles
    static final double TOP_PAD = 26;            // first event below the initial states
    static final double FOOTER_HEIGHT = 44;
    static final double PX_PER_MS = 0.72;        // gaps up to LINEAR_MS are drawn to scale,
    static final long LINEAR_MS = 100;
    static final double TAIL_PX_PER_MS = 0.1;    // longer ones grow slower,
    static final long BREAK_MS = 1000;           // and longer than BREAK_MS they become a fixed break
    static final double BREAK_HEIGHT = 54;
    static final double MIN_GAP_PX = 12;
    static final double MAX_GAPS_HEIGHT = 1600;  // dense traces shrink their gaps to fit this
    static final double SLOT_HEIGHT = 16;        // events of one lane at one time stack in step order
    static final double STATE_LABEL_OFFSET = 13;
    static final double STATE_LABEL_SPACING = 14;
    static final double LABEL_INSET = 16;        // segment labels start this far from the sender
    static final int INLINE_EXTRA = 12;          // this few segments to/from other hosts are drawn one by one;
    static final int BAND_MAX = 40;              // more are grouped in bands (a SYN flood), at most this many in one band,
    static final double BAND_HEIGHT = 34;        // drawn this high when folded,
    static final double BAND_HEADER = 20;        // or as a header above their arrows when unfolded,
    static final double BAND_PAD = 6;            // with this space above and below
    static final double COMPACT_MARGIN_X = 104;  // a narrow box (a phone): both lanes fit it
    static final double COMPACT_LANE_GAP = 210;
    /**
     * A segment label's character, 0.6 em of its 11.5 px monospace font (simulator.css), a little more: a label wider
     * than its lanes' gap is broken onto two lines in the compact layout, so that on a phone it ends before the
     * receiver's lane and its state label instead of running past the drawing's edge.
     */
    static final double LABEL_CHAR_WIDTH = 7;

    private static final List<String> HOSTS = List.of("client", "server");

    /**
     * Where a listener's answers to spoofed SYNs go: the forged source addresses, where no host is (RFC 4987 §2),
     * drawn between the server and the attacker, who sent the SYNs and never sees the answers.
     */
    public static final String FORGED_LANE = Network.FORGED_SOURCE;

    /**
     * What the reader chose: the narrow layout of a phone, and which bands of a flood are unfolded into their arrows.
     *
     * @param open the {@link Band#id()}s shown one by one
     */
    public record Options(boolean compact, Set<Integer> open) {
        /** What the SVG download draws and the page shows first: wide, every band folded. */
        public static final Options DEFAULT = new Options(false, Set.of());

        public Options {
            open = Set.copyOf(open);
        }
    }

    /**
     * A vertical line: an endpoint's timeline.
     *
     * @param address the endpoint's socket address, the block of the forged sources' addresses, or null (the attacker)
     */
    public record Lane(String id, double x, String address) {
        public Lane {
            x = px(x);
        }
    }

    /**
     * The baselines of a segment label's lines in the label's own frame (its anchor at the origin, x along the arrow):
     * the first above the arrow, a broken label's second below it. The one home of these numbers: {@link LabelFitting}
     * measures the labels' boxes there, and both drawings (ladder-view.js, {@link LadderSvgWriter}) read them from here.
     */
    public record LabelLines(double lift, double below) {
        /** The first line's baseline 5 px above the arrow, the second's 13 px below it: the arrow runs between the two lines. */
        public static final LabelLines DRAWN = new LabelLines(-5, 13);
    }

    /** Where a text starts or ends at its point, as SVG's text-anchor spells it. */
    public enum TextAnchor {
        START, END;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A point of the drawing. */
    public record Point(double x, double y) {
        public Point {
            x = px(x);
            y = px(y);
        }
    }

    /**
     * A segment's arrow from its sender's lane to the receiver's (or half-way, when lost), its label rotated
     * along it, starting {@link #LABEL_INSET} from the sender.
     *
     * @param lost          it never arrived: the arrow ends half-way with a cross
     * @param held          it waits in the network for the reader's decision (the sandbox): half-way too, with an open head
     * @param copyEnd       where a duplicated segment's second copy arrives; null for others
     * @param label         with symbolic numbers (J, K, u, v, w)
     * @param absoluteLabel the same with the 32-bit numbers, so the page switches without asking again
     * @param labelBreak    where {@code label} goes on onto a second line, drawn below the arrow: the index of the
     *                      space it breaks at, 0 when it is drawn on one line ({@link #labelBreak})
     * @param labelShown    how many characters of {@code label} are drawn: all, or its flags alone where it would
     *                      overlap another label ({@link LabelFitting}); the rest is in its accessible name
     * @param absoluteLabelBreak the same for {@code absoluteLabel}
     * @param absoluteLabelShown the same for {@code absoluteLabel}
     * @param extra         to or from a host other than client and server (a flood's)
     * @param sendStep      the index of the step that sends it, -1 for none
     */
    public record Segment(int id, String from, String to, double x1, double y1, double x2, double y2, boolean lost,
                         boolean held, Point copyEnd, String label, String absoluteLabel, int labelBreak, int labelShown, int absoluteLabelBreak,
                         int absoluteLabelShown, double labelX, double labelY, double labelAngle,
                         TextAnchor labelAnchor, SegmentFate fate, boolean retransmission, boolean injected, boolean extra,
                         int sendStep) {
        public Segment {
            x1 = px(x1);
            y1 = px(y1);
            x2 = px(x2);
            y2 = px(y2);
            labelX = px(labelX);
            labelY = px(labelY);
            labelAngle = px(labelAngle);
        }

        /** This segment with its labels cut as {@link LabelFitting} fitted them. */
        Segment fitted(LabelFitting.Fit symbolic, LabelFitting.Fit absolute) {
            return new Segment(id, from, to, x1, y1, x2, y2, lost, held, copyEnd, label, absoluteLabel, symbolic.cut(), symbolic.shown(),
                    absolute.cut(), absolute.shown(), labelX, labelY, labelAngle, labelAnchor, fate, retransmission, injected, extra, sendStep);
        }
    }

    /** An endpoint's state beside its lane: its initial state at the top ({@code stepIndex} -1), then each change. */
    public record StateLabel(String endpoint, String state, int stepIndex, double x, double y, TextAnchor anchor) {
        public StateLabel {
            x = px(x);
            y = px(y);
        }
    }

    /** An idle time longer than {@link #BREAK_MS}, drawn as a fixed gap labelled with its duration. */
    public record Break(double y1, double y2, long ms) {
        public Break {
            y1 = px(y1);
            y2 = px(y2);
        }
    }

    /** What a band holds of one flag combination going to one lane: how many segments, how many of them lost. */
    public record BandKind(String flags, String to, int n, int lost) {
    }

    /**
     * Segments to and from spoofed sources, drawn as one box with their count and kinds (folded), or as a header
     * above their arrows (open).
     *
     * @param id        its place among the trace's bands, as {@link Options#open()} names it
     * @param t0        when its first segment is sent (ms)
     * @param t1        when its last segment is sent (ms)
     * @param firstStep the index of its first step
     * @param lastStep  the index of its last step
     */
    public record Band(int id, boolean open, long t0, long t1, double y1, double y2, double x1, double x2, int count,
                       List<BandKind> kinds, int firstStep, int lastStep) {
        public Band {
            y1 = px(y1);
            y2 = px(y2);
            x1 = px(x1);
            x2 = px(x2);
        }
    }

    /**
     * A coordinate to 0.01 px, as the layout keeps it. Math.round is JavaScript's Math.round (half up), so a page that
     * rounds a sum of these numbers the same way (ladder-view.js's px) writes what {@link LadderSvgWriter} writes.
     */
    public static double px(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /**
     * Where a label too wide for {@code room} px is broken onto a second line: at its acknowledgement number (the
     * sequence number above the arrow, the acknowledgement below), else at its last space that leaves a first line
     * that fits; 0 when it fits, or has no space to break at. A retransmission's "↻", drawn from a wider font, counts
     * twice.
     */
    static int labelBreak(String label, double room) {
        if (width(label) <= room) {
            return 0;
        }
        int ack = label.indexOf(" ack=");
        if (ack > 0) {
            return ack;
        }
        int space = label.lastIndexOf(' ');
        while (space > 0 && width(label.substring(0, space)) > room) {
            space = label.lastIndexOf(' ', space - 1);
        }
        return Math.max(space, 0);
    }

    static double width(String text) {
        return (text.length() + (text.startsWith("↻") ? 1 : 0)) * LABEL_CHAR_WIDTH;
    }

    /** The layout of {@code trace} the page shows by default. */
    public static LadderLayout of(Trace trace) {
        return of(trace, Options.DEFAULT);
    }

    /** The layout of {@code trace} under the reader's options. */
    public static LadderLayout of(Trace trace, Options options) {
        return of(trace, options, Set.of());
    }

    /** The layout of a sandbox's trace, whose segments {@code held} (ids) have not arrived yet: not lost, waiting. */
    public static LadderLayout of(Trace trace, Options options, Set<Integer> held) {
        return new Builder(trace, options, held).build();
    }

    /** Height of an idle gap of dt ms (below BREAK_MS), before shrinking. */
    static double gapHeight(long dt) {
        if (dt <= 0) {
            return 0;
        }
        return Math.max(MIN_GAP_PX, dt <= LINEAR_MS ? dt * PX_PER_MS : LINEAR_MS * PX_PER_MS + (dt - LINEAR_MS) * TAIL_PX_PER_MS);
    }

    /** A state change of client or server (not of a flood's half-open entries). */
    private static boolean isStateChange(TraceStep step) {
        return step.peer() == null && HOSTS.contains(step.endpoint()) && step.stateBefore() != null
                && step.stateAfter() != null && !step.stateBefore().equals(step.stateAfter());
    }

    private static boolean isExtra(TraceSegment segment) {
        return !HOSTS.contains(segment.from()) || !HOSTS.contains(segment.to());
    }

    /**
     * The whole octets these IPv4 addresses share, as a block ("10.0.1.0/24"), or the one address; null for none.
     */
    static String addressBlock(List<String> ips) {
        List<List<String>> distinct = ips.stream().distinct().map(ip -> List.of(ip.split("\\.", -1))).toList();
        if (distinct.size() <= 1) {
            return distinct.isEmpty() ? null : String.join(".", distinct.get(0));
        }
        List<String> first = distinct.get(0);
        int n = 0;
        while (sameOctet(distinct, n)) {
            n++;
        }
        List<String> block = new ArrayList<>(first.subList(0, n));
        while (block.size() < 4) {
            block.add("0");
        }
        return String.join(".", block.subList(0, 4)) + "/" + n * 8;
    }

    private static boolean sameOctet(List<List<String>> addresses, int n) {
        List<String> first = addresses.get(0);
        return addresses.stream().allMatch(octets -> octets.size() > n && first.size() > n && octets.get(n).equals(first.get(n)));
    }

    /** A segment's steps: its first send, its arrivals (the second one of a duplicate), its first drop. */
    private static final class SegmentSteps {
        TraceStep send;
        final List<TraceStep> arrive = new ArrayList<>();
        TraceStep drop;

        TraceStep arrival(int n) {
            return arrive.size() > n ? arrive.get(n) : null;
        }
    }

    /** Where an arrow touches a lane (or the middle, for a loss) at a time; order = its step's index. */
    private static final class Event {
        final String lane;
        final long t;
        final int order;
        /** The sending of the segment this event is the arrival of, when both fall in one millisecond; else null. */
        Event sentInTheSameMillisecond;
        int slot;
        double y;

        Event(String lane, long t, TraceStep step, int fallbackOrder) {
            this.lane = lane;
            this.t = t;
            this.order = step != null ? step.index() : fallbackOrder;
        }
    }

    /** A band while laid out. */
    private static final class BandRows {
        final int id;
        final boolean open;
        final List<TraceSegment> segments = new ArrayList<>();
        double y1;
        double y2;

        long t0() {
            return segments.get(0).sentAt();
        }

        long t1() {
            return segments.get(segments.size() - 1).sentAt();
        }

        BandRows(int id, boolean open) {
            this.id = id;
            this.open = open;
        }

        /** y of a moment inside the band, in proportion to its time. */
        double yAt(long at) {
            double part = t1() > t0() ? (double) (at - t0()) / (t1() - t0()) : 0;
            return y1 + (y2 - y1) * Math.min(1, Math.max(0, part));
        }
    }

    /** One row down the page: a time with events (stacked in step order), or a band. */
    private static final class Row {
        final long t;
        final long end;
        final double height;
        final BandRows band;
        double y;

        Row(long t, long end, double height, BandRows band) {
            this.t = t;
            this.end = end;
            this.height = height;
            this.band = band;
        }
    }

    private record Plan(TraceSegment segment, String to, int index, Event sent, Event arrive, Event copy, Event drop) {
    }

    private static final class Builder {
        private final Trace trace;
        private final Options options;
        private final Set<Integer> held;
        private final double marginX;
        private final List<TraceSegment> segments;
        private final List<TraceStep> steps;
        private final Map<String, Double> laneX = new LinkedHashMap<>();
        private final Map<Integer, SegmentSteps> stepsOf = new HashMap<>();
        private long typicalDelay;

        Builder(Trace trace, Options options, Set<Integer> held) {
            this.trace = trace;
            this.options = options;
            this.held = held;
            this.marginX = options.compact() ? COMPACT_MARGIN_X : MARGIN_X;
            this.segments = trace.segments();
            this.steps = trace.steps();
        }

        private SegmentSteps stepsOf(TraceSegment segment) {
            return stepsOf.getOrDefault(segment.id(), new SegmentSteps());
        }

        private long dropAt(TraceSegment segment) {
            TraceStep drop = stepsOf(segment).drop;
            return drop != null ? drop.at() : segment.sentAt() + Math.round(typicalDelay / 2.0);
        }

        LadderLayout build() {
            // Client, server, the forged sources, then other senders (the attacker), in the order they first send.
            List<String> laneIds = new ArrayList<>(HOSTS);
            if (segments.stream().anyMatch(segment -> segment.to().equals(FORGED_LANE))) {
                laneIds.add(FORGED_LANE);
            }
            segments.stream().map(TraceSegment::from).filter(from -> !laneIds.contains(from)).distinct().forEach(laneIds::add);
            List<Lane> lanes = new ArrayList<>();
            for (int i = 0; i < laneIds.size(); i++) {
                double x = marginX + (i == 0 ? 0 : (options.compact() ? COMPACT_LANE_GAP : LANE_GAP) + (i - 1) * EXTRA_LANE_GAP);
                lanes.add(new Lane(laneIds.get(i), x, address(laneIds.get(i))));
                laneX.put(laneIds.get(i), x);
            }

            for (TraceStep step : steps) {
                if (step.segmentId() == null) {
                    continue;
                }
                SegmentSteps of = stepsOf.computeIfAbsent(step.segmentId(), id -> new SegmentSteps());
                if (step.kind() == StepKind.ARRIVE) {
                    of.arrive.add(step);
                } else if (step.kind() == StepKind.SEND && of.send == null) {
                    of.send = step;
                } else if (step.kind() == StepKind.DROP && of.drop == null) {
                    of.drop = step;
                }
            }
            List<Long> delays = segments.stream().filter(s -> s.arrivesAt() != null).map(s -> s.arrivesAt() - s.sentAt()).sorted().toList();
            typicalDelay = delays.isEmpty() ? 50 : delays.get(delays.size() >> 1);

            List<TraceStep> changes = steps.stream().filter(LadderLayout::isStateChange).toList();
            // When the taught connection does something: bands never reach across these times.
            TreeSet<Long> anchors = new TreeSet<>();
            changes.forEach(step -> anchors.add(step.at()));
            anchors.add(steps.isEmpty() ? 0 : steps.get(0).at());
            anchors.add(steps.isEmpty() ? 0 : steps.get(steps.size() - 1).at());
            for (TraceSegment segment : segments) {
                if (isExtra(segment)) {
                    continue;
                }
                anchors.add(segment.sentAt());
                anchors.add(segment.arrivesAt() != null ? segment.arrivesAt() : dropAt(segment));
                if (segment.copyArrivesAt() != null) {
                    anchors.add(segment.copyArrivesAt());
                }
            }
            List<BandRows> bands = bandsOf(List.copyOf(anchors));
            Map<Integer, BandRows> folded = new HashMap<>();
            for (BandRows band : bands) {
                if (!band.open) {
                    band.segments.forEach(segment -> folded.put(segment.id(), band));
                }
            }

            List<Event> events = new ArrayList<>();
            List<Plan> plans = new ArrayList<>();
            for (int index = 0; index < segments.size(); index++) {
                TraceSegment segment = segments.get(index);
                if (folded.containsKey(segment.id())) {
                    continue;
                }
                SegmentSteps of = stepsOf(segment);
                int base = index * 4 - 1_000_000_000; // when a step is missing
                String to = segment.to();
                Event sent = add(events, new Event(segment.from(), segment.sentAt(), of.send, base));
                Event arrive = segment.arrivesAt() == null ? null
                        : add(events, new Event(to, segment.arrivesAt(), of.arrival(0), base + 1));
                Event copy = segment.copyArrivesAt() == null ? null
                        : add(events, new Event(to, segment.copyArrivesAt(), of.arrival(1), base + 2));
                Event drop = segment.arrivesAt() != null ? null
                        : add(events, new Event(segment.from() + ">" + to, dropAt(segment), of.drop, base + 3));
                for (Event arrival : new Event[] {arrive, copy}) {
                    if (arrival != null && arrival.t == sent.t) {
                        arrival.sentInTheSameMillisecond = sent;
                    }
                }
                plans.add(new Plan(segment, to, index, sent, arrive, copy, drop));
            }

            // Rows down the page: one per time with events (each lane's events at that time stacked in step order), one
            // per band. A segment that arrives in the millisecond it was sent (a capture on loopback or a LAN) arrives a
            // slot below its sending, so that its arrow slopes down and segments crossing in that millisecond stay apart.
            Map<Long, List<Event>> atTimes = new HashMap<>();
            for (Event event : events) {
                atTimes.computeIfAbsent(event.t, t -> new ArrayList<>()).add(event);
            }
            Map<Long, Double> thickness = new HashMap<>();
            for (List<Event> atTime : atTimes.values()) {
                atTime.sort(Comparator.comparingInt(event -> event.order));
                Map<String, Integer> nextSlot = new HashMap<>();
                int deepest = 0;
                for (Event event : atTime) {
                    int slot = nextSlot.getOrDefault(event.lane, 0);
                    if (event.sentInTheSameMillisecond != null) {
                        slot = Math.max(slot, event.sentInTheSameMillisecond.slot + 1);
                    }
                    event.slot = slot;
                    nextSlot.put(event.lane, slot + 1);
                    deepest = Math.max(deepest, slot);
                }
                thickness.put(atTime.get(0).t, deepest * SLOT_HEIGHT);
            }
            Set<Long> times = new LinkedHashSet<>();
            events.forEach(event -> times.add(event.t));
            times.addAll(anchors);
            List<Row> rows = new ArrayList<>();
            times.forEach(t -> rows.add(new Row(t, t, thickness.getOrDefault(t, 0.0), null)));
            bands.forEach(band -> rows.add(band.open ? new Row(band.t0(), band.t0(), BAND_HEADER + 2 * BAND_PAD, band)
                    : new Row(band.t0(), band.t1(), BAND_HEIGHT + 2 * BAND_PAD, band)));
            rows.sort(Comparator.<Row>comparingLong(row -> row.t).thenComparing(row -> row.band != null));

            long[] gaps = new long[Math.max(0, rows.size() - 1)];
            double natural = 0;
            for (int i = 0; i < gaps.length; i++) {
                gaps[i] = Math.max(0, rows.get(i + 1).t - rows.get(i).end);
                natural += gaps[i] > BREAK_MS ? 0 : gapHeight(gaps[i]);
            }
            double shrink = Math.min(1, MAX_GAPS_HEIGHT / (natural == 0 ? 1 : natural));
            Map<Long, Double> rowY = new HashMap<>();
            List<Break> breaks = new ArrayList<>();
            double y = HEADER_HEIGHT + TOP_PAD;
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                row.y = y;
                if (row.band != null) {
                    row.band.y1 = y + BAND_PAD;
                    row.band.y2 = y + row.height - BAND_PAD;
                } else {
                    rowY.put(row.t, y);
                }
                y += row.height;
                long dt = i < gaps.length ? gaps[i] : 0;
                if (dt > BREAK_MS) {
                    breaks.add(new Break(y, y + BREAK_HEIGHT, dt));
                    y += BREAK_HEIGHT;
                } else if (dt > 0) {
                    y += Math.max(MIN_GAP_PX, gapHeight(dt) * shrink);
                }
            }
            for (Event event : events) {
                event.y = rowY.get(event.t) + event.slot * SLOT_HEIGHT;
            }
            double[] stepY = stepY(rows, rowY, folded, events);

            SegmentLabels labels = SegmentLabels.of(trace);
            List<Segment> unfitted = plans.stream().map(plan -> segment(plan, labels)).toList();
            List<LabelFitting.Fit> symbolic = LabelFitting.fit(unfitted.stream().map(segment -> placed(segment, segment.label())).toList());
            List<LabelFitting.Fit> absolute = LabelFitting.fit(unfitted.stream().map(segment -> placed(segment, segment.absoluteLabel())).toList());
            List<Segment> drawn = new ArrayList<>();
            for (int i = 0; i < unfitted.size(); i++) {
                drawn.add(unfitted.get(i).fitted(symbolic.get(i), absolute.get(i)));
            }
            double last = lanes.get(lanes.size() - 1).x();
            return new LadderLayout(last + (lanes.size() > HOSTS.size() ? EXTRA_MARGIN_X : marginX), laneX.get("server") + marginX,
                    y + FOOTER_HEIGHT, HEADER_HEIGHT, y, List.copyOf(lanes), List.copyOf(drawn), stateLabels(changes, stepY),
                    List.copyOf(breaks), bands.stream().map(this::band).toList(), Arrays.stream(stepY).boxed().toList(), LabelLines.DRAWN);
        }

        /** A lane's address: its endpoint's socket, the block of the addresses sent to the forged sources, else null. */
        private String address(String lane) {
            if (lane.equals(FORGED_LANE)) {
                return addressBlock(segments.stream().filter(segment -> segment.to().equals(FORGED_LANE))
                        .map(segment -> segment.dst().replaceFirst(":\\d+$", "")).toList());
            }
            TraceEndpoint endpoint = trace.endpoints().get(lane);
            return endpoint == null ? null : endpoint.address() + ":" + endpoint.port();
        }

        private static Event add(List<Event> events, Event event) {
            events.add(event);
            return event;
        }

        /**
         * Segments to and from other hosts (a flood's spoofed sources) in bands: consecutive ones, never across
         * an anchor (sorted), at most BAND_MAX each. Few are not banded.
         */
        private List<BandRows> bandsOf(List<Long> anchors) {
            List<TraceSegment> extra = segments.stream().filter(LadderLayout::isExtra).toList();
            List<BandRows> bands = new ArrayList<>();
            if (extra.size() <= INLINE_EXTRA) {
                return bands;
            }
            BandRows band = null;
            int a = 0;
            for (TraceSegment segment : extra) {
                boolean moved = false;
                while (a < anchors.size() && anchors.get(a) <= segment.sentAt()) {
                    a++;
                    moved = true;
                }
                if (band == null || moved || band.segments.size() >= BAND_MAX) {
                    band = new BandRows(bands.size(), options.open().contains(bands.size()));
                    bands.add(band);
                }
                band.segments.add(segment);
            }
            return bands;
        }

        /**
         * y of every step: where its event is drawn; in a band, in proportion to its time; else the row of its time
         * (or the last one before it).
         */
        private double[] stepY(List<Row> rows, Map<Long, Double> rowY, Map<Integer, BandRows> folded, List<Event> events) {
            double[] stepY = new double[steps.size()];
            int k = 0;
            for (int s = 0; s < steps.size(); s++) {
                TraceStep step = steps.get(s);
                while (k + 1 < rows.size() && rows.get(k + 1).t <= step.at()) {
                    k++;
                }
                BandRows band = step.segmentId() == null ? null : folded.get(step.segmentId());
                Row row = rows.get(k);
                if (band != null) {
                    stepY[s] = band.yAt(step.at());
                } else if (row.band != null && !row.band.open && step.at() <= row.end && (step.peer() != null || step.at() > row.t)) {
                    stepY[s] = row.band.yAt(step.at());
                } else {
                    for (int j = k; row.band != null && j > 0 && rows.get(j - 1).t == row.t; ) {
                        row = rows.get(--j); // the events' row at that time
                    }
                    stepY[s] = row.band != null ? row.y : rowY.get(row.t);
                }
            }
            for (Event event : events) {
                if (event.order >= 0) {
                    stepY[event.order] = event.y;
                }
            }
            return stepY;
        }

        private Segment segment(Plan plan, SegmentLabels labels) {
            TraceSegment segment = plan.segment();
            SegmentSteps of = stepsOf(segment);
            double y1 = plan.sent().y;
            double y2 = (plan.arrive() != null ? plan.arrive() : plan.drop()).y;
            double x1 = laneX.get(segment.from());
            double x2 = plan.arrive() != null ? laneX.get(plan.to()) : (x1 + laneX.get(plan.to())) / 2;
            double length = Math.hypot(x2 - x1, y2 - y1);
            double f = Math.min(0.5, LABEL_INSET / (length == 0 ? 1 : length));
            double angle = Math.toDegrees(Math.atan((y2 - y1) / (x2 - x1))); // upright text in both directions
            Point copyEnd = plan.copy() == null ? null : new Point(laneX.get(plan.to()), plan.copy().y);
            boolean waiting = plan.arrive() == null && held.contains(segment.id());
            String label = labels.label(plan.index());
            String absolute = labels.absoluteLabel(plan.index());
            return new Segment(segment.id(), segment.from(), plan.to(), x1, y1, x2, y2, plan.arrive() == null && !waiting, waiting, copyEnd,
                    label, absolute, 0, label.length(), 0, absolute.length(), x1 + (x2 - x1) * f, y1 + (y2 - y1) * f,
                    angle, x2 >= x1 ? TextAnchor.START : TextAnchor.END, segment.fate(),
                    segment.retransmission(), segment.injected(), isExtra(segment), of.send != null ? of.send.index() : -1);
        }

        /**
         * A segment's label where it is drawn, with its room along the arrow: between the inset from the sender's lane
         * and as much before the receiver's (the wide layout's gaps hold any label on one line, as the SVG download
         * draws it, unless it meets another), and on the sender's half of the gap.
         */
        private LabelFitting.Placed placed(Segment segment, String text) {
            double gap = Math.abs(laneX.get(segment.to()) - segment.x1());
            double cos = Math.cos(Math.toRadians(segment.labelAngle()));
            double room = options.compact() ? (gap - 2 * LABEL_INSET) / cos : Double.POSITIVE_INFINITY;
            return new LabelFitting.Placed(text, segment.labelX(), segment.labelY(), segment.labelAngle(),
                    segment.labelAnchor() == TextAnchor.START, room, (gap / 2 - LABEL_INSET - LabelFitting.HALF_MARGIN) / cos);
        }

        /** State labels beside the lanes: the initial state at the top, then every change, never overlapping. */
        private List<StateLabel> stateLabels(List<TraceStep> changes, double[] stepY) {
            List<StateLabel> labels = new ArrayList<>();
            Map<String, Double> lastY = new HashMap<>();
            for (String endpoint : HOSTS) {
                String initial = steps.stream().filter(step -> step.peer() == null && endpoint.equals(step.endpoint()) && step.stateBefore() != null)
                        .findFirst().map(TraceStep::stateBefore)
                        .orElse(steps.isEmpty() ? null : steps.get(0).states().get(endpoint));
                if (initial != null) {
                    labels.add(place(lastY, endpoint, initial, HEADER_HEIGHT + 2, -1));
                }
            }
            for (TraceStep change : changes) {
                labels.add(place(lastY, change.endpoint(), change.stateAfter(), stepY[change.index()], change.index()));
            }
            return List.copyOf(labels);
        }

        private StateLabel place(Map<String, Double> lastY, String endpoint, String state, double y0, int stepIndex) {
            boolean left = endpoint.equals("client");
            double y = Math.max(y0, lastY.getOrDefault(endpoint, -1e9) + STATE_LABEL_SPACING);
            lastY.put(endpoint, y);
            return new StateLabel(endpoint, state, stepIndex,
                    laneX.get(endpoint) + (left ? -STATE_LABEL_OFFSET : STATE_LABEL_OFFSET), y, left ? TextAnchor.END : TextAnchor.START);
        }

        private Band band(BandRows band) {
            Map<List<String>, int[]> kinds = new LinkedHashMap<>(); // [flags, lane] -> {n, lost}
            double x1 = Double.MAX_VALUE; // the leftmost lane its segments touch
            double x2 = laneX.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow(); // the last lane: room for its words
            for (TraceSegment segment : band.segments) {
                int[] kind = kinds.computeIfAbsent(List.of(SegmentLabels.flagText(segment.flags()), segment.to()), key -> new int[2]);
                kind[0]++;
                if (segment.arrivesAt() == null) {
                    kind[1]++;
                }
                for (String endpoint : List.of(segment.from(), segment.to())) {
                    x1 = Math.min(x1, laneX.get(endpoint));
                }
            }
            Set<Integer> ids = band.segments.stream().map(TraceSegment::id).collect(Collectors.toSet());
            IntSummaryStatistics bandSteps = steps.stream().filter(step -> ids.contains(step.segmentId()))
                    .mapToInt(TraceStep::index).summaryStatistics();
            return new Band(band.id, band.open, band.t0(), band.t1(), band.y1, band.y2, x1, x2, band.segments.size(),
                    kinds.entrySet().stream().map(e -> new BandKind(e.getKey().get(0), e.getKey().get(1), e.getValue()[0], e.getValue()[1])).toList(),
                    bandSteps.getMin(), bandSteps.getMax());
        }
    }
}
