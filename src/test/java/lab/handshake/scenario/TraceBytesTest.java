package lab.handshake.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import lab.handshake.delivery.EncodedBody;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.formats.TraceForm;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Catalogue traces are sent as bytes made once: in the coding the client accepts, with a strong ETag that a
 * revalidation answers with 304, and kept within a bound in bytes whatever parameters clients choose.
 * (A plain HTTP client, so that no coding is asked for or undone behind the test's back.)
 */
@QuarkusTest
class TraceBytesTest {
    /** HTTP/1.1, the only version the server speaks (asked for directly, so the client makes no upgrade attempt). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/api/scenarios/four-way-close/trace")
    URI fourWayClose;

    @TestHTTPResource("/api/scenarios/syn-flood/trace")
    URI synFlood;

    @TestHTTPResource("/api/scenarios/half-close/trace")
    URI halfClose;

    @Inject
    EncodedTraces encoded;

    @Inject
    MeterRegistry metrics;

    @Inject
    ScenarioCatalogue catalogue;

    @ConfigProperty(name = "handshake.traces.cache-bytes")
    MemorySize bound;

    private static HttpResponse<byte[]> get(URI uri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Asks for {@code uri} until its trace is cached, then once more, and answers that last answer, which the route
     * gave ({@code handshake.traces.cached.answers} counted it). The cache keeps what is asked for most (Caffeine's
     * W-TinyLFU): after the tests before filled it, a trace asked for once may not be kept yet, and one just kept may
     * be evicted by the cache's own upkeep before the next request; so a request the route did not answer is tried
     * again, a few times. The test fails if the route never answers.
     */
    private HttpResponse<byte[]> answeredByTheRoute(URI uri, Supplier<EncodedBody> cached, String... headers)
            throws IOException, InterruptedException {
        Counter fromTheRoute = metrics.counter("handshake.traces.cached.answers");
        for (int ask = 0; ask < 20; ask++) {
            if (cached.get() == null) {
                get(uri, headers);
                continue;
            }
            double before = fromTheRoute.count();
            // The route answers only while the published scenarios need not be read again (PublishedTexts.FRESHNESS,
            // 5 s): read them now, so that a slow machine cannot let them go stale between the two requests.
            catalogue.all();
            HttpResponse<byte[]> answer = get(uri, headers);
            if (fromTheRoute.count() == before + 1) {
                return answer;
            }
        }
        throw new AssertionError("the route never answered " + uri + " though its trace was cached");
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void aCatalogueTraceHasAStrongETagAndIsAnswered304WhenTheClientHasIt() throws Exception {
        HttpResponse<byte[]> first = get(URI.create(fourWayClose + "?lang=en"));
        assertEquals(200, first.statusCode());
        String etag = header(first, "ETag");
        assertTrue(etag.startsWith("\"") && etag.endsWith("\""), "a strong tag: " + etag);
        assertEquals("public, max-age=300", header(first, "Cache-Control"));
        assertEquals("Accept-Encoding, Accept-Language, Cookie", header(first, "Vary"));

        HttpResponse<byte[]> again = get(URI.create(fourWayClose + "?lang=en"), "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
        assertEquals(etag, header(again, "ETag"));

        HttpResponse<byte[]> chinese = get(URI.create(fourWayClose + "?lang=zh"), "If-None-Match", etag);
        assertEquals(200, chinese.statusCode(), "another language is another trace");
        assertNotEquals(etag, header(chinese, "ETag"));
        HttpResponse<byte[]> otherIsn = get(URI.create(fourWayClose + "?lang=en&clientIsn=7"), "If-None-Match", etag);
        assertEquals(200, otherIsn.statusCode(), "other parameters are another trace");
    }

    /**
     * The first request for a trace is simulated by the resource; once cached, the same request is answered by
     * {@link CachedTraceRoute} on the event loop. Both answers carry the same bytes and headers, and a request
     * the route does not answer (another format, a bad language) still reaches the resource.
     */
    @Test
    void aCachedTraceIsAnsweredWithTheSameBytesAndHeadersAsTheFirstAnswer() throws Exception {
        URI uri = URI.create(synFlood + "?lang=zh");
        Counter fromTheRoute = metrics.counter("handshake.traces.cached.answers");
        HttpResponse<byte[]> first = get(uri, "Accept-Encoding", "gzip", "Accept", "application/json");
        ScenarioSpec flood = catalogue.find("syn-flood").orElseThrow();
        HttpResponse<byte[]> cached = answeredByTheRoute(uri, () -> encoded.cached(flood, ScenarioRunner.Overrides.NONE,
                Language.ZH, TraceForm.FULL), "Accept-Encoding", "gzip", "Accept", "application/json");
        assertEquals(200, cached.statusCode());
        double answered = fromTheRoute.count();
        assertArrayEquals(first.body(), cached.body());
        java.util.Map<String, java.util.List<String>> firstHeaders = new java.util.TreeMap<>(first.headers().map());
        java.util.Map<String, java.util.List<String>> cachedHeaders = new java.util.TreeMap<>(cached.headers().map());
        firstHeaders.remove("date");
        cachedHeaders.remove("date");
        assertEquals(firstHeaders, cachedHeaders);

        HttpResponse<byte[]> pcap = get(uri, "Accept", "application/vnd.tcpdump.pcap");
        HttpResponse<byte[]> withAnIsn = get(URI.create(synFlood + "?lang=zh&clientIsn=5"));
        assertEquals(200, withAnIsn.statusCode());
        assertEquals(answered, fromTheRoute.count(), "a pcap, and a trace with parameters, are the resource's");
        assertEquals("application/vnd.tcpdump.pcap", header(pcap, "Content-Type"));
        HttpResponse<byte[]> badLanguage = get(URI.create(synFlood + "?lang=fr"));
        assertEquals(400, badLanguage.statusCode());
        assertTrue(new String(badLanguage.body(), java.nio.charset.StandardCharsets.UTF_8).contains("lang"));
        HttpResponse<byte[]> unknownScenario = get(URI.create(synFlood.toString().replace("syn-flood", "no-such-scenario")));
        assertEquals(404, unknownScenario.statusCode());
    }

    /**
     * The simulator names its profile in every request; naming the scenario's own profile (and seed) is the same
     * run, so it is simulated once and sent as the same bytes, not kept twice.
     */
    @Test
    void aRequestNamingTheScenariosOwnProfileIsTheSameCachedTraceAsOneNamingNone() throws Exception {
        Counter simulations = metrics.counter("handshake.simulations", "source", "catalogue");
        HttpResponse<byte[]> plain = get(URI.create(halfClose + "?lang=en&form=compact"));
        double after = simulations.count();
        HttpResponse<byte[]> named = get(URI.create(halfClose + "?lang=en&form=compact&profile=rfc9293&seed=1"));
        assertEquals(200, named.statusCode());
        assertEquals(after, simulations.count(), "not simulated again");
        assertArrayEquals(plain.body(), named.body());
        assertEquals(header(plain, "ETag"), header(named, "ETag"));
        HttpResponse<byte[]> linux = get(URI.create(halfClose + "?lang=en&form=compact&profile=linux"));
        assertEquals(200, linux.statusCode());
        assertNotEquals(header(plain, "ETag"), header(linux, "ETag"), "another profile is another run");
    }

    /** The compact form (what the pages ask for) is its own representation, kept, tagged and compressed as the full one is. */
    @Test
    void theCompactFormIsCachedTaggedAndCompressedAsTheFullFormIs() throws Exception {
        URI uri = URI.create(synFlood + "?lang=en&form=compact");
        HttpResponse<byte[]> plain = get(uri);
        assertEquals(200, plain.statusCode());
        assertTrue(new String(plain.body(), java.nio.charset.StandardCharsets.UTF_8).startsWith("{\"form\":\"compact\""));
        HttpResponse<byte[]> full = get(URI.create(synFlood + "?lang=en"));
        assertNotEquals(header(full, "ETag"), header(plain, "ETag"), "another form is another representation");
        assertEquals("public, max-age=300", header(plain, "Cache-Control"));

        HttpResponse<byte[]> gzip = get(uri, "Accept-Encoding", "gzip");
        assertEquals("gzip", header(gzip, "Content-Encoding"));
        assertArrayEquals(plain.body(), new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes());
        assertEquals(304, get(uri, "If-None-Match", header(gzip, "ETag")).statusCode());
        assertEquals(200, get(URI.create(synFlood + "?lang=en"), "If-None-Match", header(plain, "ETag")).statusCode(),
                "the compact form's tag does not name the full form");

        ScenarioSpec flood = catalogue.find("syn-flood").orElseThrow();
        HttpResponse<byte[]> cached = answeredByTheRoute(uri,
                () -> encoded.cached(flood, ScenarioRunner.Overrides.NONE, Language.EN, TraceForm.COMPACT), "Accept-Encoding", "gzip");
        assertArrayEquals(gzip.body(), cached.body());
        assertEquals(header(gzip, "ETag"), header(cached, "ETag"));
        HttpResponse<byte[]> badForm = get(URI.create(synFlood + "?lang=en&form=smaller"));
        assertEquals(400, badForm.statusCode(), "the route leaves a bad form to the resource, which says why");

        // As the simulator asks, naming its profile: once cached, the route's too.
        URI simulators = URI.create(synFlood + "?lang=en&form=compact&profile=linux");
        ScenarioRunner.Overrides linux = new ScenarioRunner.Overrides("linux", null, null, null);
        HttpResponse<byte[]> linuxCached = answeredByTheRoute(simulators,
                () -> encoded.cached(flood, linux, Language.EN, TraceForm.COMPACT), "Accept-Encoding", "gzip");
        assertEquals(200, linuxCached.statusCode());
        assertEquals(400, get(URI.create(synFlood + "?lang=en&form=compact&profile=bsd")).statusCode(),
                "the route leaves a bad profile to the resource, which says why");
    }

    @Test
    void theTraceIsSentInTheBestCodingTheClientAcceptsAndEachDecodesToTheSameJson() throws Exception {
        URI uri = URI.create(fourWayClose + "?lang=zh");
        HttpResponse<byte[]> plain = get(uri);
        assertEquals(null, header(plain, "Content-Encoding"));
        assertTrue(new String(plain.body(), java.nio.charset.StandardCharsets.UTF_8).contains("\"scenario\":\"four-way-close\""));

        HttpResponse<byte[]> gzip = get(uri, "Accept-Encoding", "gzip");
        assertEquals("gzip", header(gzip, "Content-Encoding"));
        assertArrayEquals(plain.body(), new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes());
        assertNotEquals(header(plain, "ETag"), header(gzip, "ETag"), "each coding is its own representation");

        HttpResponse<byte[]> refusedBrotli = get(uri, "Accept-Encoding", "br;q=0, gzip;q=0.5");
        assertEquals("gzip", header(refusedBrotli, "Content-Encoding"));
        HttpResponse<byte[]> neither = get(uri, "Accept-Encoding", "gzip;q=0, br;q=0");
        assertEquals(null, header(neither, "Content-Encoding"));
        assertArrayEquals(plain.body(), neither.body());

        Brotli4jLoader.ensureAvailability();
        HttpResponse<byte[]> brotli = get(uri, "Accept-Encoding", "gzip, deflate, br");
        assertEquals("br", header(brotli, "Content-Encoding"));
        assertArrayEquals(plain.body(), Decoder.decompress(brotli.body()).getDecompressedData());
        assertTrue(brotli.body().length < gzip.body().length, "brotli is the smaller one");
        // A revalidation with the tag of another coding still names the same trace.
        assertEquals(304, get(uri, "If-None-Match", header(brotli, "ETag")).statusCode());
    }

    @Test
    void tracesWithEveryClientIsnCannotGrowTheCachePastItsBoundInBytes() throws Exception {
        long oneFlood = 0;
        for (int isn = 1; isn <= 12; isn++) {
            HttpResponse<byte[]> answer = get(URI.create(synFlood + "?clientIsn=" + isn), "Accept-Encoding", "gzip");
            assertEquals(200, answer.statusCode());
            oneFlood = Math.max(oneFlood, answer.body().length);
            assertTrue(encoded.heldBytes() <= bound.asLongValue(), encoded.heldBytes() + " bytes held, bound " + bound.asLongValue());
        }
        // Twelve floods of ~2 MB each would be far more than the bound: the cache was full and kept to it.
        assertTrue(encoded.heldBytes() > bound.asLongValue() / 2, "the cache was used: " + encoded.heldBytes());
        assertTrue(oneFlood > 0);
    }
}
