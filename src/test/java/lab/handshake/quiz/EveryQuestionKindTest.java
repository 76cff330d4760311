package lab.handshake.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import lab.handshake.MainResources;
import org.junit.jupiter.api.Test;

/**
 * A new question kind is one record implementing {@link Question} (the compiler asks for its checks, grading,
 * words and exports) and one {@link QuestionKind} constant; the pages choose its fields and its name by the kind's
 * code, which these tests look for, naming each place a new kind still lacks.
 */
class EveryQuestionKindTest {
    @Test
    void everyKindIsReadAsItsOwnRecord() {
        for (QuestionKind kind : QuestionKind.values()) {
            assertEquals(kind, QuestionKind.of(kind.code()).orElseThrow());
        }
        assertEquals(QuestionKind.values().length, QuestionKind.codes().size(), "two kinds with one code");
    }

    @Test
    void everyKindHasItsFieldsOnTheLearnersAndTheTeachersPages() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String template : List.of("templates/tags/quizFields.html", "templates/AuthoringPages/quizForm.html")) {
            String text = MainResources.text(template);
            QuestionKind.codes().stream().filter(code -> !text.contains("'" + code + "'"))
                    .forEach(code -> missing.add(template + ": the fields of '" + code + "'"));
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyKindHasItsNameInEveryLanguage() throws IOException {
        assertEquals(List.of(), MainResources.namesMissing("authoring", "question_kind", QuestionKind.codes(), "{#is '%s'}"));
    }
}
