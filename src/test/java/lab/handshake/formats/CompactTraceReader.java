package lab.handshake.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The page's own decoder, {@code js/compact-trace.js}, run under Node (as the browser runs it: an ES module, its
 * output through JSON.stringify): compact bodies in, the traces the page would see out. One Node process per call.
 */
public final class CompactTraceReader {
    private static final Path MODULE = Path.of("src/main/resources/META-INF/resources/js/compact-trace.js").toAbsolutePath();
    private static final String SCRIPT = """
            const { readFileSync, writeFileSync } = await import('node:fs');
            const { expandTrace } = await import(process.argv[1]);
            for (const file of process.argv.slice(2)) {
              writeFileSync(file + '.expanded', JSON.stringify(expandTrace(JSON.parse(readFileSync(file, 'utf8')))));
            }
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CompactTraceReader() {
    }

    public static boolean nodeInstalled() {
        return Files.isExecutable(Path.of("/usr/bin/node"));
    }

    /** Each compact body as the page's decoder gives it back. */
    public static List<JsonNode> expand(List<byte[]> compactBodies) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("compact-traces");
        List<String> command = new ArrayList<>(List.of("/usr/bin/node", "--input-type=module", "-e", SCRIPT, MODULE.toUri().toString()));
        for (int i = 0; i < compactBodies.size(); i++) {
            Path file = dir.resolve(i + ".json");
            Files.write(file, compactBodies.get(i));
            command.add(file.toString());
        }
        Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] said = node.getInputStream().readAllBytes();
        if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0) {
            throw new IllegalStateException("node failed: " + new String(said, StandardCharsets.UTF_8));
        }
        List<JsonNode> expanded = new ArrayList<>();
        for (int i = 0; i < compactBodies.size(); i++) {
            expanded.add(JSON.readTree(dir.resolve(i + ".json.expanded").toFile()));
            Files.delete(dir.resolve(i + ".json.expanded"));
            Files.delete(dir.resolve(i + ".json"));
        }
        Files.delete(dir);
        return expanded;
    }
}
