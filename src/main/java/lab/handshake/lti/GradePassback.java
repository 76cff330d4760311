package lab.handshake.lti;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import lab.handshake.config.HandshakeConfig;
import lab.handshake.quiz.AttemptSubmitted;
import org.jboss.logging.Logger;

/**
 * AGS 2.0 grade passback. A learner's graded launch of a quiz records its line item ({@link #recordLink}); each
 * attempt of that quiz they submit then puts its score in the outbox in the attempt's own transaction
 * ({@link #queue}), so a score is never lost and never queued twice (one row per attempt id). A scheduled job
 * sends what is due, retrying with a doubling wait until the platform accepts; a row is claimed before it is
 * sent, so two replicas never send it at once. Only the score scope is asked for.
 */
@ApplicationScoped
public class GradePassback {
    private static final Logger LOG = Logger.getLogger(GradePassback.class);
    static final String SCORE_TYPE = "application/vnd.ims.lis.v1.score+json";
    static final int BATCH = 50;
    /** How long a claimed score is left to its sender before another may take it (longer than a token and a score call). */
    static final Duration CLAIM = PlatformServices.REQUEST_TIMEOUT.multipliedBy(3);
    private static final int MAX_ERROR_LENGTH = 500;
    private static final String QUIZ_PATH = "/quizzes/";

    /** The score message (AGS 2.0 §3.4): the learner's whole attempt, graded. */
    public record ScoreMessage(String userId, double scoreGiven, double scoreMaximum, String activityProgress,
                               String gradingProgress, String timestamp) {
    }

    private final PlatformServices services;
    private final Platforms platforms;
    private final HandshakeConfig.Lti config;

    public GradePassback(PlatformServices services, Platforms platforms, HandshakeConfig config) {
        this.services = services;
        this.platforms = platforms;
        this.config = config.lti();
    }

    /** Within the launch's transaction: a quiz launched with a line item and the score scope sends its scores there. */
    void recordLink(ValidatedLaunch launch, String learnerId) {
        ValidatedLaunch.GradeService grades = launch.grades();
        if (grades == null || grades.lineItem() == null || !grades.scoresAllowed()
                || launch.targetPath() == null || !launch.targetPath().startsWith(QUIZ_PATH)) {
            return;
        }
        String quizId = launch.targetPath().substring(QUIZ_PATH.length());
        LtiGradeLink link = LtiGradeLink.of(learnerId, quizId);
        if (link == null) {
            link = new LtiGradeLink();
            link.learnerId = learnerId;
            link.quizId = quizId;
        }
        link.platformId = launch.platform().id;
        link.subject = launch.subject();
        link.lineItem = grades.lineItem();
        link.launchedAt = Instant.now();
        link.persist();
    }

    /** Within the attempt's transaction: its score waits in the outbox when the quiz was launched as a graded activity. */
    void queue(@Observes AttemptSubmitted submitted) {
        LtiGradeLink link = LtiGradeLink.of(submitted.learnerId(), submitted.quizId());
        if (link == null || LtiScore.count("attemptId", submitted.attemptId()) > 0) {
            return;
        }
        LtiScore score = new LtiScore();
        score.attemptId = submitted.attemptId();
        score.platformId = link.platformId;
        score.subject = link.subject;
        score.lineItem = link.lineItem;
        score.scoreGiven = submitted.score();
        score.scoreMaximum = submitted.maxScore();
        score.submittedAt = submitted.submittedAt();
        score.nextTryAt = submitted.submittedAt();
        score.persist();
    }

    /** Sends every score that is due; the rest wait for their time. */
    @Scheduled(every = "${handshake.lti.score-send-every:10s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void sendDue() {
        Instant now = Instant.now();
        for (long id : QuarkusTransaction.requiringNew().call(() -> LtiScore.due(now, BATCH))) {
            if (QuarkusTransaction.requiringNew().call(() -> LtiScore.claim(id, now, now.plus(CLAIM)))) {
                send(id);
            }
        }
    }

    private void send(long id) {
        LtiScore score = QuarkusTransaction.requiringNew().call(() -> LtiScore.<LtiScore>findById(id));
        Optional<LtiPlatform> platform = platforms.find(score.platformId);
        String error = platform.isEmpty() ? "platform removed" : post(platform.get(), score);
        QuarkusTransaction.requiringNew().run(() -> {
            LtiScore row = LtiScore.findById(id);
            row.tries++;
            if (error == null) {
                row.sentAt = Instant.now();
                row.lastError = null;
            } else {
                row.nextTryAt = Instant.now().plus(backoff(row.tries));
                row.lastError = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
                LOG.warnf("LTI score of attempt %s not accepted (try %d, next at %s): %s", row.attemptId, row.tries, row.nextTryAt, row.lastError);
            }
        });
    }

    /** Posts the score; null when the platform accepted it, else why not. */
    private String post(LtiPlatform platform, LtiScore score) {
        try {
            String token = services.accessToken(platform, LtiScope.SCORE);
            ScoreMessage message = new ScoreMessage(score.subject, score.scoreGiven, score.scoreMaximum, "Completed", "FullyGraded",
                    score.submittedAt.toString());
            PlatformServices.Answer answer = services.send(HttpRequest.newBuilder(java.net.URI.create(scoresUrl(score.lineItem)))
                    .header("Authorization", "Bearer " + token).header("Content-Type", SCORE_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofString(services.write(message))));
            if (answer.status() == 401) {
                services.forgetToken(platform, LtiScope.SCORE);
            }
            return answer.accepted() ? null : "scores endpoint answered " + answer.status();
        } catch (PlatformServices.CallFailed e) {
            return e.getMessage();
        }
    }

    /** The line item's scores service (AGS 2.0 §3.4): "/scores" added to its path, its query kept. */
    static String scoresUrl(String lineItem) {
        int query = lineItem.indexOf('?');
        return query < 0 ? lineItem + "/scores" : lineItem.substring(0, query) + "/scores" + lineItem.substring(query);
    }

    /** The wait after the given number of tries: the first wait, doubled each further try, at most the longest. */
    Duration backoff(int tries) {
        Duration wait = config.scoreRetryFirst();
        for (int i = 1; i < tries && wait.compareTo(config.scoreRetryMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.scoreRetryMax()) > 0 ? config.scoreRetryMax() : wait;
    }
}
