package lab.handshake.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import lab.handshake.engine.Language;
import org.junit.jupiter.api.Test;

/** A failure no reader of ours words is quoted in English only; a Chinese editor says it in its own words. */
@QuarkusTest
class DraftProblemWordsTest {

    @Test
    void aFailureWithoutWordsOfOursIsQuotedInEnglishAndSaidInChineseInChinese() {
        DraftProblem problem = DraftProblem.Unreadable.of(new IllegalStateException("Unexpected end of stream\nat line 3"));
        assertEquals("cannot be read: Unexpected end of stream", problem.in(Language.EN));
        assertEquals("无法读取：格式有误，请对照示例检查这份文本", problem.in(Language.ZH));
    }

    @Test
    void aLessonPageThatCannotBeRenderedIsSaidInChineseWithoutTheRenderersEnglish() {
        DraftProblem problem = new DraftProblem.PageNotShown("Template error at line 4");
        assertEquals("the lesson's page cannot be shown: Template error at line 4", problem.in(Language.EN));
        assertEquals("无法显示这一课的页面：渲染时出错，请检查 Markdown 正文和开头的元数据", problem.in(Language.ZH));
    }
}
