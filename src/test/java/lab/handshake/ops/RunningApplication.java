package lab.handshake.ops;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The packaged application started as a separate process, as an operator starts it: {@code java -jar
 * target/quarkus-app/quarkus-run.jar} with configuration in environment variables. Used by tests that stop
 * and start it again.
 */
final class RunningApplication implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** Every get and post is one learner's, as from one browser, whichever instance answers: sessions and attempts are theirs. */
    private static final String LEARNER_COOKIE = "hl_learner=" + java.util.UUID.randomUUID();

    private final Process process;
    private final int port;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningApplication(Process process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts the built jar with these environment variables (plus a free port) and waits until it is ready. */
    static RunningApplication start(Map<String, String> environment, Path log) throws IOException, InterruptedException {
        return start(Path.of(System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar")), environment, log);
    }

    /** Starts the given jar the same way. */
    static RunningApplication start(Path jar, Map<String, String> environment, Path log) throws IOException, InterruptedException {
        return start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()), environment, log);
    }

    /** Starts a command (the image's entrypoint script, say) the same way, with free public and management ports. */
    static RunningApplication start(List<String> command, Map<String, String> environment, Path log) throws IOException, InterruptedException {
        int port = freePort();
        int managementPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        // The entrypoint runs `java` from the PATH, as in the image; here it is the JDK running the tests.
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator + System.getenv("PATH"));
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        RunningApplication app = new RunningApplication(builder.start(), port, managementPort);
        try {
            app.awaitReady();
        } catch (RuntimeException notReady) {
            app.kill();
            throw notReady;
        }
        return app;
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private void awaitReady() {
        Awaitility.await("the application ready within " + START_TIMEOUT).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the application exited with " + process.exitValue());
                    }
                    try {
                        return management("/q/health/ready").statusCode() == 200;
                    } catch (IOException notYet) {
                        return false; // not listening yet
                    }
                });
    }

    /** The public HTTP port, for clients of the tests' own (RestAssured) that talk to this application. */
    int port() {
        return port;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Cookie", LEARNER_COOKIE).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET on the management port: health and metrics. */
    HttpResponse<String> management(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").header("Cookie", LEARNER_COOKIE)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON request with a cookie ("name=value", or empty for none): a signed-in teacher's or a learner's. */
    HttpResponse<String> send(String method, String path, String json, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json");
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return http.send(request.method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in through the login form and returns the login cookie ("name=value"). */
    String signIn(String username, String password) throws IOException, InterruptedException {
        String form = "j_username=" + username + "&j_password=" + password;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("hl_teacher="))
                .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException("login failed: " + response.statusCode()));
    }

    /** A form as a browser posts it, with its cookies ("a=1; b=2"). */
    HttpResponse<String> postForm(String path, String form, String cookies) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST that is still running while the test does something else (stops the application, say). */
    java.util.concurrent.CompletableFuture<HttpResponse<String>> postAsync(String path, String json) {
        return http.sendAsync(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Kills the process as a crash does (SIGKILL): no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Stops the application as an operator does (SIGTERM) and waits for it to finish. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
