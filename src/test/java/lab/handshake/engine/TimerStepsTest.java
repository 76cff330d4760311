package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;

/** What the trace says about timers: each step a change a student can see. */
class TimerStepsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * A server that answers a request with 64 KB: after an ACK it sends two segments, and each send asks for the tail
     * loss probe (RFC 8985 §7.2) at a moment it is often already set for. Setting a pending timer to its own expiry
     * changes nothing (mod_timer() returns at once, kernel/time/timer.c), so the trace shows no step for it.
     */
    @Test
    void aTimerSetAgainForTheMomentItIsAlreadySetFor_addsNoStep_asModTimerChangesNothing() throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: download
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {on: established, delayMs: 100, host: client, call: send, bytes: 100}
                  - {on: data, host: server, call: send, bytes: 65535}
                """, ScenarioSpec.class);
        Trace trace = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);

        Map<String, String> pending = new HashMap<>();
        List<String> repeated = new ArrayList<>();
        int armed = 0;
        for (TraceStep step : trace.steps()) {
            if (step.kind() == StepKind.TIMER_ARMED) {
                armed++;
                String timer = step.endpoint() + " " + step.detail().split(" ")[0];
                if (step.detail().equals(pending.put(timer, step.detail()))) {
                    repeated.add(step.index() + ": " + step.endpoint() + " " + step.detail());
                }
            } else if (step.kind() == StepKind.TIMER_FIRED || step.kind() == StepKind.TIMER_CANCELLED) {
                pending.remove(step.endpoint() + " " + step.detail().split(" ")[0]);
            }
        }
        assertTrue(armed > 20, "the download sets its timers many times: " + armed);
        assertEquals(List.of(), repeated, "timer steps that change nothing");
    }
}
