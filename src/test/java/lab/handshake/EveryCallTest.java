package lab.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.handshake.engine.Call;
import lab.handshake.site.SandboxMessages;
import org.junit.jupiter.api.Test;

/**
 * A new application call ({@link Call}) is added in the enum, performed in {@code ScenarioRunner.perform} (the
 * compiler asks), explained in the engine's words ({@code ExplanationTextsTest} asks) and offered where these tests
 * look: each names what a new call still lacks.
 */
class EveryCallTest {

    /** The sandbox's buttons: sandbox.js lists the calls and those with bytes, SandboxMessages a hint for each. */
    @Test
    void theSandboxHasAButtonAndAHintForEveryCall() throws IOException {
        String script = MainResources.text("META-INF/resources/js/sandbox.js");
        assertEquals(Call.wireNames(), jsList(script, "CALLS"), "js/sandbox.js: const CALLS");
        assertEquals(Arrays.stream(Call.values()).filter(Call::takesBytes).map(Call::wireName).toList(), jsList(script, "WITH_BYTES"),
                "js/sandbox.js: const WITH_BYTES");
        List<String> words = Arrays.stream(SandboxMessages.class.getDeclaredMethods()).map(method -> method.getName()).toList();
        List<String> missing = Arrays.stream(Call.values()).map(call -> "hint_" + call.wireName().replace('-', '_'))
                .filter(hint -> !words.contains(hint)).map(hint -> "SandboxMessages." + hint + " (and in sandbox_*.properties)").toList();
        assertEquals(List.of(), missing);
    }

    @Test
    void aMoveNamingNoCallIsAnsweredWithEveryCallInEveryLanguage() throws IOException {
        assertEquals(List.of(), MainResources.namesMissing("session", "move_call", Call.wireNames(), "%s"));
    }

    private static List<String> jsList(String script, String constant) {
        Matcher list = Pattern.compile("const " + constant + " = \\[([^\\]]*)\\];").matcher(script);
        if (!list.find()) {
            throw new AssertionError("js/sandbox.js has no const " + constant);
        }
        return Arrays.stream(list.group(1).split(",")).map(name -> name.strip().replace("'", "")).toList();
    }
}
