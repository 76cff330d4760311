package lab.handshake.lti;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import lab.handshake.assignments.AssignmentService;
import lab.handshake.config.HandshakeConfig;
import lab.handshake.quiz.AttemptExclusionChanged;
import lab.handshake.quiz.AttemptSubmitted;
import lab.handshake.quiz.QuizAttempt;
import org.jboss.logging.Logger;

/**
 * AGS 2.0 grade passback. A learner's graded launch of a quiz records its line item ({@link #recordLink}); each
 * attempt of that quiz they submit then puts a score in the outbox in the attempt's own transaction
 * ({@link #queue}), so a score is never lost and never queued twice (one row per submitted attempt). A scheduled
 * job sends what is due, retrying with a doubling wait until the platform accepts; a row is claimed before it is
 * sent, so two replicas never send it at once. Only the score scope is asked for, and the line item scope when the
 * tool has to create the line item ({@link LineItems}); a platform refusing that is not asked again for that row.
 * <p>
 * Which score: when the quiz is an assignment of the class the launch belongs to, the LMS gradebook should show
 * what the class's results show, the score the assignment counts (best, last or first of the attempts allowed in
 * its window). It is worked out again at every submission, and a row is queued only when the counted attempt
 * differs from the one the LMS was last sent: so with BEST a worse later attempt sends nothing (the LMS keeps the
 * earlier best), with FIRST only the first attempt is sent, and a teacher's own change to the grade in the LMS is
 * not overwritten by a score that did not change. Without an assignment every attempt's score is sent and the LMS
 * keeps the latest. Each row carries the submission's time as its timestamp, so rows sent out of order still end
 * with the newest counted score in the LMS (a platform keeps the score with the latest timestamp, AGS 2.0 §3.4.6).
 * A teacher excluding an attempt, or counting it again, works out what counts in the same way at once
 * ({@link #requeue}), timestamped with the change, and clears the grade when nothing counts any more.
 */
@ApplicationScoped
public class GradePassback {
    private static final Logger LOG = Logger.getLogger(GradePassback.class);
    static final String SCORE_TYPE = "application/vnd.ims.lis.v1.score+json";
    static final int BATCH = 50;
    private static final int MAX_ERROR_LENGTH = 500;
    private static final String QUIZ_PATH = "/quizzes/";

    /**
     * The score message (AGS 2.0 §3.4): the learner's whole attempt, graded; or, when no attempt counts any more, no
     * score and not graded, which the platform takes as clearing the learner's result (scoreGiven is optional there).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScoreMessage(String userId, Double scoreGiven, Double scoreMaximum, String activityProgress,
                               String gradingProgress, String timestamp) {
        /**
         * AGS 2.0 score service: ISO 8601 with sub-second precision, which {@link Instant#toString()} drops on a whole second;
         * microseconds, the database's precision, so scores made in one millisecond keep their order.
         */
        static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

        static ScoreMessage of(LtiScore score) {
            String timestamp = TIMESTAMP.format(score.submittedAt);
            return score.cleared
                    ? new ScoreMessage(score.subject, null, null, "Initialized", "NotReady", timestamp)
                    : new ScoreMessage(score.subject, score.scoreGiven, score.scoreMaximum, "Completed", "FullyGraded", timestamp);
        }
    }

    /** What one try of a row came to: sent (no error), to be tried again, or given up. */
    private record Tried(String lineItem, String error, boolean givenUp) {
    }

    private final PlatformServices services;
    private final Platforms platforms;
    private final LineItems lineItems;
    private final AssignmentService assignments;
    private final HandshakeConfig.Lti config;

    public GradePassback(PlatformServices services, Platforms platforms, LineItems lineItems, AssignmentService assignments,
                         HandshakeConfig config) {
        this.services = services;
        this.platforms = platforms;
        this.lineItems = lineItems;
        this.assignments = assignments;
        this.config = config.lti();
    }

    /**
     * Within the launch's transaction: a quiz launched is remembered for the learner with the launch's course's class
     * ({@code classId}, null outside a course), so their attempts count for it wherever they open the quiz again; a
     * launch with the score scope and a line item (or the course's line items service and its resource link) also
     * sends the quiz's scores there. It replaces the learner's earlier launch of the quiz.
     */
    void recordLink(ValidatedLaunch launch, String learnerId, Long classId) {
        if (launch.targetPath() == null || !launch.targetPath().startsWith(QUIZ_PATH)) {
            return;
        }
        ValidatedLaunch.GradeService grades = launch.grades();
        boolean graded = grades != null && grades.scoresAllowed()
                && (grades.lineItem() != null || grades.lineItems() != null && grades.resourceLinkId() != null);
        String quizId = launch.targetPath().substring(QUIZ_PATH.length());
        LtiGradeLink link = LtiGradeLink.of(learnerId, quizId);
        if (link == null) {
            link = new LtiGradeLink();
            link.learnerId = learnerId;
            link.quizId = quizId;
        }
        link.platformId = launch.platform().id;
        link.subject = launch.subject();
        link.lineItem = !graded ? null : grades.lineItem() != null ? grades.lineItem() : LineItems.known(launch.platform().id, grades.resourceLinkId());
        link.lineItemsUrl = !graded || grades.lineItem() != null ? null : grades.lineItems();
        link.resourceLinkId = graded ? grades.resourceLinkId() : null;
        link.classId = classId;
        link.launchedAt = Instant.now();
        link.persist();
    }

    /** Within the attempt's transaction: the score that counts after it waits in the outbox, when it changed (see the class comment). */
    void queue(@Observes AttemptSubmitted submitted) {
        LtiGradeLink link = LtiGradeLink.of(submitted.learnerId(), submitted.quizId());
        if (link == null || !link.graded() || LtiScore.count("attemptId", submitted.attemptId()) > 0) {
            return;
        }
        Counting counting = countingAfter(link, submitted.learnerId(), submitted.quizId(), submitted.submittedAt());
        if (counting.attemptId() != null
                && differs(LtiScore.latestFor(link.platformId, link.subject, submitted.learnerId(), submitted.quizId()), counting.attemptId())) {
            enqueue(link, submitted.attemptId(), counting, false, submitted.submittedAt());
        }
    }

    /**
     * Within the teacher's transaction: excluding an attempt of the launch's class, or counting it again, sends the
     * score that counts now, or clears the grade when none does; nothing when the LMS already has that, or was never
     * sent a score for the quiz.
     */
    void requeue(@Observes AttemptExclusionChanged changed) {
        LtiGradeLink link = LtiGradeLink.of(changed.learnerId(), changed.quizId());
        if (link == null || !link.graded() || link.classId == null || link.classId != changed.classId()) {
            return;
        }
        LtiScore last = LtiScore.latestFor(link.platformId, link.subject, changed.learnerId(), changed.quizId());
        if (last == null) {
            return;
        }
        QuizAttempt attempt = QuizAttempt.findById(changed.attemptId());
        Counting counting = countingAfter(link, changed.learnerId(), changed.quizId(), attempt.submittedAt);
        boolean cleared = counting.attemptId() == null;
        if (differs(last, counting.attemptId())) {
            // A cleared row names the attempt that stopped counting, so it still names the learner and the quiz.
            enqueue(link, null, cleared ? new Counting(attempt.id, 0, attempt.maxScore) : counting, cleared, Instant.now());
        }
    }

    /** The attempt whose score counts (null: none does) and that score. */
    private record Counting(String attemptId, double score, int maxScore) {
    }

    /**
     * What counts now for the attempt made at {@code at}: the assignment's pick when the quiz is an assignment of
     * the launch's class, else the newest attempt no teacher excluded (the LMS keeps the latest).
     */
    private Counting countingAfter(LtiGradeLink link, String learnerId, String quizId, Instant at) {
        Optional<AssignmentService.CountedAttempt> assigned = link.classId == null ? Optional.empty()
                : assignments.counted(link.classId, learnerId, quizId, at);
        if (assigned.isPresent()) {
            AssignmentService.CountedAttempt counted = assigned.get();
            return new Counting(counted.attemptId(), counted.score(), counted.maxScore());
        }
        QuizAttempt latest = QuizAttempt.latestCounting(learnerId, quizId);
        return latest == null ? new Counting(null, 0, 0) : new Counting(latest.id, latest.score, latest.maxScore);
    }

    /**
     * Whether {@code last}, what the LMS was last sent (null: nothing), is other than this attempt's score
     * ({@code null}: other than a cleared grade).
     */
    private static boolean differs(LtiScore last, String countedAttemptId) {
        if (last == null) {
            return countedAttemptId != null;
        }
        return countedAttemptId == null ? !last.cleared : last.cleared || !countedAttemptId.equals(last.countedAttemptId);
    }

    private static void enqueue(LtiGradeLink link, String submittedAttemptId, Counting counting, boolean cleared, Instant at) {
        LtiScore score = new LtiScore();
        score.attemptId = submittedAttemptId;
        score.countedAttemptId = counting.attemptId();
        score.scoreGiven = counting.score();
        score.scoreMaximum = counting.maxScore();
        score.cleared = cleared;
        score.classId = link.classId;
        score.platformId = link.platformId;
        score.subject = link.subject;
        score.lineItem = link.lineItem != null ? link.lineItem : LineItems.known(link.platformId, link.resourceLinkId);
        score.lineItemsUrl = link.lineItemsUrl;
        score.resourceLinkId = link.resourceLinkId;
        score.submittedAt = at;
        score.nextTryAt = at;
        score.persist();
    }

    /** Sends every score that is due; the rest wait for their time. */
    @Scheduled(every = "${handshake.lti.score-send-every:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void sendDue() {
        Instant now = Instant.now();
        for (long id : QuarkusTransaction.requiringNew().call(() -> LtiScore.due(now, BATCH))) {
            if (QuarkusTransaction.requiringNew().call(() -> LtiScore.claim(id, now, now.plus(services.claimTime())))) {
                send(id);
            }
        }
    }

    private void send(long id) {
        LtiScore score = QuarkusTransaction.requiringNew().call(() -> LtiScore.<LtiScore>findById(id));
        Optional<LtiPlatform> platform = platforms.find(score.platformId);
        Tried tried = platform.isEmpty() ? new Tried(null, "platform removed", false) : deliver(platform.get(), score);
        QuarkusTransaction.requiringNew().run(() -> {
            LtiScore row = LtiScore.findById(id);
            row.tries++;
            if (row.lineItem == null) {
                row.lineItem = tried.lineItem();
            }
            if (tried.error() == null) {
                row.sentAt = Instant.now();
                row.lastError = null;
                return;
            }
            row.lastError = tried.error().length() > MAX_ERROR_LENGTH ? tried.error().substring(0, MAX_ERROR_LENGTH) : tried.error();
            if (tried.givenUp()) {
                row.givenUpAt = Instant.now();
                LOG.warnf("LTI score %d (attempt %s) given up: %s", row.id, row.countedAttemptId, row.lastError);
            } else {
                row.nextTryAt = Instant.now().plus(backoff(row.tries));
                LOG.warnf("LTI score %d (attempt %s) not accepted (try %d, next at %s): %s", row.id, row.countedAttemptId, row.tries, row.nextTryAt,
                        row.lastError);
            }
        });
    }

    /** Finds (or creates) the line item, then posts the score. */
    private Tried deliver(LtiPlatform platform, LtiScore score) {
        String lineItem = score.lineItem;
        try {
            if (lineItem == null) {
                String quizId = QuarkusTransaction.requiringNew().call(() -> QuizAttempt.<QuizAttempt>findById(score.countedAttemptId).quizId);
                lineItem = lineItems.lineItemFor(platform, score.lineItemsUrl, score.resourceLinkId, quizId, score.scoreMaximum);
            }
            return new Tried(lineItem, post(platform, lineItem, score), false);
        } catch (LineItems.Refused e) {
            return new Tried(null, e.getMessage(), true);
        } catch (PlatformServices.CallFailed e) {
            return new Tried(lineItem, e.getMessage(), false);
        }
    }

    /** Posts the score; null when the platform accepted it, else why not. */
    private String post(LtiPlatform platform, String lineItem, LtiScore score) throws PlatformServices.CallFailed {
        String token = services.accessToken(platform, LtiScope.SCORE);
        ScoreMessage message = ScoreMessage.of(score);
        PlatformServices.Answer answer = services.send(HttpRequest.newBuilder(java.net.URI.create(scoresUrl(lineItem)))
                .header("Authorization", "Bearer " + token).header("Content-Type", SCORE_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(services.write(message))));
        if (answer.status() == 401) {
            services.forgetToken(platform, LtiScope.SCORE);
        }
        return answer.accepted() ? null : "scores endpoint answered " + answer.status();
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
