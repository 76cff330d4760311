package lab.handshake.engine.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import lab.handshake.engine.TcpParams;
import lab.handshake.engine.spec.ActionSpec;
import lab.handshake.engine.spec.FloodSpec;
import lab.handshake.engine.spec.InjectSpec;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.spec.Violation;

/**
 * The segments a specification calls for, counted before anything runs, so that one that could only end
 * past the segment bound is refused at once (413, naming the field) instead of after simulating up to it:
 * <ul>
 *   <li>the data of every {@code send}, cut into segments of at most the MSS: what the specification asks to
 *   send must fit in a trace, whether or not its connection then lets it through;</li>
 *   <li>a SYN flood: its SYNs sent before the end, and, when the target plainly listens through it (listens
 *   before the flood and does nothing else, no random loss, nothing else injected towards it), the SYN,ACKs
 *   its listener owes them: one per SYN answered with a cookie, and for every half-open entry the backlog
 *   keeps its first SYN,ACK and each retransmission that falls before the end. This count is a lower bound
 *   of what the engine records, never a guess above it.</li>
 * </ul>
 */
public final class WorkEstimate {

    private WorkEstimate() {
    }

    /** What exceeds the segment bound, each host with its own tunables ({@code paramsOf}); empty when the specification may run. */
    public static List<Violation> violations(ScenarioSpec spec, Function<String, TcpParams> paramsOf, Limits limits) {
        List<Violation> violations = new ArrayList<>();
        long data = dataSegments(spec, paramsOf);
        if (data > limits.maxSegments()) {
            int mss = Math.min(paramsOf.apply("client").mss(), paramsOf.apply("server").mss());
            violations.add(Violation.dataOverTrace("actions", mss, data, limits.maxSegments()));
        }
        List<InjectSpec> injections = spec.injectOrEmpty();
        for (int i = 0; i < injections.size(); i++) {
            if (injections.get(i).flood() == null) {
                continue;
            }
            FloodSpec flood = injections.get(i).flood();
            long segments = floodSegments(spec, paramsOf.apply(flood.to() != null ? flood.to() : "server"), injections.get(i));
            if (segments > limits.maxSegments()) {
                violations.add(Violation.floodOverTrace("inject[" + i + "].flood.count", segments, limits.maxSegments()));
            }
        }
        return violations;
    }

    /** Σ ⌈bytes / MSS⌉ over the sends, each with its host's MSS. */
    static long dataSegments(ScenarioSpec spec, Function<String, TcpParams> paramsOf) {
        long segments = 0;
        for (ActionSpec action : spec.actionsOrEmpty()) {
            if ("send".equals(action.call()) && action.bytes() != null && action.bytes() > 0) {
                int mss = paramsOf.apply(action.host()).mss();
                segments += (action.bytes() + mss - 1) / mss;
            }
        }
        return segments;
    }

    /** The flood's SYNs and the SYN,ACKs its target ({@code params}: the target's tunables) owes them before the end. */
    static long floodSegments(ScenarioSpec spec, TcpParams params, InjectSpec inject) {
        FloodSpec flood = inject.flood();
        long until = spec.untilMs() != null ? spec.untilMs() : ScenarioRunner.DEFAULT_UNTIL_MS;
        // SYN i leaves at at + floor(i / rate); those leaving before the end are sent.
        long span = until - 1 - inject.at();
        long count = span < 0 ? 0 : Math.min(flood.count(), (long) Math.floor(span * flood.ratePerMs()) + 1);
        long lastSynSent = inject.at() + (long) Math.floor((flood.count() - 1) / flood.ratePerMs());
        long lastSynAck = lastSynSent + params.oneWayDelayMs() + params.jitterMs();
        if (lastSynAck >= until || !plainlyListening(spec, params, inject)) {
            return count;
        }
        // The client's own connection may hold one place of the backlog.
        long halfOpen = Math.min(count, Math.max(0, params.listenBacklog() - 1));
        long retransmissions = retransmissionsBefore(params, until - lastSynAck);
        return count + switch (params.synCookies()) {
            case ALWAYS -> count;
            case ON_OVERFLOW -> count + halfOpen * retransmissions;
            case OFF -> halfOpen * (1 + retransmissions);
        };
    }

    /** SYN,ACK retransmissions (RTO from the initial value, doubled each time up to the ceiling) within {@code span}. */
    static long retransmissionsBefore(TcpParams params, long span) {
        long elapsed = 0;
        long rto = params.initialRtoMs();
        long count = 0;
        while (count < params.synAckRetries()) {
            elapsed += rto;
            if (elapsed >= span) {
                break;
            }
            count++;
            rto = Math.min(rto * 2, params.maxRtoMs());
        }
        return count;
    }

    /** The flood's target listens from before the flood and does nothing else, and nothing else can end its entries. */
    private static boolean plainlyListening(ScenarioSpec spec, TcpParams params, InjectSpec flood) {
        String target = flood.flood().to() != null ? flood.flood().to() : "server";
        if (params.lossRate() > 0 || params.twoWayHandshake()) {
            return false;
        }
        long floods = spec.injectOrEmpty().stream().filter(i -> i.flood() != null).count();
        boolean otherInjections = spec.injectOrEmpty().stream().anyMatch(i -> i.flood() == null && target.equals(i.to()));
        if (floods > 1 || otherInjections) {
            return false;
        }
        boolean listens = false;
        for (ActionSpec action : spec.actionsOrEmpty()) {
            if (!target.equals(action.host())) {
                continue;
            }
            if (!"listen".equals(action.call()) || action.at() == null) {
                return false;
            }
            listens |= action.at() <= flood.at();
        }
        return listens;
    }
}
