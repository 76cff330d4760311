package lab.handshake.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * No Docker engine runs here, so the Dockerfile is checked by doing what it does, on the host: its runtime
 * stage's COPY lines lay out /app and /data in a temporary directory (the H2 build being the one `./mvnw
 * verify` produced before this test), its ENV lines become the environment, its ENTRYPOINT script starts the
 * application, its HEALTHCHECK address must answer, and data written under the /data volume must survive a
 * restart. PostgresIT starts the same script with QUARKUS_DATASOURCE_DB_KIND=postgresql.
 */
class DockerfileOnHostIT {
    private static final Pattern ENV_PAIR = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\\S+)");

    /** The runtime stage of the Dockerfile, read line by line (continuations joined). */
    private record Stage(List<String> copies, Map<String, String> environment, List<String> entrypoint, String healthcheck,
                         String user, List<String> volumes, String expose, List<String> runs) {
    }

    @Test
    void theRuntimeStageStartsServesAndKeepsItsDataAcrossARestart(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path root) throws Exception {
        List<List<String>> stages = stages(Files.readAllLines(Path.of("Dockerfile")));
        assertEquals(2, stages.size(), "a build stage and a runtime stage");
        Stage build = parse(stages.get(0));
        assertTrue(build.runs().stream().anyMatch(run -> run.startsWith("./mvnw ") && run.contains(" package ")),
                "the build stage builds with the Maven wrapper");
        Stage runtime = parse(stages.get(1));
        assertTrue(runtime.user() != null && !runtime.user().equals("root"), "runs as a non-root user");
        assertEquals(List.of("/data"), runtime.volumes());
        assertEquals("8080", runtime.expose());

        for (String copy : runtime.copies()) {
            String[] words = copy.replaceAll("--chown=\\S+", "").trim().split("\\s+");
            boolean fromBuild = words[0].startsWith("--from=");
            String source = fromBuild ? words[1] : words[0];
            Path target = root.resolve(words[words.length - 1].substring(1));
            if (source.equals("/src/app-h2/")) {
                copyTree(Path.of("target", "quarkus-app"), target);   // what `./mvnw verify` just built (H2)
            } else if (fromBuild) {
                Files.createDirectories(target);                       // the PostgreSQL build: PostgresIT runs it
            } else if (words.length > 2) {                                  // files into a directory
                Files.createDirectories(target);
                for (String file : List.of(words).subList(0, words.length - 1)) {
                    Files.copy(Path.of(file), target.resolve(Path.of(file).getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                copyTree(Path.of(source), target);
            }
        }
        Map<String, String> environment = new LinkedHashMap<>();
        runtime.environment().forEach((name, value) -> environment.put(name, value.startsWith("/") ? root.resolve(value.substring(1)).toString() : value));
        environment.remove("QUARKUS_HTTP_PORT");          // RunningApplication picks free ports
        environment.remove("QUARKUS_MANAGEMENT_PORT");
        Files.createDirectories(Path.of(environment.get("HANDSHAKE_DATA_DIR")));
        assertEquals(List.of("/app/entrypoint.sh"), runtime.entrypoint());
        List<String> entrypoint = List.of("sh", root.resolve(runtime.entrypoint().get(0).substring(1)).toString());
        String readiness = runtime.healthcheck().replaceAll(".*http://localhost:\\$\\{QUARKUS_MANAGEMENT_PORT:-9000}([^\\s\"]+).*", "$1");
        assertEquals("/q/health/ready", readiness, "the health check asks the management port the image configures");
        assertEquals("9000", runtime.environment().get("QUARKUS_MANAGEMENT_PORT"));
        assertEquals(64, exitCodeWith(entrypoint, environment, "oracle"), "an unknown database kind is refused at once");
        // The entry point's collector is the parallel one; a collector named in JAVA_OPTS replaces it instead of meeting
        // it (two would stop the JVM). "-version" before the entry point's "-jar" makes java print and exit.
        Map<String, String> flagsOnly = new LinkedHashMap<>(environment);
        flagsOnly.put("JAVA_OPTS", "-XX:+PrintFlagsFinal -version");
        assertTrue(ranWith(entrypoint, flagsOnly, "h2").output().matches("(?s).*bool UseParallelGC\\s+= true.*"),
                "the entry point chooses the parallel collector");
        flagsOnly.put("JAVA_OPTS", "-XX:+UseG1GC -XX:+PrintFlagsFinal -version");
        Ran withG1 = ranWith(entrypoint, flagsOnly, "h2");
        assertEquals(0, withG1.exitCode(), withG1.output());
        assertTrue(withG1.output().matches("(?s).*bool UseG1GC\\s+= true.*"), "JAVA_OPTS's collector is the one used");

        // The class-data archive, made as the image makes it; the first start insists on using it (-Xshare:on fails
        // when the JVM cannot map the archive), so an archive that does not fit the build or the JVM fails here.
        List<String> archiveRuns = runtime.runs().stream().filter(run -> run.contains("class-archive.sh")).toList();
        assertEquals(List.of("sh /app/class-archive.sh /app/h2"), archiveRuns, "the runtime stage makes the H2 build's archive");
        Map<String, String> training = new LinkedHashMap<>(environment);
        training.put("CLASS_ARCHIVE_HTTP_PORT", String.valueOf(RunningApplication.freePort()));
        training.put("CLASS_ARCHIVE_MANAGEMENT_PORT", String.valueOf(RunningApplication.freePort()));
        assertEquals(0, exitCodeWith(List.of("sh", root.resolve("app/class-archive.sh").toString(), root.resolve("app/h2").toString()),
                training, "h2"), "the archive is made");
        assertTrue(Files.size(root.resolve("app/h2/app-cds.jsa")) > 0);

        Path log = root.resolve("app.log");
        ObjectMapper json = new ObjectMapper();
        String session;
        Map<String, String> withArchiveRequired = new LinkedHashMap<>(environment);
        Path sharing = root.resolve("cds.log");
        withArchiveRequired.put("JAVA_OPTS", "-Xshare:on -Xlog:cds=info:file=" + sharing);
        try (RunningApplication app = RunningApplication.start(entrypoint, withArchiveRequired, log)) {
            assertTrue(Files.readString(sharing).contains("Opened archive " + root.resolve("app/h2/app-cds.jsa")),
                    "the entry point hands the archive to the JVM");
            assertEquals(200, app.management(readiness).statusCode());
            assertEquals(404, app.get(readiness).statusCode(), "health is not on the public port");
            assertTrue(app.get("/").body().contains("Handshake Lab"), "the home page is served from the image layout");
            session = json.readTree(app.post("/api/sessions", "{\"scenario\": \"abort\"}").body()).get("id").asText();
            assertEquals(200, app.post("/api/sessions/" + session + "/actions", "{\"type\": \"deliver\", \"segment\": 1}").statusCode());
        }
        try (RunningApplication app = RunningApplication.start(entrypoint, environment, log)) {
            assertEquals(1, json.readTree(app.get("/api/sessions/" + session).body()).get("moveCount").asInt(),
                    "the session stored under the /data volume survives the restart");
            assertTrue(app.management("/q/metrics").body().contains("handshake_sessions_created"), "Prometheus metrics are served");
            assertEquals(404, app.get("/q/metrics").statusCode(), "metrics are not on the public port");
        }
    }

    private static int exitCodeWith(List<String> command, Map<String, String> environment, String databaseKind) throws Exception {
        return ranWith(command, environment, databaseKind).exitCode();
    }

    /** What a command ran with this environment printed (standard output and error) and how it ended. */
    private record Ran(int exitCode, String output) {
    }

    private static Ran ranWith(List<String> command, Map<String, String> environment, String databaseKind) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_DATASOURCE_DB_KIND", databaseKind);
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator + System.getenv("PATH"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Ran(process.waitFor(), output);
    }

    private static List<List<String>> stages(List<String> lines) {
        List<List<String>> stages = new ArrayList<>();
        StringBuilder joined = new StringBuilder();
        for (String line : lines) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            joined.append(line.strip());
            if (line.endsWith("\\")) {
                joined.setLength(joined.length() - 1);
                joined.append(' ');
                continue;
            }
            String instruction = joined.toString();
            joined.setLength(0);
            if (instruction.startsWith("FROM ")) {
                stages.add(new ArrayList<>());
            }
            stages.get(stages.size() - 1).add(instruction);
        }
        return stages;
    }

    private static Stage parse(List<String> instructions) {
        List<String> copies = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> entrypoint = List.of();
        List<String> volumes = List.of();
        String healthcheck = null;
        String user = null;
        String expose = null;
        for (String instruction : instructions) {
            String keyword = instruction.split("\\s+", 2)[0];
            String rest = instruction.substring(keyword.length()).trim();
            switch (keyword) {
                case "COPY" -> copies.add(rest);
                case "RUN" -> runs.add(rest);
                case "ENV" -> {
                    Matcher matcher = ENV_PAIR.matcher(rest);
                    while (matcher.find()) {
                        environment.put(matcher.group(1), matcher.group(2));
                    }
                }
                case "ENTRYPOINT" -> entrypoint = jsonArray(rest);
                case "VOLUME" -> volumes = jsonArray(rest);
                case "HEALTHCHECK" -> healthcheck = rest;
                case "USER" -> user = rest;
                case "EXPOSE" -> expose = rest;
                default -> {
                }
            }
        }
        return new Stage(copies, environment, entrypoint, healthcheck, user, volumes, expose, runs);
    }

    private static List<String> jsonArray(String text) {
        try {
            return List.of(new ObjectMapper().readValue(text, String[].class));
        } catch (IOException e) {
            throw new IllegalStateException("not a JSON array: " + text, e);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
