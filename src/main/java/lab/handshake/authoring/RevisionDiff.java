package lab.handshake.authoring;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;

/**
 * What changed between two texts of an item, line by line, as a unified diff with a few lines of context
 * (java-diff-utils), for the history page: a teacher sees what restoring a revision would change.
 */
public final class RevisionDiff {
    private static final int CONTEXT_LINES = 3;

    /** One line of the diff: {@code kind} is added, removed, same, or hunk (a "@@ … @@" position line). */
    public record Line(String kind, String text) {
    }

    private RevisionDiff() {
    }

    /** The lines that turn {@code from} into {@code to}; empty when the texts are the same. */
    public static List<Line> between(String from, String to) {
        List<String> original = from.lines().toList();
        List<String> revised = to.lines().toList();
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("from", "to", original, DiffUtils.diff(original, revised), CONTEXT_LINES);
        // The first two lines name the files ("--- from", "+++ to").
        return unified.stream().skip(2).map(RevisionDiff::line).toList();
    }

    private static Line line(String unified) {
        if (unified.startsWith("@@")) {
            return new Line("hunk", unified);
        }
        String text = unified.isEmpty() ? "" : unified.substring(1);
        return switch (unified.isEmpty() ? ' ' : unified.charAt(0)) {
            case '+' -> new Line("added", text);
            case '-' -> new Line("removed", text);
            default -> new Line("same", text);
        };
    }
}
