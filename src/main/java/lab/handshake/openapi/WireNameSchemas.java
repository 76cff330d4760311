package lab.handshake.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import lab.handshake.api.JsonConfiguration;
import lab.handshake.engine.spec.FaultAction;
import lab.handshake.engine.spec.FaultSpec;
import lab.handshake.engine.trace.WireNamed;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The OpenAPI document lists the engine's typed words by the wire names the JSON carries ("timer-armed"),
 * as {@link JsonConfiguration} writes them, not by their Java constant names, and a scenario's fault actions.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class WireNameSchemas implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        for (Class<? extends WireNamed> type : JsonConfiguration.BY_WIRE_NAME) {
            Schema schema = schemas.get(type.getSimpleName());
            if (schema != null) {
                schema.setEnumeration(List.copyOf(WireNamed.wireNames(type.getEnumConstants())));
            }
        }
        // A fault's action stays a string in the record (the validator names a wrong one) but takes only these words.
        Schema fault = schemas.get(FaultSpec.class.getSimpleName());
        if (fault != null && fault.getProperties() != null && fault.getProperties().get("action") != null) {
            fault.getProperties().get("action").setEnumeration(List.copyOf(FaultAction.wireNames()));
        }
    }
}
