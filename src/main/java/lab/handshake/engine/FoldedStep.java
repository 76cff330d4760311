package lab.handshake.engine;

import java.util.List;
import lab.handshake.engine.trace.TraceStep;

/**
 * A trace step as folded from the events, its text and rule still in no language: {@code step} has every field but
 * the text, and {@code text} holds its sentences as keys and arguments, which {@link #render} joins into
 * English or Chinese.
 */
public record FoldedStep(TraceStep step, List<Phrase> text) {

    public TraceStep render(Messages messages) {
        return step.withWords(messages.rule(step.rule()), messages.join(text));
    }
}
