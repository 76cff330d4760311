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
import java.util.Optional;
import lab.handshake.api.CheckedRequest;
import lab.handshake.api.ClientKey;
import lab.handshake.api.LanguageParams;
import lab.handshake.api.Refusal;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.formats.CaptureVantage;
import lab.handshake.formats.LadderLayout;
import lab.handshake.formats.LadderParams;
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
    @Operation(summary = "Run a scenario specification and return its trace (JSON, pcap, packetdrill or SVG); with ladder=,"
            + " JSON {trace, ladder}: the trace and its ladder laid out")
    public Response run(@NotNull(message = "{problem:body_required}")
                        @CheckedRequest(reason = "invalid-scenario", title = "{problem:invalid_scenario}") ScenarioSpec spec,
                        @QueryParam("format") String format,
                        @Parameter(description = TraceForm.DESCRIPTION) @QueryParam("form") String form,
                        @Parameter(description = CaptureVantage.DESCRIPTION) @QueryParam("capturedAt") String capturedAt,
                        @BeanParam LadderParams ladder,
                        @BeanParam LanguageParams readers,
                        @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest http) {
        TraceFormat chosen = TraceFormat.choose(format, accept);
        TraceForm jsonForm = TraceForm.choose(form, chosen);
        CaptureVantage vantage = CaptureVantage.choose(capturedAt, chosen);
        Optional<LadderLayout.Options> layout = ladder.options();
        if (layout.isPresent() && chosen != TraceFormat.JSON) {
            throw Refusal.badParameter("ladder", words -> words.only_for_json(chosen.wireName()));
        }
        Trace trace = traces.run(spec, readers.language(), ClientKey.of(http));
        if (layout.isPresent()) {
            return Response.ok(new WithLadder(jsonForm.json(trace, json), LadderLayout.of(trace, layout.get())), MediaType.APPLICATION_JSON).build();
        }
        return jsonForm == TraceForm.COMPACT
                ? Response.ok(jsonForm.json(trace, json), MediaType.APPLICATION_JSON).build()
                : chosen.respond(trace, vantage, spec.id());
    }

    /**
     * A trace with its ladder ({@code ladder=}).
     *
     * @param trace the trace, in full or compact as {@code form=} asks
     */
    public record WithLadder(Object trace, LadderLayout ladder) {
    }
}
