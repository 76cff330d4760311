package lab.handshake.capture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Call;
import lab.handshake.engine.SendFlags;
import lab.handshake.engine.UserSignal;
import lab.handshake.engine.spec.ActionSpec;
import lab.handshake.engine.spec.SpecValidator;

/**
 * The application calls the replay infers, written as the inferred scenario's actions. A call made after TCP told its
 * host's application something (the connection established, data delivered, end of file) is written as a reaction to
 * the last such signal ({@code on} it, {@code delayMs} after it), as a scenario's reacting applications are: on a path
 * shorter than a millisecond every call and every arrival happen in the same millisecond, and a call at a fixed time
 * would run again before the arrival it answered (a server's reply before the request it answers, a close() before the
 * connection it closes). After data other than the first, the reaction waits for all the data received by then
 * ({@code received}), so a second request's reply follows the second request, however a fault re-cuts the segments.
 * Run again with a fault, a reaction follows the delayed signal, as the captured program would have.
 */
final class InferredCalls {
    /** A host's last signal: its kind, when, and (for data) all its application had received by then. */
    private record Signal(UserSignal kind, long atMs, long received) {
    }

    private final List<ActionSpec> actions = new ArrayList<>();
    private final Map<String, Signal> lastSignal = new HashMap<>();
    /** The bytes of the first data each host's application got: a reaction to it needs no {@code received}. */
    private final Map<String, Long> firstData = new HashMap<>();
    private final Map<String, Long> received = new HashMap<>();

    /** TCP told {@code host}'s application {@code kind} (with {@code bytes} of data) at {@code nowMs}. */
    void signalled(String host, UserSignal kind, int bytes, long nowMs) {
        long total = received.getOrDefault(host, 0L);
        if (kind == UserSignal.DATA) {
            total = received.merge(host, (long) bytes, Long::sum);
            firstData.putIfAbsent(host, total);
        }
        lastSignal.put(host, new Signal(kind, nowMs, total));
    }

    /** {@code host}'s application made {@code call} at {@code nowMs}, with {@code flags} if it is a send. */
    void called(String host, Call call, Integer bytes, SendFlags flags, long nowMs) {
        if (bytes != null && bytes > SpecValidator.MAX_CALL_BYTES) {
            // More than a scenario's call carries (a read of all that waited): calls of the same moment, one after another,
            // in a loop, as a damaged capture's count may need thousands (DamagedCaptureTest).
            int left = bytes;
            for (; left > SpecValidator.MAX_CALL_BYTES; left -= SpecValidator.MAX_CALL_BYTES) {
                called(host, call, SpecValidator.MAX_CALL_BYTES, flags, nowMs);
            }
            called(host, call, left, flags, nowMs);
            return;
        }
        Signal last = lastSignal.get(host);
        String trigger = last == null ? null : last.kind().name().toLowerCase();
        Boolean more = flags == SendFlags.MORE ? Boolean.TRUE : null;
        if (last == null || !SpecValidator.TRIGGERS.contains(trigger)) {
            actions.add(new ActionSpec(nowMs, null, null, null, host, call.wireName(), bytes, more));
            return;
        }
        Long received = last.kind() == UserSignal.DATA && last.received() > firstData.get(host) ? last.received() : null;
        actions.add(new ActionSpec(null, trigger, received, nowMs - last.atMs(), host, call.wireName(), bytes, more));
    }

    /** The calls in the order made. */
    List<ActionSpec> actions() {
        return List.copyOf(actions);
    }
}
