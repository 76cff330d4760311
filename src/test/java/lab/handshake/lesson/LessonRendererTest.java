package lab.handshake.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Simulation tags: a step no simulation can have is listed as a problem; the page still renders. */
class LessonRendererTest {

    private static LessonRenderer.Rendered render(String markdown, List<Integer> stepsAsked) {
        return LessonRenderer.renderMarkdown(markdown, (scenario, step) -> {
            stepsAsked.add(step);
            return new LessonRenderer.Embedded("<figure data-step=\"" + step + "\"></figure>", List.of());
        }, kind -> kind);
    }

    @Test
    void aStepTooLargeForAnyNumberIsAProblemAndTheSimulationStartsAtTheBeginning() {
        List<Integer> asked = new ArrayList<>();
        LessonRenderer.Rendered rendered = render("[[simulation three-way-handshake step=99999999999]]", asked);
        assertEquals(List.of(new EmbedProblem("[[simulation three-way-handshake step=99999999999]]", new EmbedProblem.StepNotAWholeNumber())),
                rendered.problems());
        assertEquals(java.util.Arrays.asList((Integer) null), asked);
        assertTrue(rendered.html().contains("<figure data-step=\"null\">"), rendered.html());
    }

    @Test
    void stepZeroIsAProblemAndAnOrdinaryStepIsPassedOn() {
        List<Integer> asked = new ArrayList<>();
        assertEquals(1, render("[[simulation syn-lost step=0]]", asked).problems().size());
        assertTrue(render("[[simulation syn-lost step=4]]", asked).problems().isEmpty());
        assertEquals(java.util.Arrays.asList(null, 4), asked);
    }

    @Test
    void theEmbeddersProblemsAreListedUnderTheTag() {
        LessonRenderer.Rendered rendered = LessonRenderer.renderMarkdown("[[simulation nope]]",
                (scenario, step) -> new LessonRenderer.Embedded("<p>missing</p>", List.of(new EmbedProblem.NoSuchScenario())), kind -> kind);
        assertEquals(List.of(new EmbedProblem("[[simulation nope]]", new EmbedProblem.NoSuchScenario())), rendered.problems());
    }
}
