package lab.handshake.quiz;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.scenario.TraceService;

/**
 * Makes the engine-backed questions: numeric ones from a fresh trace with random ISNs, and "what happens
 * next" ones from a catalogue trace cut just before a state change. The answer always comes from the
 * engine, so it is right whatever the ISNs.
 */
@ApplicationScoped
public class QuestionGenerator {
    private static final long TWO_TO_32 = 1L << 32;

    /** The ISNs generated for one numeric question of one attempt. */
    public record Isns(long clientIsn, long serverIsn) {
    }

    /** A segment of the context shown with a next-state question. */
    public record ContextSegment(int id, String from, String to, List<String> flags, String seq, String ack, int len,
                                 boolean arrived) {
    }

    /** What a next-state question shows: the states and the segments just before the change asked for. */
    public record Context(long at, Map<String, String> states, List<ContextSegment> segments) {
    }

    private final ScenarioCatalogue scenarios;
    private final TraceService traces;

    public QuestionGenerator(ScenarioCatalogue scenarios, TraceService traces) {
        this.scenarios = scenarios;
        this.traces = traces;
    }

    /**
     * Random ISNs for a numeric question. With {@code wrap}, the ISN the answer counts from is chosen so
     * close to 2^32 that adding the segment's offset wraps past 4294967295.
     */
    public Isns chooseIsns(QuizModel.Question question, SplittableRandom random) {
        long client = random.nextLong(TWO_TO_32);
        long server = random.nextLong(TWO_TO_32);
        if (Boolean.TRUE.equals(question.generate().wrap())) {
            Trace reference = trace(question, new Isns(0, 0));
            TraceSegment segment = answerSegment(question, reference);
            String symbolic = question.generate().field().equals("seq") ? segment.seqSymbolic() : segment.ackSymbolic();
            long offset = Math.max(1, offsetOf(symbolic));
            long nearTop = TWO_TO_32 - 1 - random.nextLong(offset);
            if (symbolic != null && symbolic.startsWith("J")) {
                client = nearTop;
            } else {
                server = nearTop;
            }
        }
        return new Isns(client, server);
    }

    /** The prompt with {clientIsn} and {serverIsn} filled in. */
    public static String fillPrompt(String prompt, Isns isns) {
        return prompt.replace("{clientIsn}", Long.toString(isns.clientIsn())).replace("{serverIsn}", Long.toString(isns.serverIsn()));
    }

    /** The right answer of a numeric question for these ISNs, read off a fresh engine trace. */
    public long numericAnswer(QuizModel.Question question, Isns isns) {
        TraceSegment segment = answerSegment(question, trace(question, isns));
        Long value = question.generate().field().equals("seq") ? Long.valueOf(segment.seq()) : segment.ack();
        if (value == null) {
            throw new IllegalStateException("segment " + question.generate().segment() + " of " + question.generate().scenario() + " has no ACK");
        }
        return value;
    }

    /** The state the endpoint enters at its {@code change}-th state change. */
    public String nextStateAnswer(QuizModel.Question question) {
        return changeStep(question).stateAfter();
    }

    /** The states and segments right before the change, for the learner to reason from. */
    public Context nextStateContext(QuizModel.Question question, Language language) {
        Trace trace = catalogueTrace(question, language);
        TraceStep change = changeStep(question);
        Map<String, String> states = new LinkedHashMap<>();
        List<ContextSegment> segments = new ArrayList<>();
        int index = change.index();
        TraceStep before = index > 0 ? trace.steps().get(index - 1) : null;
        if (before != null) {
            states.putAll(before.states());
        } else {
            states.put("client", "CLOSED");
            states.put("server", "CLOSED");
        }
        for (TraceSegment segment : trace.segments()) {
            if (segment.sentAt() > change.at() || "attacker".equals(segment.from()) || "attacker".equals(segment.to())) {
                continue;
            }
            boolean sentBefore = trace.steps().stream().limit(index)
                    .anyMatch(step -> step.kind() == StepKind.SEND && Integer.valueOf(segment.id()).equals(step.segmentId()));
            if (!sentBefore) {
                continue;
            }
            // The segment whose arrival causes the change is still on its way in this picture.
            boolean arrived = trace.steps().stream().limit(index)
                    .anyMatch(step -> step.kind() == StepKind.ARRIVE && Integer.valueOf(segment.id()).equals(step.segmentId()));
            segments.add(new ContextSegment(segment.id(), segment.from(), segment.to(), segment.flags(),
                    segment.seqSymbolic() != null ? segment.seqSymbolic() : Long.toString(segment.seq()),
                    segment.ack() == null ? null : segment.ackSymbolic() != null ? segment.ackSymbolic() : Long.toString(segment.ack()),
                    segment.len(), arrived));
        }
        return new Context(change.at(), states, segments);
    }

    private TraceStep changeStep(QuizModel.Question question) {
        QuizModel.Generate g = question.generate();
        int seen = 0;
        for (TraceStep step : catalogueTrace(question, Language.EN).steps()) {
            if (step.endpoint().equals(g.endpoint()) && step.peer() == null && step.stateBefore() != null
                    && !step.stateBefore().equals(step.stateAfter()) && ++seen == g.change()) {
                return step;
            }
        }
        throw new IllegalStateException(g.scenario() + " has no state change " + g.change() + " for " + g.endpoint());
    }

    private Trace catalogueTrace(QuizModel.Question question, Language language) {
        return traces.catalogueTrace(spec(question), ScenarioRunner.Overrides.NONE, language);
    }

    private Trace trace(QuizModel.Question question, Isns isns) {
        return traces.run(spec(question), new ScenarioRunner.Overrides(null, isns.clientIsn(), isns.serverIsn(), null), Language.EN);
    }

    private ScenarioSpec spec(QuizModel.Question question) {
        return scenarios.find(question.generate().scenario())
                .orElseThrow(() -> new IllegalStateException("unknown scenario " + question.generate().scenario()));
    }

    private static TraceSegment answerSegment(QuizModel.Question question, Trace trace) {
        int index = question.generate().segment() - 1;
        if (index >= trace.segments().size()) {
            throw new IllegalStateException(question.generate().scenario() + " has no segment " + question.generate().segment());
        }
        return trace.segments().get(index);
    }

    /** "J+101" → 101, "K" → 0. */
    static long offsetOf(String symbolic) {
        if (symbolic == null || symbolic.length() < 2) {
            return 0;
        }
        return Long.parseLong(symbolic.substring(1).replace("+", ""));
    }
}
