package lab.handshake.scenario;

import java.util.List;

/** A catalogue entry as {@code GET /api/scenarios} lists it, in the requested language. */
public record ScenarioSummary(String id, String title, String summary, List<String> tags) {
}
