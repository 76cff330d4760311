package lab.handshake.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import lab.handshake.api.CheckedRequest;
import lab.handshake.api.ClientKey;
import lab.handshake.api.LanguageParams;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.formats.TraceForm;
import lab.handshake.formats.TraceFormat;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs a client's own scenario. */
@Path("/api/traces")
@Tag(name = "Traces")
public class TraceResource {
    private final TraceService traces;
    private final ObjectMapper json;

    public TraceResource(TraceService traces, ObjectMapper json) {
        this.traces = traces;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, TraceFormat.PCAP_TYPE, TraceFormat.PACKETDRILL_TYPE, TraceFormat.SVG_TYPE})
    @Operation(summary = "Run a scenario specification and return its trace (JSON, pcap, packetdrill or SVG)")
    public Response run(@NotNull(message = "{problem:body_required}")
                        @CheckedRequest(reason = "invalid-scenario", title = "{problem:invalid_scenario}") ScenarioSpec spec,
                        @QueryParam("format") String format,
                        @Parameter(description = TraceForm.DESCRIPTION) @QueryParam("form") String form,
                        @BeanParam LanguageParams readers,
                        @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest http) {
        TraceFormat chosen = TraceFormat.choose(format, accept);
        TraceForm jsonForm = TraceForm.choose(form, chosen);
        Trace trace = traces.run(spec, readers.language(), ClientKey.of(http));
        return jsonForm == TraceForm.COMPACT
                ? Response.ok(jsonForm.json(trace, json), MediaType.APPLICATION_JSON).build()
                : chosen.respond(trace, spec.id());
    }
}
