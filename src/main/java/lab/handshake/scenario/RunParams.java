package lab.handshake.scenario;

import jakarta.ws.rs.QueryParam;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.ScenarioSpec;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * What a catalogue scenario's run may be asked to change (ISNs, seed, profile), taken as one {@code @BeanParam}
 * by its trace and its ladder; a value out of range is a 400 naming its parameter.
 */
public class RunParams {
    private static final long MAX_ISN = 0xFFFF_FFFFL;

    @Parameter(description = "client ISN, 0 … 4294967295")
    @QueryParam("clientIsn")
    String clientIsn;

    @Parameter(description = "server ISN, 0 … 4294967295")
    @QueryParam("serverIsn")
    String serverIsn;

    @Parameter(description = "seed of the simulation's random choices")
    @QueryParam("seed")
    String seed;

    @Parameter(description = "rfc9293 or linux")
    @QueryParam("profile")
    String profile;

    /** The run's overrides of the scenario's own values (a value equal to the scenario's own is none). */
    public ScenarioRunner.Overrides overrides(ScenarioSpec spec) {
        return new ScenarioRunner.Overrides(profile(profile), isn("clientIsn", clientIsn), isn("serverIsn", serverIsn), seed(seed))
                .beyond(spec);
    }

    private static Long isn(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            long isn = Long.parseLong(value.trim());
            if (isn >= 0 && isn <= MAX_ISN) {
                return isn;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Refusal.badParameter(name, words -> words.whole_number_from_to(0, 4294967295L));
    }

    private static Long seed(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw Refusal.badParameter("seed", ProblemMessages::long_number);
        }
    }

    private static String profile(String value) {
        if (value != null && !value.equals("rfc9293") && !value.equals("linux")) {
            throw Refusal.badParameter("profile", words -> words.must_be_either("rfc9293", "linux"));
        }
        return value;
    }
}
