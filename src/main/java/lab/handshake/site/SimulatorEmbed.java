package lab.handshake.site;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.lesson.EmbedProblem;
import lab.handshake.lesson.LessonRenderer;
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.scenario.TraceService;

/**
 * The HTML of one simulation, the same in a lesson and on the simulator page: the element the simulator
 * script mounts on, and, for readers without JavaScript, the table of its segments.
 */
@ApplicationScoped
public class SimulatorEmbed {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance embed(ScenarioSpec scenario, String title, String summary, Trace trace,
                                             String lang, Integer step, boolean standalone, boolean firstOnPage);

        static native TemplateInstance missing(String id);
    }

    private final ScenarioCatalogue catalogue;
    private final TraceService traces;

    public SimulatorEmbed(ScenarioCatalogue catalogue, TraceService traces) {
        this.catalogue = catalogue;
        this.traces = traces;
    }

    /** The embed of a catalogue scenario on its own page, starting at the first step. */
    public String html(String scenarioId, Language language) {
        return embed(scenarioId, null, language, true, true).html();
    }

    /**
     * The embeds of one lesson page, in order: the first carries predict mode's panel, which predict.js copies to
     * the others (the panel is the same words for every simulator, and a lesson may hold several).
     */
    public LessonRenderer.SimulationEmbedder forPage(Language language) {
        boolean[] first = {true};
        return (scenario, step) -> {
            LessonRenderer.Embedded embedded = embed(scenario, step, language, false, first[0]);
            first[0] = false;
            return embedded;
        };
    }

    /**
     * The embed of a catalogue scenario in a lesson, starting at {@code step} (counted from 1). A scenario that
     * does not exist becomes a short notice, and a step beyond the last one the last step; either is listed as
     * a problem, which stops a teacher's lesson from being published.
     */
    private LessonRenderer.Embedded embed(String scenarioId, Integer step, Language language, boolean standalone,
                                          boolean firstOnPage) {
        Optional<ScenarioSpec> scenario = catalogue.find(scenarioId);
        if (scenario.isEmpty()) {
            return new LessonRenderer.Embedded(Templates.missing(scenarioId).setLocale(language.locale()).render(),
                    List.of(new EmbedProblem.NoSuchScenario()));
        }
        ScenarioSpec spec = scenario.get();
        Trace trace = traces.catalogueTrace(spec, ScenarioRunner.Overrides.NONE, language);
        int last = trace.steps().size();
        List<EmbedProblem.What> problems = step != null && step > last
                ? List.of(new EmbedProblem.StepBeyondLast(step, last)) : List.of();
        Integer start = step == null ? null : Math.min(step, last);
        String html = Templates.embed(spec, Language.text(spec.title(), language.code()),
                        Language.text(spec.summary(), language.code()), trace, language.code(), start, standalone, firstOnPage)
                .setLocale(language.locale()).render();
        return new LessonRenderer.Embedded(html, problems);
    }
}
