package lab.handshake.predict;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.TcpState;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import lab.handshake.limits.ClientLimit;
import lab.handshake.limits.ClientLimits;
import lab.handshake.predict.PredictApi.Accuracy;
import lab.handshake.predict.PredictApi.MisconceptionView;
import lab.handshake.predict.PredictApi.NextQuestion;
import lab.handshake.predict.PredictApi.Outcome;
import lab.handshake.predict.PredictApi.PredictedSegment;
import lab.handshake.predict.PredictApi.PredictionRequest;
import lab.handshake.predict.PredictApi.PredictionResult;
import lab.handshake.predict.PredictApi.QuestionView;
import lab.handshake.predict.PredictApi.ScenarioAccuracy;
import lab.handshake.predict.PredictApi.SegmentView;
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.scenario.TraceService;

/**
 * Predict mode: the questions of a catalogue scenario's trace ({@link Questions}), grading a prediction
 * against it ({@link Verdict}), and the learners' predictions kept as {@link Prediction} rows, bounded per
 * client ({@link ClientLimit#PREDICTIONS}).
 */
@ApplicationScoped
public class PredictionService {
    private static final List<String> STATES = Arrays.stream(TcpState.values()).map(Enum::name).toList();
    /** What a listener does with a spoofed SYN: a half-open entry's state change, a SYN,ACK sent, the SYN dropped. */
    private static final Set<StepKind> LISTENER_DECISIONS = EnumSet.of(StepKind.STATE, StepKind.SEND, StepKind.DISCARD);

    /** A class's predictions on one step of one scenario: how many, how many right, and the most common wrong answer. */
    public record StepStats(String scenario, String title, int step, String event, long total, long right,
                            String commonWrong, long commonWrongCount) {
        public int percentRight() {
            return total == 0 ? 0 : (int) Math.round(100.0 * right / total);
        }
    }

    /** How many predictions of a run not kept (a sandbox's) were right so far, as its page counted them. */
    public record Tally(long right, long total) {
        /** Most predictions one page counts; enough for any session (its moves are bounded far below). */
        public static final long MAX = 100_000;
    }

    private final ScenarioCatalogue catalogue;
    private final TraceService traces;
    private final ClientLimits limits;
    private final MisconceptionCatalogue misconceptions;
    private final EntityManager entities;

    public PredictionService(ScenarioCatalogue catalogue, TraceService traces, ClientLimits limits,
                             MisconceptionCatalogue misconceptions, EntityManager entities) {
        this.catalogue = catalogue;
        this.traces = traces;
        this.limits = limits;
        this.misconceptions = misconceptions;
        this.entities = entities;
    }

    /** The first question asked after step {@code after} (a step index; -1 or null for the first). */
    public NextQuestion next(String scenarioId, Integer after, AskedSteps asked, String profile, Language language,
                             String learnerId) {
        Trace trace = trace(scenarioId, profile, language);
        PredictMessages words = words(language);
        List<Question> questions = Questions.of(trace).stream().filter(asked::asks).toList();
        int from = after == null ? -1 : after;
        Question next = questions.stream().filter(q -> q.index() > from).findFirst().orElse(null);
        QuestionView view = next == null ? null : view(next, questions.indexOf(next) + 1, questions.size(), words);
        Accuracy accuracy = accuracy(learnerId, scenarioId, words);
        return new NextQuestion(scenarioId, trace.profile(), view, STATES, accuracy,
                next == null ? words.predict_done(accuracy.text()) : null);
    }

    /** Grades the prediction, keeps it for the learner, and says what happened and why. */
    @Transactional
    public PredictionResult submit(String scenarioId, PredictionRequest request, String learnerId, String clientKey,
                                   Language language) {
        if (request == null) {
            throw PredictApi.invalid("body", Worded.of(PredictProblemMessages.class, PredictProblemMessages::must_be_prediction));
        }
        Trace trace = trace(scenarioId, request.profile(), language);
        if (request.step() == null) {
            throw PredictApi.invalid("step", Worded.of(ProblemMessages.class, ProblemMessages::body_required));
        }
        Question question = Questions.of(trace).stream().filter(q -> q.index() == request.step()).findFirst()
                .orElseThrow(() -> PredictApi.invalid("step", Worded.of(PredictProblemMessages.class, PredictProblemMessages::not_a_question_step)));
        SeqNames names = SeqNames.of(trace);
        Answer answer = read(request.state(), request.segment(), names, question);
        Verdict verdict = Verdict.of(question, answer, names);
        limits.checkStored(ClientLimit.PREDICTIONS, clientKey, Prediction.class);
        Prediction row = new Prediction();
        row.learnerId = learnerId;
        row.clientKey = clientKey;
        row.scenarioId = scenarioId;
        row.profile = trace.profile();
        row.stepIndex = question.index();
        row.state = answer.state().name();
        if (!answer.sendsNothing()) {
            row.flags = String.join(",", answer.sent().flagNames());
            row.seq = answer.sent().seq() == null ? null : names.name(answer.sent().seq());
            row.ack = answer.sent().ack() == null ? null : names.name(answer.sent().ack());
            row.sentTo = answer.sent().to() == null ? null : answer.sent().to().wireName();
        }
        row.stateRight = verdict.stateRight();
        row.segmentRight = verdict.segmentRight();
        row.misconception = verdict.misconception() == null ? null : verdict.misconception().id();
        row.createdAt = Instant.now();
        row.persist();
        return result(trace, question, answer, verdict, names, language, accuracy(learnerId, scenarioId, words(language)));
    }

    /**
     * The questions of a trace that is not a catalogue scenario's (a sandbox session's next move, run on a copy):
     * those at or after step {@code fromStep}, one per decision, in the order they are asked; none when nothing is
     * decided there. They carry no progress: such a run has no known end.
     */
    public List<QuestionView> questions(Trace trace, int fromStep, Language language) {
        PredictMessages words = words(language);
        return Questions.ofMove(trace, fromStep).stream().map(q -> view(q, null, 0, words)).toList();
    }

    /**
     * Grades a prediction of the {@code decision}th of {@link #questions(Trace, int, Language)} (from 0) exactly as a
     * catalogue prediction is graded, without keeping it; {@code before} is the accuracy of the run so far, which
     * this answer adds to. Empty when no such question is asked there.
     */
    public Optional<PredictionResult> grade(Trace trace, int fromStep, int decision, String state, PredictedSegment segment,
                                            Tally before, Language language) {
        List<Question> questions = Questions.ofMove(trace, fromStep);
        Optional<Question> asked = decision < questions.size() ? Optional.of(questions.get(decision)) : Optional.empty();
        if (asked.isEmpty()) {
            return Optional.empty();
        }
        SeqNames names = SeqNames.of(trace);
        Answer answer = read(state, segment, names, asked.get());
        Verdict verdict = Verdict.of(asked.get(), answer, names);
        long right = before.right() + (verdict.right() ? 1 : 0);
        long total = before.total() + 1;
        Accuracy accuracy = new Accuracy(right, total, words(language).predict_accuracy_text(right, total));
        return Optional.of(result(trace, asked.get(), answer, verdict, names, language, accuracy));
    }

    /** The states a prediction chooses from, spelled as in traces. */
    public static List<String> states() {
        return STATES;
    }

    /** What happened at the question's moment, why, and how the answer compares. */
    private PredictionResult result(Trace trace, Question question, Answer answer, Verdict verdict, SeqNames names,
                                    Language language, Accuracy accuracy) {
        PredictMessages words = words(language);
        TraceSegment expected = question.firstSent();
        Outcome expectedOutcome = outcome(question.state(), expected == null ? null : view(expected), question.sentTo(), words);
        Outcome given = outcome(answer.state().name(), answer.sendsNothing() ? null : new SegmentView(answer.sent().flagNames(),
                answer.sent().seq() == null ? null : names.name(answer.sent().seq()),
                answer.sent().ack() == null ? null : names.name(answer.sent().ack()), 0), answer.sentTo(), words);
        int more = question.sent().size() - 1;
        return new PredictionResult(verdict.right(), verdict.stateRight(), verdict.segmentRight(), verdictText(verdict, words),
                expectedOutcome, given, rule(trace, question), explanation(trace, question),
                more > 0 ? words.predict_more_segments(more) : null, floodNote(question, words), misconception(verdict, language),
                question.lastStep(), accuracy);
    }

    /**
     * What a spoofed SYN's moment teaches beyond its step's explanation: why the seq was not graded and where the answer
     * goes, or that a full SYN queue answers nothing; null for the taught connection's moments.
     */
    private static String floodNote(Question question, PredictMessages words) {
        if (question.spoofed() == null) {
            return null;
        }
        SpoofedSyn.ChosenSeq chosen = question.chosenSeq();
        if (chosen == null) {
            return question.spoofed().moment() == SpoofedSyn.Moment.NOT_KEPT ? words.predict_note_dropped() : null;
        }
        String seq = chosen == SpoofedSyn.ChosenSeq.COOKIE ? words.predict_note_cookie() : words.predict_note_isn();
        return question.sentTo() == SentTo.FORGED_SOURCE ? seq + " " + words.predict_note_forged_source() : seq;
    }

    /** Every scenario this learner predicted on, with how many predictions were right. */
    public List<ScenarioAccuracy> progress(String learnerId, Language language) {
        List<Object[]> rows = entities.createQuery("select p.scenarioId, sum(case when p.stateRight = true and p.segmentRight = true"
                        + " then 1 else 0 end), count(p) from Prediction p where p.learnerId = :learner group by p.scenarioId"
                        + " order by p.scenarioId", Object[].class).setParameter("learner", learnerId).getResultList();
        return rows.stream().map(r -> new ScenarioAccuracy((String) r[0], title((String) r[0], language),
                ((Number) r[1]).longValue(), ((Number) r[2]).longValue())).toList();
    }

    /** All of this learner's predictions together, in words. */
    public Accuracy overall(String learnerId, Language language) {
        return accuracy(learnerId, null, words(language));
    }

    /**
     * For a teacher's class: per scenario step the learners of the class predicted, how often they were right and
     * their most common wrong answer.
     */
    public List<StepStats> classSteps(long classId, Language language) {
        List<Prediction> rows = entities.createQuery("select p from Prediction p where p.learnerId in"
                + " (select m.learnerId from ClassMember m where m.classId = :classId)"
                + " order by p.scenarioId, p.stepIndex", Prediction.class).setParameter("classId", classId).getResultList();
        Map<String, List<Prediction>> byStep = new LinkedHashMap<>();
        for (Prediction p : rows) {
            byStep.computeIfAbsent(p.scenarioId + "\n" + p.stepIndex, k -> new ArrayList<>()).add(p);
        }
        PredictMessages words = words(language);
        Map<String, List<Question>> questions = new HashMap<>(); // per scenario and profile, made once
        List<StepStats> stats = new ArrayList<>();
        for (List<Prediction> step : byStep.values()) {
            Prediction first = step.get(0);
            Map<String, Long> wrong = new LinkedHashMap<>();
            step.stream().filter(p -> !p.right()).forEach(p -> wrong.merge(answerText(p, words), 1L, Long::sum));
            Map.Entry<String, Long> common = wrong.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
            stats.add(new StepStats(first.scenarioId, title(first.scenarioId, language), first.stepIndex + 1,
                    event(questions, first, words, language), step.size(),
                    step.stream().filter(Prediction::right).count(), common == null ? null : common.getKey(),
                    common == null ? 0 : common.getValue()));
        }
        stats.sort(Comparator.comparing(StepStats::scenario).thenComparingInt(StepStats::step));
        return stats;
    }

    /**
     * Whether a stored prediction is of a step these asked steps ask. Which steps change state is read from the
     * prediction's trace (its scenario and profile), made once per predicate; a scenario withdrawn since keeps all.
     */
    public Predicate<Prediction> askedBy(AskedSteps asked) {
        if (asked.ask() == AskedSteps.Ask.ALL) {
            return p -> true;
        }
        Map<String, Set<Integer>> askedIndexes = new HashMap<>();
        return p -> {
            Set<Integer> indexes = askedIndexes.computeIfAbsent(p.scenarioId + " " + p.profile, key -> {
                try {
                    return Questions.of(trace(p.scenarioId, p.profile, Language.EN)).stream().filter(asked::asks)
                            .map(Question::index).collect(Collectors.toSet());
                } catch (Refusal withdrawn) {
                    return null;
                }
            });
            return indexes == null || indexes.contains(p.stepIndex);
        };
    }

    private Trace trace(String scenarioId, String profile, Language language) {
        ScenarioSpec spec = catalogue.find(scenarioId).orElseThrow(() -> Refusal.notFound(ProblemMessages::scenario, scenarioId));
        if (profile != null) {
            try {
                Profile.parse(profile);
            } catch (IllegalArgumentException e) {
                throw Refusal.badParameter("profile", words -> words.must_be_either("rfc9293", "linux"));
            }
        }
        ScenarioRunner.Overrides overrides = profile == null ? ScenarioRunner.Overrides.NONE
                : new ScenarioRunner.Overrides(profile, null, null, null);
        return traces.catalogueTrace(spec, overrides, language);
    }

    /**
     * The prediction as numbers, or a 400 naming the field that cannot be read. The seq may be left out where the
     * question's endpoint chooses it ({@link Question#chosenSeq()}); where the segment goes is named exactly where the
     * question asks it ({@link Question#sentTo()}).
     */
    private static Answer read(String stateName, PredictedSegment segment, SeqNames names, Question question) {
        TcpState state;
        try {
            state = TcpState.valueOf(stateName == null ? "" : stateName);
        } catch (IllegalArgumentException e) {
            throw PredictApi.invalid("state", Worded.of(ProblemMessages.class, words -> words.must_be_one_of(String.join(", ", STATES))));
        }
        if (segment == null) {
            return new Answer(state, null);
        }
        if (segment.flags() == null || segment.flags().isEmpty() || segment.flags().size() > PredictApi.MAX_FLAGS) {
            throw PredictApi.invalid("segment.flags", Worded.of(PredictProblemMessages.class, PredictProblemMessages::flags_one_to_five));
        }
        int flags = 0;
        Set<String> seen = new HashSet<>();
        for (String flag : segment.flags()) {
            try {
                if (flag == null || !seen.add(flag)) {
                    throw new IllegalArgumentException();
                }
                flags |= Flags.parse(flag);
            } catch (IllegalArgumentException e) {
                throw PredictApi.invalid("segment.flags", Worded.of(PredictProblemMessages.class, PredictProblemMessages::flags_at_most_once));
            }
        }
        boolean seqOpen = question.chosenSeq() != null && (segment.seq() == null || segment.seq().isBlank());
        Long seq = seqOpen ? null : number("segment.seq", segment.seq(), names);
        Long ack = null;
        if (Flags.has(flags, Flags.ACK)) {
            ack = number("segment.ack", segment.ack(), names);
        } else if (segment.ack() != null) {
            throw PredictApi.invalid("segment.ack", Worded.of(PredictProblemMessages.class, PredictProblemMessages::ack_only_with_flag));
        }
        return new Answer(state, new Answer.Sent(flags, seq, ack, sentTo(segment.sentTo(), question)));
    }

    /** Where the predicted segment goes: required where the question asks it, refused where it does not; null there. */
    private static SentTo sentTo(String wireName, Question question) {
        if (question.sentTo() == null) {
            if (wireName != null) {
                throw PredictApi.invalid("segment.sentTo", Worded.of(PredictProblemMessages.class, PredictProblemMessages::sent_to_only_spoofed));
            }
            return null;
        }
        return SentTo.ofSegment(wireName)
                .orElseThrow(() -> PredictApi.invalid("segment.sentTo", Worded.of(ProblemMessages.class, words -> words.must_be_one_of(SentTo.CHOICES))));
    }

    private static long number(String field, String text, SeqNames names) {
        try {
            return names.read(text);
        } catch (SeqNames.Unreadable e) {
            throw PredictApi.invalid(field, e.reason());
        }
    }

    /** The question in words; {@code number} null: one of a run with no known end, without progress. */
    private QuestionView view(Question q, Integer number, int total, PredictMessages words) {
        String who = who(q.endpoint(), words);
        SegmentView arriving = q.arriving() == null ? null : view(q.arriving());
        SpoofedSyn spoofed = q.spoofed();
        String event;
        if (spoofed != null) {
            event = q.kind() == StepKind.ARRIVE
                    ? words.predict_event_spoofed_syn(q.arriving().id(), segmentText(arriving), spoofed.source(), who,
                            spoofed.queued(), spoofed.capacity())
                    : words.predict_event_spoofed_timer(who, spoofed.source(), Long.toString(spoofed.syn().seq()));
        } else {
            event = switch (q.kind()) {
                case ARRIVE -> words.predict_event_arrive(q.arriving().id(), segmentText(arriving), who);
                case TIMER_FIRED -> words.predict_event_timer(timer(q.step().detail(), words), who);
                default -> words.predict_event_call(who, q.step().detail());
            };
        }
        String prompt = spoofed != null ? words.predict_prompt_listener(capitalised(who)) : words.predict_prompt(capitalised(who), q.stateBefore());
        return new QuestionView(q.index(), number == null ? 0 : number, total, q.step().at(), q.endpoint(), q.kind().wireName(),
                q.stateBefore(), arriving, event, prompt, number == null ? null : words.predict_progress(number, total),
                q.chosenSeq() == null ? null : words.predict_seq_chosen(), q.sentTo() == null ? null : spoofed.source());
    }

    private static SegmentView view(TraceSegment s) {
        return new SegmentView(s.flags(), s.seqSymbolic() != null ? s.seqSymbolic() : Long.toString(s.seq()),
                s.ack() == null ? null : s.ackSymbolic() != null ? s.ackSymbolic() : Long.toString(s.ack()), s.len());
    }

    /** The outcome and its text; {@code to}: where the segment goes, said only where it was asked and something is sent. */
    private static Outcome outcome(String state, SegmentView segment, SentTo to, PredictMessages words) {
        SentTo shown = segment == null ? null : to;
        return new Outcome(state, segment, shown == null ? null : shown.wireName(), state + " · "
                + (segment == null ? words.predict_nothing() : segmentText(segment) + sentToText(shown, words)));
    }

    /** " → the forged source" where the destination was asked and a segment sent; empty otherwise. */
    private static String sentToText(SentTo to, PredictMessages words) {
        if (to == null || to == SentTo.NOBODY) {
            return "";
        }
        return " " + (to == SentTo.FORGED_SOURCE ? words.predict_to_forged_source() : words.predict_to_attacker());
    }

    /** "SYN,ACK seq=K ack=J+1", "PSH,ACK seq=J+1 ack=K+1 len=100"; without seq when the learner left it open. */
    static String segmentText(SegmentView s) {
        return String.join(",", s.flags()) + (s.seq() == null ? "" : " seq=" + s.seq()) + (s.ack() == null ? "" : " ack=" + s.ack())
                + (s.len() > 0 ? " len=" + s.len() : "");
    }

    private static String answerText(Prediction p, PredictMessages words) {
        return p.state + " · " + (p.flags == null ? words.predict_nothing()
                : segmentText(new SegmentView(List.of(p.flags.split(",")), p.seq, p.ack, 0)) + sentToText(SentTo.stored(p.sentTo), words));
    }

    /** The RFC rule of the moment: its deciding step's, or for a spoofed SYN the rule of what the listener did with it. */
    private static String rule(Trace trace, Question q) {
        return q.spoofed() == null ? q.step().rule() : listenerSteps(trace, q).stream().map(TraceStep::rule).findFirst().orElse(q.step().rule());
    }

    /** The explanation of the moment: the text of its deciding step, and of the step that sent the answer if that differs. */
    private static String explanation(Trace trace, Question q) {
        if (q.spoofed() != null) {
            return listenerSteps(trace, q).stream().map(TraceStep::text).filter(Objects::nonNull).collect(Collectors.joining(" "));
        }
        String first = q.step().text();
        String last = trace.steps().get(q.lastStep()).text();
        return first == null || first.equals(last) ? last : last == null ? first : first + " " + last;
    }

    /**
     * For a spoofed SYN's moment, the steps that say what the listener did with it (its half-open entry made, the
     * SYN,ACK sent, the SYN dropped), each on that connection: the arrival or the timer only repeats the question.
     */
    private static List<TraceStep> listenerSteps(Trace trace, Question q) {
        return trace.steps().subList(q.index() + 1, q.lastStep() + 1).stream()
                .filter(s -> s.endpoint().equals(q.endpoint()) && Objects.equals(s.peer(), q.step().peer())
                        && LISTENER_DECISIONS.contains(s.kind()))
                .toList();
    }

    private static String verdictText(Verdict v, PredictMessages words) {
        if (v.right()) {
            return words.predict_right();
        }
        return v.stateRight() ? words.predict_segment_wrong() : v.segmentRight() ? words.predict_state_wrong() : words.predict_both_wrong();
    }

    private MisconceptionView misconception(Verdict v, Language language) {
        if (v.misconception() == null) {
            return null;
        }
        return misconceptions.find(v.misconception().id()).map(m -> new MisconceptionView(m.id(),
                m.claim().get(language.code()), m.refutation().get(language.code()), m.rfc())).orElse(null);
    }

    private Accuracy accuracy(String learnerId, String scenarioId, PredictMessages words) {
        if (learnerId == null) {
            return new Accuracy(0, 0, words.predict_accuracy_text(0, 0));
        }
        var query = entities.createQuery("select sum(case when p.stateRight = true and p.segmentRight = true then 1 else 0 end),"
                        + " count(p) from Prediction p where p.learnerId = :learner"
                        + (scenarioId == null ? "" : " and p.scenarioId = :scenario"), Object[].class)
                .setParameter("learner", learnerId);
        Object[] counts = (scenarioId == null ? query : query.setParameter("scenario", scenarioId)).getSingleResult();
        long right = counts[0] == null ? 0 : ((Number) counts[0]).longValue();
        long total = ((Number) counts[1]).longValue();
        return new Accuracy(right, total, words.predict_accuracy_text(right, total));
    }

    private String title(String scenarioId, Language language) {
        return catalogue.find(scenarioId).map(s -> Language.text(s.title(), language.code())).orElse(scenarioId);
    }

    /** The event of a prediction's step as its question put it, for the teacher's table. */
    private String event(Map<String, List<Question>> questions, Prediction p, PredictMessages words, Language language) {
        List<Question> asked = questions.computeIfAbsent(p.scenarioId + " " + p.profile, key -> {
            try {
                return Questions.of(trace(p.scenarioId, p.profile, language));
            } catch (Refusal e) {
                return List.of(); // the scenario was withdrawn since: its predictions still count
            }
        });
        return asked.stream().filter(q -> q.index() == p.stepIndex).findFirst().map(q -> view(q, 0, 0, words).event()).orElse("");
    }

    private static String who(String endpoint, PredictMessages words) {
        return "client".equals(endpoint) ? words.predict_the_client() : "server".equals(endpoint) ? words.predict_the_server() : endpoint;
    }

    private static String timer(String kind, PredictMessages words) {
        return switch (kind == null ? "" : kind) {
            case "retransmission" -> words.predict_timer_retransmission();
            case "time-wait" -> words.predict_timer_time_wait();
            case "fin-wait-2" -> words.predict_timer_fin_wait_2();
            case "delayed-ack" -> words.predict_timer_delayed_ack();
            default -> kind;
        };
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static PredictMessages words(Language language) {
        return MessageBundles.get(PredictMessages.class, Localized.Literal.of(language.code()));
    }
}
