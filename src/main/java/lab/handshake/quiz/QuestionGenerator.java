package lab.handshake.quiz;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.engine.Language;
import lab.handshake.engine.Network;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.SymbolicNumber;
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

    /**
     * The simulation has not got the segment, field or state change a question asks for: what it lacks, worded
     * where it is shown (a teacher's draft); the message is the English, for the log of a question that fails.
     */
    public static final class NotInSimulation extends IllegalStateException {
        private final transient Refusal.Worded<String> what;

        NotInSimulation(Refusal.Worded<String> what) {
            super(what.in(Language.EN));
            this.what = what;
        }

        public Refusal.Worded<String> what() {
            return what;
        }
    }
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
    public Isns chooseIsns(QuizModel.Generate generate, SplittableRandom random) {
        long client = random.nextLong(TWO_TO_32);
        long server = random.nextLong(TWO_TO_32);
        if (Boolean.TRUE.equals(generate.wrap())) {
            Trace reference = trace(generate, new Isns(0, 0));
            TraceSegment segment = answerSegment(generate, reference);
            String symbolic = generate.field().equals("seq") ? segment.seqSymbolic() : segment.ackSymbolic();
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
    public long numericAnswer(QuizModel.Generate generate, Isns isns) {
        TraceSegment segment = answerSegment(generate, trace(generate, isns));
        Long value = generate.field().equals("seq") ? Long.valueOf(segment.seq()) : segment.ack();
        if (value == null) {
            throw new NotInSimulation(Worded.of(QuizProblemMessages.class, words -> words.quiz_segment_has_no_ack(generate.segment(), generate.scenario())));
        }
        return value;
    }

    /**
     * The solution of a numeric question with these ISNs, step by step: the ISNs, then each earlier segment of
     * the side whose sequence space the answer counts in, with the numbers it uses (SYN and FIN one each, data
     * one per byte, a pure ACK or a retransmission none), then the answer, wrapped modulo 2^32 where it must be.
     */
    public List<String> workedSolution(QuizModel.Generate generate, Isns isns, ReviewMessages words) {
        Trace trace = trace(generate, isns);
        TraceSegment target = answerSegment(generate, trace);
        boolean seq = generate.field().equals("seq");
        String owner = seq ? target.from() : target.to();
        List<String> steps = new ArrayList<>();
        steps.add(words.worked_isns(isns.clientIsn(), isns.serverIsn()));
        List<TraceSegment> before = trace.segments().subList(0, generate.segment() - 1);
        for (int i = 0; i < before.size(); i++) {
            TraceSegment s = before.get(i);
            if (!owner.equals(s.from())) {
                continue;
            }
            String flags = String.join(",", s.flags()) + (s.len() > 0 ? " len=" + s.len() : "");
            String sender = side(owner, words);
            int original = s.retransmission() ? firstWithSeq(before, s) : i;
            long used = s.len() + (s.flags().contains("SYN") ? 1 : 0) + (s.flags().contains("FIN") ? 1 : 0);
            if (original < i) {
                steps.add(words.worked_resent(i + 1, flags, sender, original + 1));
            } else if (used == 0) {
                steps.add(words.worked_uses_none(i + 1, flags, sender, s.seqSymbolic(), s.seq()));
            } else {
                String next = SymbolicNumber.parse(s.seqSymbolic()).plus(used).toString();
                steps.add(words.worked_uses(i + 1, flags, sender, s.seqSymbolic(), s.seq(), used, next, (s.seq() + used) % TWO_TO_32));
            }
        }
        String symbolic = seq ? target.seqSymbolic() : target.ackSymbolic();
        long value = seq ? target.seq() : target.ack();
        long sum = ("client".equals(owner) ? isns.clientIsn() : isns.serverIsn()) + offsetOf(symbolic);
        if (sum >= TWO_TO_32) {
            steps.add(words.worked_wrap(symbolic, sum, value));
        }
        int number = generate.segment();
        steps.add(seq ? words.worked_answer_seq(number, symbolic, value) : words.worked_answer_ack(number, side(owner, words), symbolic, value));
        return steps;
    }

    private static String side(String endpoint, ReviewMessages words) {
        return switch (endpoint) {
            case "client" -> words.worked_client();
            case "server" -> words.worked_server();
            default -> endpoint;
        };
    }

    /** The index of the first segment of {@code segments} from the same side with the same seq as {@code resent}. */
    private static int firstWithSeq(List<TraceSegment> segments, TraceSegment resent) {
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).from().equals(resent.from()) && segments.get(i).seq() == resent.seq()) {
                return i;
            }
        }
        return segments.indexOf(resent);
    }

    /** The state the endpoint enters at its {@code change}-th state change. */
    public String nextStateAnswer(QuizModel.Generate generate) {
        return changeStep(generate).stateAfter();
    }

    /** The states and segments right before the change, for the learner to reason from. */
    public Context nextStateContext(QuizModel.Generate generate, Language language) {
        Trace trace = catalogueTrace(generate, language);
        TraceStep change = changeStep(generate);
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
            if (segment.sentAt() > change.at() || Network.ATTACKER.equals(segment.from()) || Network.FORGED_SOURCE.equals(segment.to())) {
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

    private TraceStep changeStep(QuizModel.Generate g) {
        int seen = 0;
        for (TraceStep step : catalogueTrace(g, Language.EN).steps()) {
            if (step.endpoint().equals(g.endpoint()) && step.peer() == null && step.stateBefore() != null
                    && !step.stateBefore().equals(step.stateAfter()) && ++seen == g.change()) {
                return step;
            }
        }
        throw new NotInSimulation(Worded.of(QuizProblemMessages.class, words -> words.quiz_no_state_change(g.scenario(), g.change(), g.endpoint())));
    }

    private Trace catalogueTrace(QuizModel.Generate generate, Language language) {
        return traces.catalogueTrace(spec(generate), ScenarioRunner.Overrides.NONE, language);
    }

    private Trace trace(QuizModel.Generate generate, Isns isns) {
        return traces.run(spec(generate), new ScenarioRunner.Overrides(null, isns.clientIsn(), isns.serverIsn(), null), Language.EN);
    }

    private ScenarioSpec spec(QuizModel.Generate generate) {
        return scenarios.find(generate.scenario())
                .orElseThrow(() -> new NotInSimulation(Worded.of(QuizProblemMessages.class, words -> words.quiz_unknown_scenario(generate.scenario()))));
    }

    private static TraceSegment answerSegment(QuizModel.Generate generate, Trace trace) {
        int index = generate.segment() - 1;
        if (index >= trace.segments().size()) {
            throw new NotInSimulation(Worded.of(QuizProblemMessages.class, words -> words.quiz_no_segment(generate.scenario(), generate.segment())));
        }
        return trace.segments().get(index);
    }

    /** "J+101" → 101, "K" → 0, "K0+1" → 1; no name → 0. */
    static long offsetOf(String symbolic) {
        SymbolicNumber number = SymbolicNumber.parse(symbolic);
        return number == null ? 0 : number.offset();
    }
}
