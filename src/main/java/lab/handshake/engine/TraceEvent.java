package lab.handshake.engine;

import java.util.List;
import java.util.Map;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.TraceTimer;

/**
 * What the network and the state machines report while a simulation runs: plain facts, in the order they
 * happen, with no prose. {@link TraceFold} turns the list into segments and steps after the run, and
 * {@link Simulation#render} puts the steps into words in any language.
 */
public sealed interface TraceEvent {

    /** Every named endpoint's state and running timers, and each listener's SYN queue, at one moment. */
    record World(Map<String, String> states, List<TraceTimer> timers, Map<String, Integer> synQueue) {
    }

    /**
     * Where and when something happened, as a step shows it.
     *
     * @param endpoint the host's name ("network" for a segment the network loses)
     * @param state    the host's state shown before the step; null where no host is concerned
     * @param peer     null for the host's connection with the other named endpoint, else that connection's
     *                 remote socket (a spoofed SYN's)
     * @param world    every endpoint's state and timers as the event is reported
     */
    record Where(long at, String endpoint, TcpState state, String peer, World world) {
    }

    /** Something that becomes a step of its own. */
    sealed interface StepEvent extends TraceEvent {
        Where where();
    }

    /** The network runs the next event of its queue: a state change joins only a step of the same event. */
    record EventStarted() implements TraceEvent {
    }

    /**
     * A segment was put on the wire.
     *
     * @param seqBase the ISN the sender's numbers are written against (J or K); null when there is none
     * @param ackBase the ISN the receiver's numbers are written against
     */
    record OnWire(int id, long at, Segment segment, String from, String to, boolean injected, Network.Fate fate,
                  Integer seqBase, Integer ackBase) implements TraceEvent {
    }

    /** A held segment's fate was decided. */
    record FateDecided(int id, Network.Fate fate) implements TraceEvent {
    }

    record Sent(Where where, int id, Segment segment, String to, Explanation why) implements StepEvent {
    }

    /** A segment no endpoint produced; {@code where.endpoint()} is the name of its (claimed) sender. */
    record Injected(Where where, int id, Segment segment, String to, Explanation why) implements StepEvent {
    }

    /** {@code why}: what the network did to it on the way (a router's CE mark), null when it arrives as sent. */
    record Arrived(Where where, int id, Segment segment, Explanation why) implements StepEvent {
    }

    /**
     * An ICMP Destination Unreachable quoting the host's segment {@code quoted} arrived; {@code why}: why it changed
     * nothing, or null when the state change that follows says what it did.
     */
    record IcmpArrived(Where where, Segment quoted, IcmpUnreachable code, Explanation why) implements StepEvent {
    }

    record Lost(Where where, int id, Segment segment, String from, String to, Explanation why) implements StepEvent {
    }

    record Discarded(Where where, Segment segment, Explanation why) implements StepEvent {
    }

    record Called(Where where, Call call, Integer bytes, Explanation why) implements StepEvent {
    }

    /** TCP refused the call just made on {@code host}. */
    record Refused(String host, Explanation why) implements TraceEvent {
    }

    /** A remark about the run: {@link StepKind#NOTE} or {@link StepKind#DEVIATION} (a replayed capture). */
    record Noted(Where where, StepKind kind, Explanation why) implements StepEvent {
    }

    /**
     * A host's state changed ({@code where.state()} is {@code from}). It joins the step of the same event
     * that caused it (the call, the arrival, the timer), or becomes a step of its own.
     */
    record StateChanged(Where where, TcpState to, Explanation why) implements TraceEvent {
    }

    /** One of a host's other connections changed state ({@code where.peer()} is its remote socket). */
    record OtherStateChanged(Where where, TcpState to, Explanation why) implements StepEvent {
    }

    record TimerArmed(Where where, TimerKind kind, long expiresAt, Explanation why) implements StepEvent {
    }

    record TimerCancelled(Where where, TimerKind kind) implements StepEvent {
    }

    record TimerFired(Where where, TimerKind kind) implements StepEvent {
    }
}
