package lab.handshake.predict;

import java.util.List;
import lab.handshake.engine.TcpState;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;

/**
 * A moment where the engine decides something at one endpoint (a segment arrives, a timer fires, an
 * application call takes effect), and what it decided: the endpoint's state afterwards and what it sent.
 *
 * @param step      the deciding step
 * @param arriving  the segment that arrives, for an arrival; null otherwise
 * @param state     the endpoint's state once the moment is over
 * @param sent      the segments the endpoint put on the wire in that moment, in order (often none or one)
 * @param lastStep  index of the last step of that moment: revealing the answer shows the trace up to here
 * @param sentBefore the last segment this endpoint sent before the moment, or null
 * @param spoofed    for a listener's moment with a SYN flood's spoofed SYN, which one; null for the taught connection
 */
public record Question(TraceStep step, TraceSegment arriving, String state, List<TraceSegment> sent, int lastStep,
                       TraceSegment sentBefore, SpoofedSyn spoofed) {

    public int index() {
        return step.index();
    }

    /** The endpoint's state as the moment begins: a listener's LISTEN for a spoofed SYN, whatever its taught connection's. */
    public String stateBefore() {
        return spoofed != null ? TcpState.LISTEN.name() : step.stateBefore();
    }

    public String endpoint() {
        return step.endpoint();
    }

    public StepKind kind() {
        return step.kind();
    }

    /** The endpoint's state changes in this moment. */
    public boolean changesState() {
        return !state.equals(stateBefore());
    }

    /** The first segment sent, which the student predicts; null when nothing is sent. */
    public TraceSegment firstSent() {
        return sent.isEmpty() ? null : sent.get(0);
    }

    /** Where the endpoint's answer goes, asked about a spoofed SYN only (RFC 4987 §2); null for the taught connection. */
    SentTo sentTo() {
        return spoofed == null ? null : spoofed.sentTo(firstSent());
    }

    /** How the endpoint chose the seq it sends, when no one can predict it (a spoofed SYN's answer); null otherwise. */
    SpoofedSyn.ChosenSeq chosenSeq() {
        return spoofed == null ? null : spoofed.chosenSeq(!sent.isEmpty());
    }
}
