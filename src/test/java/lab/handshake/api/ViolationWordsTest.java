package lab.handshake.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import lab.handshake.engine.Language;
import lab.handshake.engine.spec.Violation;
import org.junit.jupiter.api.Test;

/** Every rule a specification can break is worded in English and in Chinese, from the problem bundle. */
@QuarkusTest
class ViolationWordsTest {
    /** One violation of every rule, with the arguments SpecValidator and WorkEstimate give it. */
    private static final List<Violation> ONE_OF_EACH = List.of(
            Violation.outOfRange("params.lossRate", 0, 1),
            Violation.atLeast("inject[0].flood.count", 1),
            Violation.aboveAndAtMost("inject[0].flood.ratePerMs", 0, 1_000),
            Violation.notOneOf("actions[0].host", List.of("client", "server")),
            Violation.unknownItem("faults[0].match.flags", "URG", List.of("SYN", "FIN", "RST", "PSH", "ACK")),
            Violation.notAnId("id", 64),
            Violation.notASubnet("inject[0].flood.fromSubnet", 8, 30),
            Violation.required("inject[0].seq"),
            Violation.requiredWith("faults[0].ms", "delay"),
            Violation.onlyWith("actions[0].bytes", List.of("send", "read")),
            Violation.exactlyOneOf("actions[0]", List.of("at", "on")),
            Violation.notWith("inject[0]", List.of("from", "flags", "seq"), "flood"),
            Violation.sameAs("inject[0].to", "from"),
            Violation.tooMany("actions", 200, Violation.Counted.ACTIONS),
            Violation.dataOverTrace("actions", 10, 6_000, 5_000),
            Violation.floodOverTrace("inject[0].flood.count", 18_000, 5_000),
            Violation.notPerHost("params.client.lossRate", "params.lossRate"));
    /** Words of three letters or more outside quotes: English in a Chinese sentence, if no code name. */
    private static final Pattern ENGLISH_WORD = Pattern.compile("\\b[a-z]{3,}\\b");
    private static final Set<String> CODE_NAMES = Set.of("params", "mss", "synAckRetries", "untilMs");

    @Test
    void shouldWordEveryRuleInBothLanguages() {
        assertEquals(EnumSet.allOf(Violation.Rule.class), ONE_OF_EACH.stream().map(Violation::rule)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Violation.Rule.class))), "one of each rule");
        for (Violation violation : ONE_OF_EACH) {
            String english = ViolationWords.message(violation, ProblemMapper.words(Language.EN));
            String chinese = ViolationWords.message(violation, ProblemMapper.words(Language.ZH));
            assertFalse(english.isBlank() || english.contains("{"), violation + ": " + english);
            assertFalse(chinese.isBlank() || chinese.contains("{"), violation + ": " + chinese);
            String unquoted = chinese.replaceAll("“[^”]*”", "");
            assertTrue(ENGLISH_WORD.matcher(unquoted).results().map(m -> m.group()).allMatch(CODE_NAMES::contains),
                    violation + ": " + chinese);
        }
    }

    @Test
    void shouldKeepTheEnglishTheApiAlwaysGave() {
        ProblemMessages english = ProblemMapper.words(Language.EN);
        assertEquals("params.lossRate must be between 0 and 1", ViolationWords.line(ONE_OF_EACH.get(0), english));
        assertEquals("at most 200 actions", ViolationWords.message(Violation.tooMany("actions", 200, Violation.Counted.ACTIONS), english));
        assertEquals("at most 20 tags", ViolationWords.message(Violation.tooMany("tags", 20, Violation.Counted.TAGS), english));
        assertEquals("the data sent, cut into segments of at most 10 bytes (params.mss), needs at least 6000 segments; a trace holds at most 5000",
                ViolationWords.message(Violation.dataOverTrace("actions", 10, 6_000, 5_000), english));
        assertEquals("params.client.lossRate is a setting of the whole scenario, not of one host: set 'params.lossRate'",
                ViolationWords.line(ONE_OF_EACH.get(16), english));
    }

    @Test
    void shouldListAlternativesAsASentenceDoes() {
        assertEquals("must be 'client' or 'server'", ViolationWords.message(ONE_OF_EACH.get(3), ProblemMapper.words(Language.EN)));
        assertEquals("'URG' is unknown (expected 'SYN', 'FIN', 'RST', 'PSH' or 'ACK')",
                ViolationWords.message(ONE_OF_EACH.get(4), ProblemMapper.words(Language.EN)));
        assertEquals("必须是“client”或“server”", ViolationWords.message(ONE_OF_EACH.get(3), ProblemMapper.words(Language.ZH)));
        assertEquals("最多 200 个动作", ViolationWords.message(ONE_OF_EACH.get(13), ProblemMapper.words(Language.ZH)));
    }
}
