package lab.handshake.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;

/**
 * The ladder diagram of a trace as a standalone SVG for slides: one lane per endpoint, time flowing down,
 * each segment from its send point to its arrival point with its flags and symbolic numbers, lost segments
 * ending half-way with a cross, states written where they change. Long idle gaps (TIME-WAIT) are drawn as a
 * short labelled break.
 */
public final class LadderSvgWriter {
    private static final int TOP = 70;
    private static final int LANE_LEFT = 180;
    private static final int LANE_GAP = 420;
    private static final double PIXELS_PER_MS = 0.9;
    private static final int MAX_GAP_PIXELS = 90;
    private static final int BREAK_PIXELS = 36;
    private static final long BREAK_MS = 2_000;
    private static final int MAX_ATTACKER_SEGMENTS = 40;
    private static final String FONT = "font-family=\"system-ui, sans-serif\"";

    private LadderSvgWriter() {
    }

    public static String write(Trace trace) {
        List<TraceSegment> segments = new ArrayList<>();
        int attackerShown = 0;
        boolean attacker = false;
        for (TraceSegment segment : trace.segments()) {
            boolean ofAttacker = "attacker".equals(segment.from()) || "attacker".equals(segment.to());
            attacker |= ofAttacker;
            if (!ofAttacker || attackerShown++ < MAX_ATTACKER_SEGMENTS) {
                segments.add(segment);
            }
        }
        List<String> lanes = new ArrayList<>(List.of("client", "server"));
        if (attacker) {
            lanes.add("attacker");
        }
        TreeMap<Long, Double> y = timeScale(trace, segments);
        double bottom = y.values().stream().mapToDouble(Double::doubleValue).max().orElse(TOP) + 50;
        int width = LANE_LEFT * 2 + LANE_GAP * (lanes.size() - 1);

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%.0f\" viewBox=\"0 0 %d %.0f\" role=\"img\">%n",
                width, bottom, width, bottom));
        svg.append("<title>").append(escape(trace.title() == null ? "TCP trace" : trace.title())).append("</title>\n");
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        for (int i = 0; i < lanes.size(); i++) {
            int x = laneX(i);
            String name = lanes.get(i);
            String address = trace.endpoints().containsKey(name)
                    ? trace.endpoints().get(name).address() + ":" + trace.endpoints().get(name).port() : "spoofed addresses";
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"28\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"16\" %s>%s</text>%n",
                    x, FONT, escape(name)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"46\" text-anchor=\"middle\" font-size=\"12\" fill=\"#555\" %s>%s</text>%n",
                    x, FONT, escape(address)));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.0f\" stroke=\"#888\" stroke-width=\"2\"/>%n",
                    x, TOP - 10, x, bottom - 20));
        }
        drawBreaks(svg, y, width);
        for (TraceSegment segment : segments) {
            int from = laneX(lanes.indexOf(segment.from()));
            int to = laneX(lanes.indexOf(segment.to()));
            double y1 = y.get(segment.sentAt());
            boolean lost = segment.arrivesAt() == null;
            double y2 = lost ? y1 + 30 : y.get(segment.arrivesAt());
            double x2 = lost ? (from + to) / 2.0 : to;
            String stroke = "client".equals(segment.from()) ? "#1f5fbf" : "server".equals(segment.from()) ? "#b45309" : "#7c3aed";
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.6\"%s%s/>%n",
                    from, y1, x2, y2, stroke, lost ? " stroke-dasharray=\"6 4\"" : "", lost ? "" : " marker-end=\"url(#arrow)\""));
            if (lost) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"18\" fill=\"#b91c1c\" %s>✕</text>%n",
                        x2, y2 + 6, FONT));
            }
            double labelX = (from + x2) / 2.0;
            double labelY = (y1 + y2) / 2.0 - 6;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" %s>%s</text>%n",
                    labelX, labelY, FONT, escape(label(segment))));
        }
        for (TraceStep step : trace.steps()) {
            int lane = lanes.indexOf(step.endpoint());
            if (lane < 0 || lane > 1 || step.peer() != null || step.stateBefore() == null || step.stateBefore().equals(step.stateAfter())) {
                continue;
            }
            double atY = y.getOrDefault(step.at(), nearest(y, step.at()));
            boolean left = lane == 0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"12\" font-weight=\"bold\" %s>%s</text>%n",
                    laneX(lane) + (left ? -10 : 10), atY + 4, left ? "end" : "start", FONT, escape(step.stateAfter())));
        }
        return svg.append("</svg>\n").toString();
    }

    /** "SYN,ACK seq=K ack=J+1 len=100 (retransmission)". */
    private static String label(TraceSegment segment) {
        StringBuilder text = new StringBuilder(String.join(",", segment.flags()));
        text.append(" seq=").append(segment.seqSymbolic() != null ? segment.seqSymbolic() : Long.toString(segment.seq()));
        if (segment.ack() != null) {
            text.append(" ack=").append(segment.ackSymbolic() != null ? segment.ackSymbolic() : Long.toString(segment.ack()));
        }
        if (segment.len() > 0) {
            text.append(" len=").append(segment.len());
        }
        if (segment.retransmission()) {
            text.append(" ↻");
        }
        return text.toString();
    }

    /** y for every instant something happens; gaps grow with time but are capped, long ones become breaks. */
    private static TreeMap<Long, Double> timeScale(Trace trace, List<TraceSegment> segments) {
        TreeSet<Long> times = new TreeSet<>();
        for (TraceSegment segment : segments) {
            times.add(segment.sentAt());
            if (segment.arrivesAt() != null) {
                times.add(segment.arrivesAt());
            }
        }
        for (TraceStep step : trace.steps()) {
            if (step.peer() == null && step.stateBefore() != null && !step.stateBefore().equals(step.stateAfter())) {
                times.add(step.at());
            }
        }
        TreeMap<Long, Double> y = new TreeMap<>();
        double position = TOP;
        Long previous = null;
        for (long time : times) {
            if (previous != null) {
                long gap = time - previous;
                position += gap > BREAK_MS ? BREAK_PIXELS + 20 : Math.min(MAX_GAP_PIXELS, Math.max(14, gap * PIXELS_PER_MS));
            }
            y.put(time, position);
            previous = time;
        }
        return y;
    }

    private static void drawBreaks(StringBuilder svg, Map<Long, Double> y, int width) {
        Long previous = null;
        for (Map.Entry<Long, Double> entry : y.entrySet()) {
            if (previous != null && entry.getKey() - previous > BREAK_MS) {
                double middle = entry.getValue() - (BREAK_PIXELS + 20) / 2.0;
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" fill=\"#555\" font-style=\"italic\" %s>… %s …</text>%n",
                        width / 2, middle, FONT, duration(entry.getKey() - previous)));
            }
            previous = entry.getKey();
        }
    }

    private static double nearest(TreeMap<Long, Double> y, long at) {
        Map.Entry<Long, Double> floor = y.floorEntry(at);
        return floor != null ? floor.getValue() : TOP;
    }

    private static String duration(long ms) {
        return ms >= 1_000 ? String.format(Locale.ROOT, "%.0f s", ms / 1000.0) : ms + " ms";
    }

    private static int laneX(int index) {
        return LANE_LEFT + index * LANE_GAP;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
