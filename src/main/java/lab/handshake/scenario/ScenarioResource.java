package lab.handshake.scenario;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import lab.handshake.api.ClientKey;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.api.LanguageParams;
import lab.handshake.delivery.EncodedBody;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.formats.CaptureVantage;
import lab.handshake.formats.LadderLayout;
import lab.handshake.formats.LadderParams;
import lab.handshake.formats.TraceForm;
import lab.handshake.formats.TraceFormat;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The scenario catalogue and the traces of its scenarios. */
@Path("/api/scenarios")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scenarios")
public class ScenarioResource {
    private final ScenarioCatalogue catalogue;
    private final TraceService traces;
    private final EncodedTraces encoded;

    public ScenarioResource(ScenarioCatalogue catalogue, TraceService traces, EncodedTraces encoded) {
        this.catalogue = catalogue;
        this.traces = traces;
        this.encoded = encoded;
    }

    @GET
    @Operation(summary = "Every scenario of the catalogue, with title and summary in the requested language")
    public List<ScenarioSummary> list(@BeanParam LanguageParams readers) {
        String code = readers.language().code();
        return catalogue.all().stream()
                .map(spec -> new ScenarioSummary(spec.id(), Language.text(spec.title(), code),
                        Language.text(spec.summary(), code), spec.tags() == null ? List.of() : spec.tags()))
                .toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A scenario's full specification (the shape POST /api/traces accepts)")
    public ScenarioSpec get(@PathParam("id") String id) {
        return find(id);
    }

    @GET
    @Path("{id}/trace")
    @Produces({MediaType.APPLICATION_JSON, TraceFormat.PCAP_TYPE, TraceFormat.PACKETDRILL_TYPE, TraceFormat.SVG_TYPE})
    @Operation(summary = "The trace of a catalogue scenario (JSON, pcap, packetdrill or SVG), optionally with other ISNs, seed, profile or language")
    public Response trace(@PathParam("id") String id, @BeanParam RunParams run,
                       @Parameter(description = "json, pcap, packetdrill or svg") @QueryParam("format") String format,
                       @Parameter(description = TraceForm.DESCRIPTION) @QueryParam("form") String form,
                       @Parameter(description = CaptureVantage.DESCRIPTION) @QueryParam("capturedAt") String capturedAt,
                       @BeanParam LanguageParams readers,
                       @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest http) {
        TraceFormat chosen = TraceFormat.choose(format, accept);
        TraceForm jsonForm = TraceForm.choose(form, chosen);
        CaptureVantage vantage = CaptureVantage.choose(capturedAt, chosen);
        ScenarioSpec spec = find(id);
        ScenarioRunner.Overrides overrides = run.overrides(spec);
        Language language = readers.language();
        if (chosen == TraceFormat.JSON) {
            EncodedBody body = encoded.get(spec, overrides, language, jsonForm,
                    () -> traces.catalogueTrace(spec, overrides, language, ClientKey.of(http)));
            return body.response(http, EncodedTraces.CACHE_CONTROL, EncodedTraces.VARY);
        }
        return chosen.respond(traces.catalogueTrace(spec, overrides, language, ClientKey.of(http)), vantage, id);
    }

    @GET
    @Path("{id}/ladder")
    @Operation(summary = "The ladder (sequence diagram) of a catalogue scenario's trace, laid out as the SVG download"
            + " draws it: lanes, arrows with both label forms, state labels, breaks, a flood's bands and each step's y")
    public Response ladder(@PathParam("id") String id, @BeanParam RunParams run,
                           @Parameter(description = "true: the narrow layout of a phone (false, the default: the wide one)")
                           @QueryParam("compact") String compact,
                           @Parameter(description = "the ids of a flood's bands shown one by one, separated by commas (0,2);"
                                   + " the others are folded") @QueryParam("open") String open,
                           @BeanParam LanguageParams readers, @Context HttpServerRequest http) {
        ScenarioSpec spec = find(id);
        ScenarioRunner.Overrides overrides = run.overrides(spec);
        LadderLayout.Options options = ladderOptions(compact, open);
        // Any language's trace has the same ladder: the reader's is the one a page has most likely had simulated.
        Language language = readers.language();
        EncodedBody body = encoded.ladder(spec, overrides, options,
                () -> traces.catalogueTrace(spec, overrides, language, ClientKey.of(http)));
        return body.response(http, EncodedTraces.CACHE_CONTROL, EncodedTraces.LADDER_VARY);
    }

    private ScenarioSpec find(String id) {
        return catalogue.find(id).orElseThrow(() -> Refusal.notFound(ProblemMessages::scenario, id));
    }

    /** The ladder's options from its query parameters ({@link CachedTraceRoute} reads them too); a bad one is refused. */
    static LadderLayout.Options ladderOptions(String compact, String open) {
        return new LadderLayout.Options(isCompact(compact), LadderParams.bandIds(open));
    }

    private static boolean isCompact(String value) {
        if (value != null && !value.equals("true") && !value.equals("false")) {
            throw Refusal.badParameter("compact", words -> words.must_be_either("true", "false"));
        }
        return "true".equals(value);
    }
}
