package lab.handshake.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import lab.handshake.engine.spec.ScenarioParams;
import lab.handshake.engine.spec.ScenarioSpec;
import org.junit.jupiter.api.Test;

/**
 * A request's overrides of a catalogue scenario name one run whether or not they repeat the scenario's own values,
 * so that one run has one cache key: the simulator always names its profile.
 */
class OverridesTest {
    /** A textbook scenario (no profile named: rfc9293) with its own ISNs and no seed (the default seed). */
    private static final ScenarioSpec TEXTBOOK = new ScenarioSpec("s", Map.of("en", "S"), null, null, null,
            ScenarioParams.EMPTY.withOverrides(1000L, 5000L, null), List.of(), List.of(), List.of(), null);
    private static final ScenarioSpec LINUX = new ScenarioSpec("s", Map.of("en", "S"), null, null, "linux",
            ScenarioParams.EMPTY.withOverrides(null, null, 42L), List.of(), List.of(), List.of(), null);

    @Test
    void theScenariosOwnProfileIsnsAndSeedNamedInARequestAreNoOverride() {
        assertEquals(ScenarioRunner.Overrides.NONE,
                new ScenarioRunner.Overrides("rfc9293", 1000L, 5000L, ScenarioRunner.DEFAULT_SEED).beyond(TEXTBOOK));
        assertEquals(ScenarioRunner.Overrides.NONE,
                new ScenarioRunner.Overrides("linux", null, null, 42L).beyond(LINUX));
    }

    @Test
    void otherValuesStayOverrides() {
        ScenarioRunner.Overrides other = new ScenarioRunner.Overrides("linux", 1001L, 5000L, 7L);
        assertEquals(new ScenarioRunner.Overrides("linux", 1001L, null, 7L), other.beyond(TEXTBOOK));
        assertEquals(new ScenarioRunner.Overrides("rfc9293", 1000L, 5000L, null),
                new ScenarioRunner.Overrides("rfc9293", 1000L, 5000L, 42L).beyond(LINUX));
    }

    /** What is left out changes nothing: the run is the same, segment for segment. */
    @Test
    void aRunWithTheOverridesLeftOutIsTheSameRun() {
        ScenarioRunner.Overrides named = new ScenarioRunner.Overrides("rfc9293", 1000L, 5000L, ScenarioRunner.DEFAULT_SEED);
        assertEquals(ScenarioRunner.Setup.of(TEXTBOOK, named), ScenarioRunner.Setup.of(TEXTBOOK, named.beyond(TEXTBOOK)));
    }
}
