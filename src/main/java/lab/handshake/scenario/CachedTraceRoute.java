package lab.handshake.scenario;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Set;
import lab.handshake.api.Refusal;
import lab.handshake.api.RequestLanguage;
import lab.handshake.delivery.EncodedBody;
import lab.handshake.delivery.RouteOrder;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.formats.TraceForm;
import lab.handshake.formats.TraceFormat;

/**
 * The lecture hall's hot path: a catalogue trace as JSON (full or compact, with the profile the simulator names and any
 * run parameters), already in {@link EncodedTraces}, is answered by a plain Vert.x route on the event loop, as the
 * site's static files are; so is a catalogue trace's ladder already there (with any of its parameters: it has no
 * other format and no language). Anything else — another format, a bad parameter, a scenario not in the catalogue,
 * a trace not cached yet, a catalogue due to be read again from the database — goes on to {@link ScenarioResource}, which validates, simulates and refuses. Both
 * send the same bytes with the same headers.
 */
@ApplicationScoped
public class CachedTraceRoute {
    /** The trace's parameters: the run's ({@link RunParams}), the language and the form. */
    private static final Set<String> TRACE_QUERY = Set.of("clientIsn", "serverIsn", "seed", "profile", "lang", "form");
    /** The ladder's parameters: the run's, the layout's; lang changes nothing in it. */
    private static final Set<String> LADDER_QUERY = Set.of("clientIsn", "serverIsn", "seed", "profile", "compact", "open", "lang");

    private final ScenarioCatalogue catalogue;
    private final EncodedTraces encoded;
    private final Counter answered;

    public CachedTraceRoute(ScenarioCatalogue catalogue, EncodedTraces encoded, MeterRegistry metrics) {
        this.catalogue = catalogue;
        this.encoded = encoded;
        this.answered = Counter.builder("handshake.traces.cached.answers")
                .description("Catalogue traces and ladders answered from the bytes cache on the event loop (the rest go to the API resource)")
                .register(metrics);
    }

    void install(@Observes Router router) {
        router.get("/api/scenarios/:id/trace").order(RouteOrder.PUBLIC_BYTES)
                .handler(context -> answerIfCached(context, cachedFor(context), EncodedTraces.VARY));
        router.get("/api/scenarios/:id/ladder").order(RouteOrder.PUBLIC_BYTES)
                .handler(context -> answerIfCached(context, cachedLadderFor(context), EncodedTraces.LADDER_VARY));
    }

    private void answerIfCached(RoutingContext context, EncodedBody body, String vary) {
        if (body == null) {
            context.next();
            return;
        }
        answered.increment();
        body.send(context.request(), context.response(), EncodedTraces.CACHE_CONTROL, vary);
    }

    /** The ladder's bytes if this request's are cached, else null (a bad parameter too: the resource says why). */
    private EncodedBody cachedLadderFor(RoutingContext context) {
        MultiMap query = context.queryParams();
        if (!LADDER_QUERY.containsAll(query.names())) {
            return null;
        }
        ScenarioSpec spec = catalogue.findWithoutWaiting(context.pathParam("id"));
        if (spec == null) {
            return null;
        }
        try {
            RequestLanguage.resolve(context.request()); // none is needed, but a bad one is refused as the resource does
            return encoded.cachedLadder(spec, runOverrides(query, spec), ScenarioResource.ladderOptions(query.get("compact"), query.get("open")));
        } catch (Refusal refused) {
            return null;
        }
    }

    /** The run's overrides as the resource reads them ({@link RunParams}); a bad one is a {@link Refusal}. */
    private static ScenarioRunner.Overrides runOverrides(MultiMap query, ScenarioSpec spec) {
        RunParams run = new RunParams();
        run.clientIsn = query.get("clientIsn");
        run.serverIsn = query.get("serverIsn");
        run.seed = query.get("seed");
        run.profile = query.get("profile");
        return run.overrides(spec);
    }

    /** The bytes this request asks for if it is one this route answers and they are cached, else null. */
    private EncodedBody cachedFor(RoutingContext context) {
        HttpServerRequest request = context.request();
        MultiMap query = context.queryParams();
        if (!TRACE_QUERY.containsAll(query.names()) || !asksForJson(request.getHeader(HttpHeaders.ACCEPT))) {
            return null;
        }
        ScenarioSpec spec = catalogue.findWithoutWaiting(context.pathParam("id"));
        if (spec == null) {
            return null;
        }
        try {
            return encoded.cached(spec, runOverrides(query, spec), RequestLanguage.resolve(request),
                    TraceForm.choose(query.get("form"), TraceFormat.JSON));
        } catch (Refusal refused) {
            return null; // the resource says why
        }
    }

    /** No Accept, or one naming JSON or anything: what the resource would answer with JSON too. */
    private static boolean asksForJson(String accept) {
        return accept == null
                || (accept.contains("json") || accept.contains("*/*")) && TraceFormat.choose(null, accept) == TraceFormat.JSON;
    }
}
