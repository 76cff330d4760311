package lab.handshake.predict;

import lab.handshake.engine.Flags;
import lab.handshake.engine.trace.TraceSegment;

/**
 * How a prediction compares with the trace: the state, the segment (flags, seq, ack; or that none is sent),
 * and the known misconception a wrong answer shows, if any.
 */
record Verdict(boolean stateRight, boolean segmentRight, MisconceptionDetector misconception) {

    /**
     * Checks the answer against what the trace did. PSH is not compared: whether data is pushed is not taught here. Nor
     * is a seq the endpoint chose itself where no one can know it ({@link Question#chosenSeq()}: a listener's answer to
     * a spoofed SYN starts from a fresh ISN, RFC 9293 §3.4.1, or a SYN cookie, RFC 4987 §3.6).
     */
    static Verdict of(Question question, Answer answer, SeqNames names) {
        boolean stateRight = question.state().equals(answer.state().name());
        TraceSegment expected = question.firstSent();
        boolean segmentRight = expected == null ? answer.sendsNothing() : !answer.sendsNothing()
                && withoutPsh(MisconceptionDetector.flagBits(expected)) == withoutPsh(answer.sent().flags())
                && (question.chosenSeq() != null || answer.sent().seqIs(expected.seq()))
                && (expected.ack() == null || expected.ack().equals(answer.sent().ack()))
                && (question.sentTo() == null || question.sentTo() == answer.sentTo());
        MisconceptionDetector shown = stateRight && segmentRight ? null
                : MisconceptionDetector.in(question, answer, names).orElse(null);
        return new Verdict(stateRight, segmentRight, shown);
    }

    private static int withoutPsh(int flags) {
        return flags & ~Flags.PSH;
    }

    boolean right() {
        return stateRight && segmentRight;
    }
}
