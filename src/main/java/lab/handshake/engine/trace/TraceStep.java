package lab.handshake.engine.trace;

import java.util.List;
import java.util.Map;

/**
 * One event at one place and time.
 *
 * @param kind        call, send, arrive, drop, discard, state, timer-armed, timer-fired or timer-cancelled; in a
 *                    replayed capture also note (an inferred call), deviation (where the capture differs from the
 *                    profile) and race (the other order of a timer race, no difference)
 * @param endpoint    where it happened: an endpoint name, or "network" for a segment the network loses
 * @param peer        for an event on one of several connections of a host (a SYN flood), that connection's
 *                    remote socket; null for the host's connection with the other named endpoint
 * @param stateBefore the endpoint's state before the step (of the {@code peer} connection when set)
 * @param stateAfter  its state after the step
 * @param rule        the RFC section (or Linux behaviour) that decided the step
 * @param text        the explanation in the trace's language
 * @param states      every named endpoint's state after the step
 * @param timers      every named endpoint's running timers after the step
 * @param synQueue    half-open entries per listening endpoint, when any endpoint listens
 */
public record TraceStep(
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
        String text,
        Map<String, String> states,
        List<TraceTimer> timers,
        Map<String, Integer> synQueue) {

    /** The same step told in words (the fold leaves the rule's words and the text to be rendered per language). */
    public TraceStep withWords(String rule, String text) {
        return new TraceStep(index, at, endpoint, kind, detail, segmentId, peer, stateBefore, stateAfter, rule, text,
                states, timers, synQueue);
    }
}
