package lab.handshake.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One simulation at a time here, and no waiting for a permit: every way a request runs the engine is
 * refused with 503 and {@code Retry-After} while the gate is full, and a page whose traces are cached does
 * not need the gate at all.
 */
@QuarkusTest
@TestProfile(SimulationGateTest.OneAtATime.class)
class SimulationGateTest {

    public static class OneAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("handshake.limits.simulations.concurrent", "1",
                    "handshake.limits.simulations.max-wait", "PT0.01S",
                    "quarkus.datasource.jdbc.url", "jdbc:h2:mem:handshake-gate;DB_CLOSE_DELAY=-1");
        }
    }

    /** A flood answered with SYN cookies: allowed, about 4,000 segments, and real work for the processor. */
    private static final String HEAVY_SPEC = """
            {"params": {"synCookies": "always"},
             "actions": [{"at": 0, "host": "server", "call": "listen"}, {"at": 10, "host": "client", "call": "connect"}],
             "inject": [{"at": 20, "flood": {"count": 2000, "fromSubnet": "10.0.1.0/24", "ratePerMs": 1}}]}""";

    @Inject
    SimulationGate gate;

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldRefuseEverySimulationWith503WhileTheGateIsFullButStillServeAPageWithCachedTraces() throws Exception {
        given().accept("text/html").get("/lessons/three-way-handshake").then().statusCode(200);

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        Future<?> held = holder.submit(() -> gate.run(() -> {
            holding.countDown();
            try {
                return release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        try {
            assertTrue(holding.await(30, TimeUnit.SECONDS));

            given().contentType(ContentType.JSON).body(ClientLimitsTest.SMALL_SPEC).post("/api/traces")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", equalTo("1")).body("type", equalTo("/problems/busy"))
                    .body("detail", equalTo("All 1 simulations this server runs at once are in progress; try again in a moment."));
            given().contentType(ContentType.JSON).queryParam("lang", "zh").body(ClientLimitsTest.SMALL_SPEC).post("/api/traces")
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", equalTo("1"))
                    .body("title", equalTo("服务器繁忙")).body("detail", equalTo("本服务器可同时运行的 1 个模拟都在进行中；请稍后再试。"));
            given().queryParam("clientIsn", "77").get("/api/scenarios/syn-lost/trace").then().statusCode(503)
                    .header("Retry-After", equalTo("1"));
            given().contentType(ContentType.JSON).body("{\"scenario\": \"abort\"}").post("/api/sessions")
                    .then().statusCode(503).header("Retry-After", equalTo("1"));
            given().contentType("application/vnd.tcpdump.pcap").body(ClientLimitsTest.capture()).post("/api/captures")
                    .then().statusCode(503).header("Retry-After", equalTo("1"));
            // A page whose simulation is not cached yet says so in the reader's language.
            given().accept("text/html").queryParam("lang", "zh").get("/simulator/half-close")
                    .then().statusCode(503).contentType(containsString("text/html"))
                    .header("Retry-After", equalTo("1")).body(containsString("服务器繁忙"));

            // The lesson's traces were cached by the first visit: the page never waits for the gate.
            given().accept("text/html").get("/lessons/three-way-handshake").then().statusCode(200);
        } finally {
            release.countDown();
            held.get(30, TimeUnit.SECONDS);
            holder.shutdown();
        }
        given().contentType(ContentType.JSON).body(ClientLimitsTest.SMALL_SPEC).post("/api/traces").then().statusCode(200);
    }

    @Test
    void shouldAnswerAFloodOfHeavyTracesWithSome503sAndNoFailure() throws Exception {
        int clients = 12;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(root.toString() + "api/traces"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(HEAVY_SPEC)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            }));
        }
        start.countDown();
        int ok = 0;
        int busy = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(120, TimeUnit.SECONDS);
            if (response.statusCode() == 503) {
                busy++;
                assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
                assertTrue(response.body().contains("\"status\":503"), response.body());
            } else {
                assertEquals(200, response.statusCode(), response.body());
                ok++;
            }
        }
        pool.shutdown();
        assertTrue(ok >= 1, "at least the first simulation runs");
        assertTrue(busy >= 1, "with one permit and no wait, twelve at once cannot all run");
    }

    @Test
    void shouldGiveThePermitBackWhenASimulationFails() throws IOException {
        try {
            gate.run(() -> {
                throw new IllegalStateException("a simulation that fails");
            });
        } catch (IllegalStateException expected) {
            // the failure itself is the caller's business; the permit must be back
        }
        given().contentType(ContentType.JSON).body(ClientLimitsTest.SMALL_SPEC).post("/api/traces").then().statusCode(200);
    }
}
