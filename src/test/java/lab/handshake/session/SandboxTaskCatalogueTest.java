package lab.handshake.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lab.handshake.engine.run.SandboxGoal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task files: the shipped ones load; a bad one stops the start with a message naming the file and the problem.
 * A Quarkus test because a goal's problems are worded from the problem bundle.
 */
@QuarkusTest
class SandboxTaskCatalogueTest {

    @Test
    void theShippedTasksLoad_eachWithItsGoal() {
        Map<String, SandboxTask> tasks = SandboxTaskCatalogue.load(Path.of("content", "sandbox-tasks"),
                id -> Files.exists(Path.of("content", "scenarios", id + ".yaml")));
        assertEquals(SandboxGoal.Kind.STATE_NOW, tasks.get("server-ends-in-time-wait").goal().kind());
        assertEquals(SandboxGoal.Kind.REACHED, tasks.get("server-holds-time-wait").goal().kind());
        assertEquals(SandboxGoal.Kind.THROUGH_FULL_SYN_QUEUE, tasks.get("connect-through-full-syn-queue").goal().kind());
    }

    @Test
    void aBadTaskFileStopsTheStart_namingTheFileAndWhatIsWrong(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("lost.yaml"), """
                id: lost
                title: {en: "Lost", zh: "丢失"}
                instructions: {en: "Do it", zh: "去做"}
                scenario: no-such-scenario
                mode: manual
                goal: {kind: REACHED, endpoint: router, state: TIME_WAIT}
                rationale: "RFC 9293 §3.6"
                """);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> SandboxTaskCatalogue.load(folder, id -> false));
        String message = refused.getMessage();
        assertTrue(message.contains("lost.yaml") && message.contains("scenario 'no-such-scenario'")
                && message.contains("goal.endpoint must be 'client' or 'server'"), message);
    }

    @Test
    void aTypoInATaskFileIsAnError_notASilentlyChangedTask(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("typo.yaml"), """
                id: typo
                title: {en: "Typo", zh: "拼写"}
                instructions: {en: "Do it", zh: "去做"}
                scenario: three-way-handshake
                mode: manual
                goal: {kind: REACHED, endpoint: server, stat: TIME_WAIT}
                rationale: "RFC 9293 §3.6"
                """);
        assertThrows(IllegalStateException.class, () -> SandboxTaskCatalogue.load(folder, id -> true));
    }
}
