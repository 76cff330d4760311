package lab.handshake.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.SegmentFate;
import lab.handshake.engine.trace.StepKind;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The OpenAPI document lists the engine's typed words by the wire names the JSON carries ("timer-armed"),
 * as {@link JsonConfiguration} writes them, not by their Java constant names.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class WireNameSchemas implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        wireNames(schemas.get(StepKind.class.getSimpleName()), StepKind.values(), StepKind::wireName);
        wireNames(schemas.get(SegmentFate.class.getSimpleName()), SegmentFate.values(), SegmentFate::wireName);
        wireNames(schemas.get(OptionKind.class.getSimpleName()), OptionKind.values(), OptionKind::wireName);
    }

    private static <E> void wireNames(Schema schema, E[] values, Function<E, String> wireName) {
        if (schema != null) {
            schema.setEnumeration(List.copyOf(Arrays.stream(values).map(wireName).toList()));
        }
    }
}
