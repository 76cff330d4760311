package lab.handshake.startup;

import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import lab.handshake.delivery.StaticFiles;
import lab.handshake.lesson.LessonCatalogue;
import lab.handshake.lti.ToolKeys;
import lab.handshake.predict.MisconceptionCatalogue;
import lab.handshake.quiz.QuizCatalogue;
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.session.SandboxTaskCatalogue;
import lab.handshake.teacher.FirstAdministrator;

/**
 * The start's own work, done beside Qute's. When the start event comes, Quarkus first builds Qute's engine on the
 * main thread (its observer has priority 0), parsing every page template and every message of the bundles, some
 * 2,500: the largest part of a restart's start event. None of the work below needs that engine, so a thread of its
 * own does it meanwhile, on the second core: it reads the curriculum, compresses the static files, opens the LTI
 * keys and makes the first administrator (a bcrypt hash, first start only). The start waits for it at the end of
 * the start event, before the HTTP port opens, and what fails there stops the start as it did on the main thread
 * (a bad sandbox task file, a wrong secrets key).
 *
 * <p>The catalogues stay {@code @Startup}: when the main thread reaches one the other thread is still making, it
 * waits for that one instance (Quarkus makes an application-scoped bean once), and one the other thread has not
 * reached yet it makes itself.
 */
@ApplicationScoped
class BesideTemplateEngine {
    /** Before Qute's engine (priority 0), after the embedded database's durability setting (the lowest priority). */
    static final int BEFORE_TEMPLATE_ENGINE = -1;

    private final FutureTask<Void> work;

    BesideTemplateEngine(ScenarioCatalogue scenarios, SandboxTaskCatalogue sandboxTasks, MisconceptionCatalogue misconceptions,
                         QuizCatalogue quizzes, LessonCatalogue lessons, StaticFiles staticFiles, ToolKeys toolKeys,
                         FirstAdministrator firstAdministrator) {
        // Each catalogue is made by its first use; these are client proxies until then.
        List<Object> made = List.of(scenarios, sandboxTasks, misconceptions, quizzes, lessons, staticFiles);
        this.work = new FutureTask<>(() -> {
            made.forEach(ClientProxy::unwrap);
            toolKeys.openStoredKeys();
            firstAdministrator.createIfNoAccount();
            return null;
        });
    }

    void begin(@Observes @Priority(BEFORE_TEMPLATE_ENGINE) StartupEvent start) {
        Thread thread = new Thread(work, "start-beside-templates");
        thread.setDaemon(true);
        thread.start();
    }

    void finish(@Observes @Priority(Integer.MAX_VALUE) StartupEvent start) throws InterruptedException {
        try {
            work.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }
}
