package lab.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lab.handshake.formats.CompactTraceReader;
import org.junit.jupiter.api.Test;

/**
 * The unit tests of the pages' plain functions ({@code src/test/js/*.test.mjs}, Node's own test runner and assertions,
 * importing the modules the browser loads), run under Node; a failure shows Node's report of it.
 */
class ScriptUnitTest {
    private static final Path TESTS = Path.of("src/test/js");

    @Test
    void everyScriptUnitTestPasses() throws IOException, InterruptedException {
        RequiredTool.require(CompactTraceReader.nodeInstalled(), "Debian's nodejs");
        List<String> command = new ArrayList<>(List.of("/usr/bin/node", "--test"));
        try (Stream<Path> files = Files.list(TESTS)) {
            files.filter(file -> file.toString().endsWith(".test.mjs")).sorted().map(Path::toString).forEach(command::add);
        }
        assertFalse(command.size() == 2, "no script tests found in " + TESTS.toAbsolutePath());
        Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
        String report = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(120, TimeUnit.SECONDS), "node --test did not finish");
        assertEquals(0, node.exitValue(), report);
        assertTrue(report.contains("# fail 0"), report);
    }
}
