package lab.handshake.predict;

import java.util.List;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;

/** The records predict mode's API reads and writes ({@code /api/predictions/…}). */
public final class PredictApi {
    /** The most flags a predicted segment may name (there are five). */
    static final int MAX_FLAGS = 5;

    private PredictApi() {
    }

    /**
     * A prediction for the question before step {@code step} (a trace step index, as {@code next} gives it).
     *
     * @param profile rfc9293 or linux; the scenario's own when left out
     * @param state   the endpoint's next state, spelled as in traces (SYN_RECEIVED)
     * @param segment the segment it sends; null when it sends nothing
     */
    public record PredictionRequest(Integer step, String profile, String state, PredictedSegment segment) {
    }

    /**
     * A predicted segment.
     *
     * @param flags SYN, ACK, FIN, RST (PSH is accepted and not compared)
     * @param seq   a 32-bit number, or J, K, K0, u, v, w, X with an optional offset: {@code J+1}; may be left out where
     *              the question says the endpoint chooses it ({@code seqChosen})
     * @param ack    the same forms; only with the ACK flag
     * @param sentTo where it goes, {@code forged-source} (the spoofed SYN's source address) or {@code attacker} (the
     *               attacker's real address): required where the question asks it ({@code forgedSource}), refused elsewhere
     */
    public record PredictedSegment(List<String> flags, String seq, String ack, String sentTo) {
    }

    /** A segment as predict mode writes it: numbers in the lesson's names (J+1, K). */
    public record SegmentView(List<String> flags, String seq, String ack, int len) {
    }

    /**
     * The question before step {@code step}: what happens there, at which endpoint, in which state.
     *
     * @param seqChosen    null, or what the form's seq field says when the endpoint chooses the seq itself (a listener
     *                     answering a spoofed SYN): then the seq may be left out and is not graded
     * @param forgedSource null, or the spoofed SYN's source address where the question asks where the answer goes
     *                     ({@code sentTo}: to it, or to the attacker's real address)
     */
    public record QuestionView(int step, int number, int of, long at, String endpoint, String kind, String stateBefore,
                               SegmentView arriving, String event, String prompt, String progress, String seqChosen,
                               String forgedSource) {
    }

    /** How many of this learner's predictions on the scenario (or on all, on /progress) were right. */
    public record Accuracy(long right, long total, String text) {
    }

    /** The next question of a predict run, or none (then {@code done} says so in words, with the accuracy). */
    public record NextQuestion(String scenario, String profile, QuestionView question, List<String> states,
                               Accuracy accuracy, String done) {
    }

    /**
     * An endpoint's next state and its (first) segment; {@code segment} null: nothing sent. {@code sentTo}: where the
     * segment goes ({@code forged-source} or {@code attacker}) where that was asked, else null.
     */
    public record Outcome(String state, SegmentView segment, String sentTo, String text) {
    }

    /** The misconception a wrong prediction shows, with its refutation and the RFC that gives it. */
    public record MisconceptionView(String id, String claim, String refutation, String rfc) {
    }

    /**
     * The graded prediction: whether state and segment were right, what happened, why (the RFC rule of the
     * step and its explanation; {@code note}, for a spoofed SYN's moment, why its seq was not graded or why nothing
     * answers a full SYN queue), the misconception a wrong answer shows, and the step to reveal up to.
     */
    public record PredictionResult(boolean right, boolean stateRight, boolean segmentRight, String verdict,
                                   Outcome expected, Outcome given, String rule, String explanation, String moreSegments,
                                   String note, MisconceptionView misconception, int revealUpTo, Accuracy accuracy) {
    }

    /** One scenario's predictions of a learner, for /progress. */
    public record ScenarioAccuracy(String scenario, String title, long right, long total) {
    }

    static Refusal.Invalid invalid(String field, Refusal.Worded<String> message) {
        return new Refusal.Invalid("invalid-prediction", Worded.of(PredictProblemMessages.class, PredictProblemMessages::invalid_prediction_title),
                Worded.fieldDetail(field, message),
                Worded.fieldErrors(field, message));
    }
}
