package lab.handshake.limits;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import lab.handshake.api.Refusal;
import lab.handshake.config.HandshakeConfig;

/**
 * The kinds of work one client (one {@link lab.handshake.api.ClientKey}) may ask for only so often. Each kind
 * is counted either from the rows it stores in the database, so the bound holds across replicas and
 * restarts, or in a token bucket in this replica's memory, for work that stores nothing.
 */
public enum ClientLimit {
    SESSIONS("too-many-sessions", LimitProblemMessages::too_many_sessions_title, LimitProblemMessages::limit_sessions, Counting.STORED, ChronoUnit.HOURS),
    QUIZ_ATTEMPTS("too-many-attempts", LimitProblemMessages::too_many_attempts_title, LimitProblemMessages::limit_attempts, Counting.STORED, ChronoUnit.HOURS),
    TRACES("too-many-traces", LimitProblemMessages::too_many_traces_title, LimitProblemMessages::limit_traces, Counting.BUCKET, ChronoUnit.MINUTES),
    CAPTURES("too-many-captures", LimitProblemMessages::too_many_captures_title, LimitProblemMessages::limit_captures, Counting.BUCKET, ChronoUnit.MINUTES),
    /** Join codes no class has (joining, or naming a class in an attempt): bounds guessing, not a classroom joining. */
    WRONG_JOIN_CODES("too-many-join-codes", LimitProblemMessages::too_many_join_codes_title, LimitProblemMessages::limit_join_codes, Counting.BUCKET, ChronoUnit.HOURS),
    PREDICTIONS("too-many-predictions", LimitProblemMessages::too_many_predictions_title, LimitProblemMessages::limit_predictions, Counting.STORED, ChronoUnit.HOURS),
    /** LTI Dynamic Registration ({@code /lti/register}): anyone may open it, and each try makes the tool call the URL it names. */
    LTI_REGISTRATIONS("too-many-registrations", LimitProblemMessages::too_many_registrations_title, LimitProblemMessages::limit_registrations, Counting.BUCKET, ChronoUnit.HOURS),
    /** Recovery codes made (each keeps a row, and one without a learner cookie makes a learner). */
    RECOVERY_CODES("too-many-recovery-codes", LimitProblemMessages::too_many_recovery_codes_title, LimitProblemMessages::limit_recovery_codes, Counting.STORED, ChronoUnit.HOURS),
    /** Recovery codes no learner has: bounds guessing a code (and with it someone's progress). */
    WRONG_RECOVERY_CODES("too-many-wrong-recovery-codes", LimitProblemMessages::too_many_wrong_recovery_codes_title, LimitProblemMessages::limit_wrong_recovery_codes,
            Counting.BUCKET, ChronoUnit.HOURS);

    /** Where the work is counted. */
    public enum Counting {
        /** The rows this client created within the window, read from the database. */
        STORED,
        /** A token bucket per client in this replica's memory, refilled evenly over the window. */
        BUCKET
    }

    private final String problemType;
    private final Function<LimitProblemMessages, String> title;
    private final Function<LimitProblemMessages, String> what;
    private final Counting counting;
    private final ChronoUnit per;

    ClientLimit(String problemType, Function<LimitProblemMessages, String> title, Function<LimitProblemMessages, String> what, Counting counting, ChronoUnit per) {
        this.problemType = problemType;
        this.title = title;
        this.what = what;
        this.counting = counting;
        this.per = per;
    }

    /** How many the configuration allows per {@link #window()}. */
    public int allowed(HandshakeConfig.Limits config) {
        return switch (this) {
            case SESSIONS -> config.sessionsPerHour();
            case QUIZ_ATTEMPTS -> config.quizAttemptsPerHour();
            case TRACES -> config.tracesPerMinute();
            case CAPTURES -> config.capturesPerMinute();
            case WRONG_JOIN_CODES -> config.wrongJoinCodesPerHour();
            case PREDICTIONS -> config.predictionsPerHour();
            case LTI_REGISTRATIONS -> config.ltiRegistrationsPerHour();
            case RECOVERY_CODES -> config.recoveryCodesPerHour();
            case WRONG_RECOVERY_CODES -> config.wrongRecoveryCodesPerHour();
        };
    }

    public Counting counting() {
        return counting;
    }

    /** The window the allowance is counted over: an hour or a minute. */
    public Duration window() {
        return per.getDuration();
    }

    String problemType() {
        return problemType;
    }

    Refusal.Worded<String> title() {
        return Refusal.Worded.of(LimitProblemMessages.class, title);
    }

    /** "At most 60 traces may be simulated per minute from one address." */
    Refusal.Worded<String> detail(int allowed) {
        return Refusal.Worded.of(LimitProblemMessages.class, words -> words.limit_detail(allowed, what.apply(words), per == ChronoUnit.HOURS));
    }
}
