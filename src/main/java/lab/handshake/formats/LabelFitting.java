package lab.handshake.formats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Where each segment's label is cut so that no two labels of a ladder overlap: segments sent at one moment from both
 * ends (a simultaneous open or close, data both ways at once) cross in the middle of the gap, and labels written
 * along them from their senders meet there; segments sent one after the other in a millisecond run a slot apart.
 * A label that overlaps another is drawn, one step at a time while it still does: broken at the half of the gap on
 * its sender's side (so that crossing labels stay on their own sides), then its first line alone (flags and seq),
 * then its flags alone; what is not drawn stays in its accessible name and the inspector. Every label of an
 * overlapping pair takes the step at once, so that the two read alike.
 */
final class LabelFitting {
    /** A label line's box above and below its baseline: the 11.5 px monospace font (simulator.css) with its halo. */
    static final double ASCENT = 11;
    static final double DESCENT = 3;
    /** Where the lines are drawn, as the layout sends it to both drawings. */
    private static final LadderLayout.LabelLines LINES = LadderLayout.LabelLines.DRAWN;
    /** How far before the middle of the gap a label broken at its half ends. */
    static final double HALF_MARGIN = 4;

    private LabelFitting() {
    }

    /**
     * A label as drawn: its anchor, the arrow's angle (degrees), whether it runs from the anchor towards the receiver
     * ({@code forward}: SVG's text-anchor start), the room along the arrow for a line of it and the room on its sender's
     * half of the gap.
     */
    record Placed(String text, double x, double y, double angle, boolean forward, double room, double halfRoom) {
    }

    /**
     * How a label is drawn: {@code cut} where its second line starts (0: one line, {@link LadderLayout#labelBreak}),
     * {@code shown} how many of its characters are drawn (its length, or its flags alone).
     */
    record Fit(int cut, int shown) {
    }

    /** The fits of {@code labels}, in their order. */
    static List<Fit> fit(List<Placed> labels) {
        List<List<Fit>> steps = labels.stream().map(LabelFitting::steps).toList();
        int[] taken = new int[labels.size()];
        List<Fit> fits = fits(steps, taken);
        for (Set<Integer> overlapping = overlapping(labels, fits); !overlapping.isEmpty(); overlapping = overlapping(labels, fits)) {
            List<Integer> movable = overlapping.stream().filter(i -> taken[i] < steps.get(i).size() - 1).toList();
            if (movable.isEmpty()) {
                break; // flags alone still touch (segments one slot apart at a steep angle): left as they are
            }
            movable.forEach(i -> taken[i]++);
            fits = fits(steps, taken);
        }
        return fits;
    }

    /** A label's ways of being drawn, the whole first: in its room, broken at its half, its first line, its flags. */
    private static List<Fit> steps(Placed label) {
        String text = label.text();
        Fit whole = new Fit(LadderLayout.labelBreak(text, label.room()), text.length());
        Fit half = new Fit(LadderLayout.labelBreak(text, label.halfRoom()), text.length());
        int cut = half.cut() > 0 ? half.cut() : whole.cut();
        Fit firstLine = new Fit(0, cut > 0 ? cut : text.length());
        return List.of(whole, half, firstLine, new Fit(0, flagsEnd(text)));
    }

    private static List<Fit> fits(List<List<Fit>> steps, int[] taken) {
        List<Fit> fits = new ArrayList<>();
        for (int i = 0; i < taken.length; i++) {
            fits.add(steps.get(i).get(taken[i]));
        }
        return List.copyOf(fits);
    }

    /** The end of a label's flags (and its retransmission mark): where " seq=" starts, every label having one. */
    static int flagsEnd(String label) {
        int seq = label.indexOf(" seq=");
        return seq > 0 ? seq : label.length();
    }

    /** The labels that overlap another: compared only with those whose boxes reach the same heights (a sweep down the page). */
    private static Set<Integer> overlapping(List<Placed> labels, List<Fit> fits) {
        List<List<double[][]>> boxes = new ArrayList<>();
        double[][] heights = new double[labels.size()][];
        for (int i = 0; i < labels.size(); i++) {
            boxes.add(boxes(labels.get(i), fits.get(i)));
            heights[i] = new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (double[][] box : boxes.get(i)) {
                for (double[] corner : box) {
                    heights[i][0] = Math.min(heights[i][0], corner[1]);
                    heights[i][1] = Math.max(heights[i][1], corner[1]);
                }
            }
        }
        List<Integer> down = IntStream.range(0, labels.size()).boxed().sorted(Comparator.comparingDouble(i -> heights[i][0])).toList();
        Set<Integer> overlapping = new HashSet<>();
        for (int a = 0; a < down.size(); a++) {
            int i = down.get(a);
            for (int b = a + 1; b < down.size() && heights[down.get(b)][0] < heights[i][1]; b++) {
                int j = down.get(b);
                if (touch(boxes.get(i), boxes.get(j))) {
                    overlapping.add(i);
                    overlapping.add(j);
                }
            }
        }
        return overlapping;
    }

    /** The corners of each line's box in the drawing. */
    private static List<double[][]> boxes(Placed label, Fit fit) {
        String shown = label.text().substring(0, fit.shown());
        List<double[][]> boxes = new ArrayList<>();
        if (fit.cut() > 0) {
            boxes.add(box(label, shown.substring(0, fit.cut()), LINES.lift()));
            boxes.add(box(label, shown.substring(fit.cut()), LINES.below()));
        } else {
            boxes.add(box(label, shown, LINES.lift()));
        }
        return boxes;
    }

    private static double[][] box(Placed label, String line, double baseline) {
        double w = LadderLayout.width(line);
        double u0 = label.forward() ? 0 : -w;
        double a = Math.toRadians(label.angle());
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        double[][] corners = new double[4][];
        double[][] local = {{u0, baseline - ASCENT}, {u0 + w, baseline - ASCENT}, {u0 + w, baseline + DESCENT}, {u0, baseline + DESCENT}};
        for (int k = 0; k < 4; k++) {
            double u = local[k][0];
            double v = local[k][1];
            corners[k] = new double[] {label.x() + u * cos - v * sin, label.y() + u * sin + v * cos};
        }
        return corners;
    }

    private static boolean touch(List<double[][]> a, List<double[][]> b) {
        return a.stream().anyMatch(p -> b.stream().anyMatch(q -> intersect(p, q)));
    }

    /** Whether two convex quadrilaterals overlap: no edge of either separates them (the separating axis theorem). */
    static boolean intersect(double[][] p, double[][] q) {
        for (double[][] shape : new double[][][] {p, q}) {
            for (int k = 0; k < 4; k++) {
                double nx = shape[(k + 1) % 4][1] - shape[k][1];
                double ny = shape[k][0] - shape[(k + 1) % 4][0];
                double[] sp = project(p, nx, ny);
                double[] sq = project(q, nx, ny);
                if (sp[1] <= sq[0] || sq[1] <= sp[0]) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double[] project(double[][] shape, double nx, double ny) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] corner : shape) {
            double d = corner[0] * nx + corner[1] * ny;
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        return new double[] {min, max};
    }
}
