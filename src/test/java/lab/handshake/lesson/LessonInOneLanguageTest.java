package lab.handshake.lesson;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import lab.handshake.authoring.Authoring;
import org.junit.jupiter.api.Test;

/**
 * A teacher's lesson written in one language is shown in it when the other is asked for, marked as that language,
 * with a note in the reader's language saying why; a lesson in the language asked for has no note.
 */
@QuarkusTest
class LessonInOneLanguageTest {
    private static String lesson(String id, String title, String body) {
        return "---\nid: " + id + "\norder: 60\ntitle: " + title + "\nsummary: " + title + "\nscenarios: []\nquizzes: []\n---\n\n" + body + "\n";
    }

    @Test
    void aChineseOnlyLessonAskedForInEnglishIsShownInChineseWithANote() {
        Authoring.asAdmin().publishNew("lesson", "only-chinese", "zh", lesson("only-chinese", "只有中文", "## 内容\n\n握手。"));
        given().get("/lessons/only-chinese?lang=en").then().statusCode(200)
                .body(containsString("<html lang=\"en\""))
                .body(containsString("This lesson has been written in Chinese only"))
                .body(containsString("<article class=\"lesson\" data-lesson=\"only-chinese\" lang=\"zh\">"))
                .body(containsString("握手。"));
    }

    @Test
    void anEnglishOnlyLessonAskedForInChineseIsShownInEnglishWithANoteInChinese() {
        Authoring.asAdmin().publishNew("lesson", "only-english", "en", lesson("only-english", "English only", "## Body\n\nHandshake."));
        given().get("/lessons/only-english?lang=zh").then().statusCode(200)
                .body(containsString("本课只有英文版"))
                .body(containsString("data-lesson=\"only-english\" lang=\"en\">"));
        given().get("/lessons/only-english?lang=en").then().statusCode(200)
                .body(not(containsString("lesson-other-language")));
    }
}
