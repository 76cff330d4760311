package lab.handshake.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.util.List;
import lab.handshake.engine.trace.WireNamed;
import lab.handshake.engine.run.Sandbox;
import lab.handshake.engine.spec.ActionSpec;
import lab.handshake.engine.spec.FaultMatch;
import lab.handshake.engine.spec.FaultSpec;
import lab.handshake.engine.spec.FloodSpec;
import lab.handshake.engine.spec.InjectSpec;
import lab.handshake.engine.spec.ScenarioParams;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.SegmentFate;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.TraceOption;

/**
 * A scenario specification is written back without its unset (null) fields, so what the API returns is what
 * the catalogue file says. Traces keep their nulls: {@code "ack": null} means "no ACK bit" in the contract.
 * The engine stays free of Jackson annotations, hence the mix-ins; they also write the engine's typed words
 * (a step's kind, a segment's fate) by their wire names.
 */
@Singleton
public class JsonConfiguration implements ObjectMapperCustomizer {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private interface OmitNulls {
    }

    private interface ByWireName {
        @JsonValue
        String wireName();
    }

    /** The types written without their null fields (the OpenAPI document marks the others' as nullable). */
    public static final List<Class<?>> OMITS_NULLS = List.of(ScenarioSpec.class, ScenarioParams.class, ActionSpec.class,
            FaultSpec.class, FaultMatch.class, InjectSpec.class, FloodSpec.class, Sandbox.Move.class, TraceOption.class);

    /** The engine's words a trace carries, written by their wire names (and so listed in the OpenAPI document). */
    public static final List<Class<? extends WireNamed>> BY_WIRE_NAME = List.of(StepKind.class, SegmentFate.class,
            OptionKind.class);

    @Override
    public void customize(ObjectMapper mapper) {
        for (Class<?> type : OMITS_NULLS) {
            mapper.addMixIn(type, OmitNulls.class);
        }
        for (Class<?> type : BY_WIRE_NAME) {
            mapper.addMixIn(type, ByWireName.class);
        }
    }
}
