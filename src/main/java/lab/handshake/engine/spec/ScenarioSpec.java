package lab.handshake.engine.spec;

import java.util.List;
import java.util.Map;

/**
 * A scenario specification, as the catalogue files under {@code content/scenarios/} hold it, {@code GET
 * /api/scenarios/{id}} returns it and {@code POST /api/traces} accepts it. Everything left out takes its
 * default: the profile's parameters, no faults, no injected segments.
 */
public record ScenarioSpec(
        String id,
        Map<String, String> title,
        Map<String, String> summary,
        List<String> tags,
        String profile,
        ScenarioParams params,
        List<ActionSpec> actions,
        List<FaultSpec> faults,
        List<InjectSpec> inject,
        Long untilMs) {

    public ScenarioParams paramsOrEmpty() {
        return params == null ? ScenarioParams.EMPTY : params;
    }

    public List<ActionSpec> actionsOrEmpty() {
        return actions == null ? List.of() : actions;
    }

    public List<FaultSpec> faultsOrEmpty() {
        return faults == null ? List.of() : faults;
    }

    public List<InjectSpec> injectOrEmpty() {
        return inject == null ? List.of() : inject;
    }
}
