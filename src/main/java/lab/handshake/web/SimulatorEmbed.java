package lab.handshake.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import lab.handshake.engine.Language;
import lab.handshake.engine.ScenarioRunner;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
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
                                             String lang, Integer step, boolean standalone);

        static native TemplateInstance missing(String id);
    }

    private final ScenarioCatalogue catalogue;
    private final TraceService traces;

    public SimulatorEmbed(ScenarioCatalogue catalogue, TraceService traces) {
        this.catalogue = catalogue;
        this.traces = traces;
    }

    /** The embed of a catalogue scenario, or a short notice if the lesson names one that does not exist. */
    public String html(String scenarioId, Integer step, Language language, boolean standalone) {
        Optional<ScenarioSpec> scenario = catalogue.find(scenarioId);
        if (scenario.isEmpty()) {
            return Templates.missing(scenarioId).setLocale(language.locale()).render();
        }
        ScenarioSpec spec = scenario.get();
        Trace trace = traces.catalogueTrace(spec, ScenarioRunner.Overrides.NONE, language);
        return Templates.embed(spec, ScenarioSpec.text(spec.title(), language.code()),
                        ScenarioSpec.text(spec.summary(), language.code()), trace, language.code(), step, standalone)
                .setLocale(language.locale()).render();
    }
}
