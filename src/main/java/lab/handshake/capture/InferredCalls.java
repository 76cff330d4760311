package lab.handshake.capture;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Call;
import lab.handshake.engine.UserSignal;
import lab.handshake.engine.spec.ActionSpec;
import lab.handshake.engine.spec.SpecValidator;

/**
 * The application calls the replay infers, written as the inferred scenario's actions. A call made after the first
 * signal of its kind that TCP gave its host (the connection established, data delivered, end of file) is written as
 * a reaction to it ({@code on} that signal, {@code delayMs} after it), as a scenario's reacting applications are: on a
 * path shorter than a millisecond every call and every arrival happen in the same millisecond, and a call at a fixed
 * time would run again before the arrival it answered (a server's reply before the request it answers, a close()
 * before the connection it closes). A scenario's {@code on} fires on the first such signal only, so a call after a
 * later one (a second request's reply) keeps its time. Run again with a fault, a reaction follows the delayed
 * signal, as the captured program would have.
 */
final class InferredCalls {
    private record Signal(UserSignal kind, long atMs, boolean first) {
    }

    private final List<ActionSpec> actions = new ArrayList<>();
    /** Each host's last signal, and how many of each kind it had. */
    private final Map<String, Signal> lastSignal = new HashMap<>();
    private final Map<String, Map<UserSignal, Integer>> counts = new HashMap<>();

    /** TCP told {@code host}'s application {@code kind} at {@code nowMs}. */
    void signalled(String host, UserSignal kind, long nowMs) {
        int count = counts.computeIfAbsent(host, h -> new EnumMap<>(UserSignal.class)).merge(kind, 1, Integer::sum);
        lastSignal.put(host, new Signal(kind, nowMs, count == 1));
    }

    /** {@code host}'s application made {@code call} at {@code nowMs}. */
    void called(String host, Call call, Integer bytes, long nowMs) {
        if (bytes != null && bytes > SpecValidator.MAX_CALL_BYTES) {
            // More than a scenario's call carries (a read of all that waited): calls of the same moment, one after another.
            called(host, call, SpecValidator.MAX_CALL_BYTES, nowMs);
            called(host, call, bytes - SpecValidator.MAX_CALL_BYTES, nowMs);
            return;
        }
        Signal last = lastSignal.get(host);
        String trigger = last == null ? null : last.kind().name().toLowerCase();
        if (last != null && last.first() && SpecValidator.TRIGGERS.contains(trigger)) {
            actions.add(new ActionSpec(null, trigger, nowMs - last.atMs(), host, call.wireName(), bytes));
        } else {
            actions.add(new ActionSpec(nowMs, null, null, host, call.wireName(), bytes));
        }
    }

    /** The calls in the order made. */
    List<ActionSpec> actions() {
        return List.copyOf(actions);
    }
}
