package lab.handshake.engine;

import java.util.List;
import java.util.Map;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.TraceStep;
import lab.handshake.engine.trace.TraceTimer;

/**
 * A trace step as folded from the events, its text still in no language: sentences of keys and arguments,
 * which {@link #render} joins into English or Chinese. The other fields are those of {@link TraceStep}.
 */
public record FoldedStep(
        int index,
        long at,
        String endpoint,
        StepKind kind,
        String detail,
        Integer segmentId,
        String peer,
        String stateBefore,
        String stateAfter,
        String rule,
        List<Phrase> text,
        Map<String, String> states,
        List<TraceTimer> timers,
        Map<String, Integer> synQueue) {

    public TraceStep render(Messages messages) {
        return new TraceStep(index, at, endpoint, kind, detail, segmentId, peer, stateBefore, stateAfter, rule,
                messages.join(text), states, timers, synQueue);
    }
}
