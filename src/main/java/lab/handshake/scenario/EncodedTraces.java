package lab.handshake.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import lab.handshake.config.HandshakeConfig;
import lab.handshake.delivery.EncodedBody;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.formats.LadderLayout;
import lab.handshake.formats.TraceForm;

/**
 * Catalogue traces as the JSON bytes the API sends (in full or compact, {@link TraceForm}), and their ladders
 * ({@link LadderLayout}), with their gzip and brotli forms made once: a cached trace or ladder is neither
 * laid out, serialised nor compressed again. The cache is bounded by the bytes it holds
 * ({@code handshake.traces.cache-bytes}), so no choice of parameters can grow the heap past it. Caffeine keeps
 * the traces asked for most (W-TinyLFU): when it is full, a trace asked for once may not be kept until it is asked
 * for again, so parameters chosen once cannot push the lecture's traces out.
 * <p>
 * A catalogue trace is a pure function of the scenario, the parameters and the language, so it is sent with a
 * strong ETag (a hash of its bytes: it changes when a teacher republishes the scenario or the engine changes)
 * and may be kept for {@value #MAX_AGE_SECONDS} s, then revalidated: an {@code If-None-Match} that names it
 * is answered 304 with no body.
 */
@ApplicationScoped
public class EncodedTraces {
    static final int MAX_AGE_SECONDS = 300;
    static final String CACHE_CONTROL = "public, max-age=" + MAX_AGE_SECONDS;
    /** Without lang=, the language comes from the hl_lang cookie or Accept-Language; the coding from Accept-Encoding. */
    static final String VARY = "Accept-Encoding, Accept-Language, Cookie";
    /** A ladder is the same in every language. */
    static final String LADDER_VARY = "Accept-Encoding";

    private record Key(ScenarioSpec scenario, ScenarioRunner.Overrides overrides, Language language, TraceForm form) {
    }

    /** A ladder is the same drawing in every language, so its key names none. */
    private record LadderKey(ScenarioSpec scenario, ScenarioRunner.Overrides overrides, LadderLayout.Options options) {
    }

    /** Traces and their ladders, under one bound. */
    private final Cache<Object, EncodedBody> cache;
    private final ObjectMapper json;

    public EncodedTraces(HandshakeConfig config, ObjectMapper json) {
        this.json = json;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(config.traces().cacheBytes().asLongValue())
                .weigher((Object key, EncodedBody body) -> body.weight())
                .build();
    }

    /** The trace's bytes if they are cached, else null: a hit is answered without leaving the event loop. */
    public EncodedBody cached(ScenarioSpec scenario, ScenarioRunner.Overrides overrides, Language language, TraceForm form) {
        return cache.getIfPresent(new Key(scenario, overrides, language, form));
    }

    /** The trace's bytes, from the cache or made from {@code trace} (which runs only on a miss) and kept. */
    public EncodedBody get(ScenarioSpec scenario, ScenarioRunner.Overrides overrides, Language language, TraceForm form,
                           Supplier<Trace> trace) {
        return cache.get(new Key(scenario, overrides, language, form), key -> encode(form.json(trace.get(), json), json));
    }

    /** The ladder's bytes if they are cached, else null: a hit is answered without leaving the event loop. */
    public EncodedBody cachedLadder(ScenarioSpec scenario, ScenarioRunner.Overrides overrides, LadderLayout.Options options) {
        return cache.getIfPresent(new LadderKey(scenario, overrides, options));
    }

    /** The JSON bytes of the trace's {@link LadderLayout} under {@code options}, from the cache or laid out (from {@code trace}) and kept. */
    public EncodedBody ladder(ScenarioSpec scenario, ScenarioRunner.Overrides overrides, LadderLayout.Options options,
                              Supplier<Trace> trace) {
        return cache.get(new LadderKey(scenario, overrides, options), key -> encode(LadderLayout.of(trace.get(), options), json));
    }

    /** The bytes held now (for tests and the README's bound). */
    long heldBytes() {
        cache.cleanUp();
        return cache.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    private static EncodedBody encode(Object value, ObjectMapper writer) {
        try {
            return EncodedBody.of(writer.writeValueAsBytes(value), "application/json", EncodedBody.Effort.ON_DEMAND);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a trace or its ladder could not be written as JSON", e);
        }
    }
}
