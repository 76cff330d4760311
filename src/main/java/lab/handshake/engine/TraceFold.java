package lab.handshake.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import lab.handshake.engine.TraceEvent.Where;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.SymbolicNumber;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;

/**
 * Folds a run's events into its segments and steps: a pure function of the event list, run after the
 * simulation. A state change joins the step that caused it (the call, the arrival or the timer of the same
 * event of the network's queue), so "the server becomes ESTABLISHED" is the step where the third segment
 * arrives; a step recorded in that event after the cause (a timer stopped) shows the new state too.
 */
public final class TraceFold {

    /** The segments on the wire and the steps, in time order. */
    public record Folded(List<TraceSegment> segments, List<FoldedStep> steps) {

        /**
         * Each endpoint that listens at some step (its SYN queue is shown), with the half-open entries that fill
         * that queue ({@code capacity} of the endpoint); null when no endpoint ever listens.
         */
        public Map<String, Integer> synQueueCapacity(ToIntFunction<String> capacity) {
            Map<String, Integer> listeners = new LinkedHashMap<>();
            for (FoldedStep folded : steps) {
                Map<String, Integer> queue = folded.step().synQueue();
                if (queue != null) {
                    queue.keySet().forEach(endpoint -> listeners.put(endpoint, capacity.applyAsInt(endpoint)));
                }
            }
            return listeners.isEmpty() ? null : listeners;
        }
    }

    /** A step while later events of the same moment may still change it. */
    private static final class Draft {
        final long at;
        final String endpoint;
        final StepKind kind;
        final String detail;
        final Integer segmentId;
        final String peer;
        final boolean trigger;
        final List<Phrase> text = new ArrayList<>();
        String stateBefore;
        String stateAfter;
        String rule;
        TraceEvent.World world;

        Draft(Where where, StepKind kind, String detail, Integer segmentId, boolean trigger) {
            this.at = where.at();
            this.endpoint = where.endpoint();
            this.kind = kind;
            this.detail = detail;
            this.segmentId = segmentId;
            this.peer = where.peer();
            this.trigger = trigger;
            this.stateBefore = where.state() == null ? null : where.state().name();
            this.stateAfter = stateBefore;
            this.world = where.world();
        }

        /** The step's own sentence (if any), then why. */
        Draft says(Phrase sentence, Explanation why) {
            if (sentence != null) {
                text.add(sentence);
            }
            if (why != null) {
                rule = why.rule();
                text.add(why.phrase());
            }
            return this;
        }

        FoldedStep done(int index) {
            return new FoldedStep(new TraceStep(index, at, endpoint, kind, detail, segmentId, peer, stateBefore, stateAfter,
                    rule, null, world.states(), world.timers(), world.synQueue()), List.copyOf(text));
        }
    }

    private final List<TraceSegment> segments = new ArrayList<>();
    private final List<Draft> steps = new ArrayList<>();
    private final Set<String> sentBefore = new HashSet<>();
    /** The sequence number of an old duplicate SYN (X) and the endpoint it claims to come from, once one was injected. */
    private Integer oldSyn;
    private String oldSynOwner;
    /** Per endpoint, every ISN its numbers were written against so far. */
    private final Map<String, Set<Integer>> isnsSeen = new HashMap<>();
    /** Per endpoint, the ISN of its connection that an old duplicate SYN opened: K0 in RFC 9293 Figure 8. */
    private final Map<String, Integer> isnForOldSyn = new HashMap<>();
    /** Each endpoint's ISN of the taught connection: the first it used, not for an old SYN. J or K name it. */
    private final Map<String, Integer> taughtIsn = new HashMap<>();
    private int eventStart;

    private TraceFold() {
    }

    public static Folded fold(List<TraceEvent> events) {
        TraceFold fold = new TraceFold();
        events.forEach(fold::accept);
        List<FoldedStep> steps = new ArrayList<>(fold.steps.size());
        for (int i = 0; i < fold.steps.size(); i++) {
            steps.add(fold.steps.get(i).done(i));
        }
        return new Folded(List.copyOf(fold.segments), steps);
    }

    private void accept(TraceEvent event) {
        if (event instanceof TraceEvent.EventStarted) {
            eventStart = steps.size();
        } else if (event instanceof TraceEvent.OnWire e) {
            onWire(e);
        } else if (event instanceof TraceEvent.FateDecided e) {
            decided(e);
        } else if (event instanceof TraceEvent.Refused e) {
            refused(e);
        } else if (event instanceof TraceEvent.StateChanged e) {
            stateChanged(e);
        } else {
            step((TraceEvent.StepEvent) event);
        }
    }

    /**
     * Where a segment goes, in words: its endpoint, or, for an address no host has, that address as the forged source it
     * is: a listener answers a spoofed SYN at the source address the SYN carries, never at the attacker's (RFC 4987 §2).
     */
    private static Phrase destination(String to, Segment segment) {
        return Network.FORGED_SOURCE.equals(to) ? Phrase.of("endpoint.forged-source", segment.dst().toString()) : Phrase.endpoint(to);
    }

    /** An event that becomes a step of its own. */
    private void step(TraceEvent.StepEvent event) {
        Where where = event.where();
        Phrase host = Phrase.endpoint(where.endpoint());
        if (event instanceof TraceEvent.Sent e) {
            add(where, StepKind.SEND, e.segment().toString(), e.id(), false)
                    .says(Phrase.of("step.send", host, destination(e.to(), e.segment()), e.segment().toString()), toldOfOldSyn(e));
        } else if (event instanceof TraceEvent.Injected e) {
            add(where, StepKind.SEND, e.segment().toString(), e.id(), false)
                    .says(Phrase.of("step.inject", Phrase.endpoint(e.to()), e.segment().toString()), e.why());
        } else if (event instanceof TraceEvent.Arrived e) {
            Draft arrival = add(where, StepKind.ARRIVE, e.segment().toString(), e.id(), true)
                    .says(Phrase.of("step.arrive", e.segment().toString(), host), e.why());
            if (e.why() == null) {
                arrival.rule = Rules.SEGMENT_ARRIVES;
            }
        } else if (event instanceof TraceEvent.IcmpArrived e) {
            // The detail is notation, the same in every language (as a segment's is); the text names the code.
            add(where, StepKind.ARRIVE, "ICMP ← " + e.quoted(), null, true)
                    .says(Phrase.of("step.icmp", e.code().phrase(), e.quoted().toString(), host), e.why());
        } else if (event instanceof TraceEvent.Lost e) {
            add(where, StepKind.DROP, e.segment().toString(), e.id(), false).says(Phrase.of("step.drop",
                    e.segment().toString(), Phrase.endpoint(e.from()), destination(e.to(), e.segment())), e.why());
        } else if (event instanceof TraceEvent.Discarded e) {
            add(where, StepKind.DISCARD, e.segment().toString(), null, false).says(Phrase.of("step.discard", host), e.why());
        } else if (event instanceof TraceEvent.Called e) {
            String detail = e.call().detail(e.bytes());
            add(where, StepKind.CALL, detail, null, true).says(Phrase.of("step.call", host, detail), e.why());
        } else if (event instanceof TraceEvent.Noted e) {
            add(where, e.kind(), e.why().key(), null, false).says(null, e.why());
        } else if (event instanceof TraceEvent.OtherStateChanged e) {
            Draft draft = add(where, StepKind.STATE, where.state().name() + " → " + e.to().name(), null, false);
            draft.rule = e.why().rule();
            draft.stateAfter = e.to().name();
            draft.text.add(Phrase.of("step.state.other", where.peer()));
            draft.text.addAll(stateText(where.state(), e.to(), e.why()));
        } else if (event instanceof TraceEvent.TimerArmed e) {
            add(where, StepKind.TIMER_ARMED, e.kind().wireName() + " → " + e.expiresAt(), null, false)
                    .says(Phrase.of("step.timer-armed", timerName(e.kind()), String.valueOf(e.expiresAt())), e.why());
        } else if (event instanceof TraceEvent.TimerCancelled e) {
            add(where, StepKind.TIMER_CANCELLED, e.kind().wireName(), null, false)
                    .says(Phrase.of("step.timer-cancelled", timerName(e.kind())), null).rule = e.kind().rule();
        } else if (event instanceof TraceEvent.TimerFired e) {
            add(where, StepKind.TIMER_FIRED, e.kind().wireName(), null, true)
                    .says(Phrase.of("step.timer-fired", timerName(e.kind())), null).rule = e.kind().rule();
        } else {
            throw new IllegalStateException("no step for " + event);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Segments
    // ---------------------------------------------------------------------------------------------------

    private void onWire(TraceEvent.OnWire e) {
        Segment segment = e.segment();
        if (e.injected() && segment.has(Flags.SYN) && !segment.has(Flags.ACK) && e.seqBase() != null) {
            oldSyn = segment.seq();
            oldSynOwner = e.from();
        }
        boolean newIsn = e.seqBase() != null && isnsSeen.computeIfAbsent(e.from(), k -> new HashSet<>()).add(e.seqBase());
        if (newIsn && answersOldSyn(segment, e.to())) {
            isnForOldSyn.put(e.from(), e.seqBase());
        } else if (newIsn) {
            taughtIsn.putIfAbsent(e.from(), e.seqBase());
        }
        boolean retransmission = !e.injected() && isRetransmission(segment);
        List<Long> arrivals = e.fate().arrivals();
        segments.add(new TraceSegment(e.id(), e.from(), e.to(), Flags.names(segment.flags()),
                Seq.unsigned(segment.seq()), segment.has(Flags.ACK) ? Seq.unsigned(segment.ack()) : null,
                segment.len(), segment.window(), segment.scaledWindow(), segment.options().onWire(),
                resetWithoutSequence(segment) ? null : symbolic(e.from(), segment.seq(), e.seqBase()),
                segment.has(Flags.ACK) ? symbolic(e.to(), segment.ack(), e.ackBase()) : null,
                e.at(), arrivals.isEmpty() ? null : arrivals.get(0), e.fate().kind(),
                segment.src().toString(), segment.dst().toString(), e.injected(), retransmission,
                arrivals.size() > 1 ? arrivals.get(1) : null, segment.ecn().traceName()));
    }

    /** A held segment's fate was decided: the segment entry says so from now on. */
    private void decided(TraceEvent.FateDecided e) {
        for (int i = segments.size() - 1; i >= 0; i--) {
            TraceSegment s = segments.get(i);
            if (s.id() == e.id()) {
                List<Long> arrivals = e.fate().arrivals();
                segments.set(i, new TraceSegment(s.id(), s.from(), s.to(), s.flags(), s.seq(), s.ack(), s.len(), s.window(),
                        s.scaledWindow(), s.options(), s.seqSymbolic(), s.ackSymbolic(), s.sentAt(), arrivals.isEmpty() ? null : arrivals.get(0),
                        e.fate().kind(), s.src(), s.dst(), s.injected(), s.retransmission(),
                        arrivals.size() > 1 ? arrivals.get(1) : null, s.ecn()));
                return;
            }
        }
    }

    /**
     * The SYN,ACK that answers an old duplicate SYN acknowledges X (the old SYN's seq + 1), not the ISN of the connection
     * taught: only the fold knows which SYN was old, so it is the fold that says so.
     */
    private Explanation toldOfOldSyn(TraceEvent.Sent e) {
        Explanation why = e.why();
        return "send.synack".equals(why.key()) && answersOldSyn(e.segment(), e.to())
                ? Explanation.of(why.rule(), "send.synack.old-syn") : why;
    }

    /** A segment its sender has already sent: same sequence number, control bits and length. */
    private boolean isRetransmission(Segment segment) {
        if (segment.seqLength() == 0) {
            return false;
        }
        return !sentBefore.add(segment.src() + "/" + segment.seq() + "/" + (segment.flags() & ~Flags.PSH) + "/" + segment.len());
    }

    /** The RST that answers a segment without ACK carries sequence number zero (§3.10.7.1): not J+n or K+n. */
    private static boolean resetWithoutSequence(Segment segment) {
        return segment.has(Flags.RST) && segment.seq() == 0;
    }

    /**
     * A SYN,ACK that acknowledges the old duplicate SYN (X+1) from a new ISN: a connection the old SYN opened, not
     * one that already existed (a SYN_SENT end answering it keeps its ISN, a simultaneous open).
     */
    private boolean answersOldSyn(Segment segment, String to) {
        return oldSyn != null && to.equals(oldSynOwner) && segment.has(Flags.SYN) && segment.has(Flags.ACK)
                && segment.ack() == oldSyn + 1;
    }

    /**
     * J+n for the client's numbers, K+n for the server's; null without a base (anyone else's numbers). A SYN
     * injected as from a named endpoint is an old duplicate: its number is X, and the numbers that follow from it
     * (its acknowledgement X+1, the RST that answers that) are written from X, as RFC 9293 Figure 8 and the lessons
     * do, where that is the nearer name at or below them. The ISN of the connection the old SYN opened is K0 (J0 if
     * the client answered it), so that K stays the ISN of the connection the lesson teaches, as in Figure 8.
     */
    private String symbolic(String owner, int value, Integer base) {
        if (base == null) {
            return null;
        }
        String name = "client".equals(owner) ? "J" : "K";
        if (base.equals(isnForOldSyn.get(owner))) {
            name += "0";
        } else {
            // A later connection on the same addresses is written from the taught one's ISN: Linux's tcp_tw_reuse
            // starts it at the old SND.NXT + 65537, which J+65539 shows.
            base = taughtIsn.getOrDefault(owner, base);
        }
        int offset = Seq.offset(value, base);
        if (oldSyn != null && owner.equals(oldSynOwner)) {
            int fromOld = Seq.offset(value, oldSyn);
            if (fromOld >= 0 && (offset < 0 || fromOld < offset)) {
                name = "X";
                offset = fromOld;
            }
        }
        return new SymbolicNumber(name, offset).toString();
    }

    // ---------------------------------------------------------------------------------------------------
    // Steps
    // ---------------------------------------------------------------------------------------------------

    private Draft add(Where where, StepKind kind, String detail, Integer segmentId, boolean trigger) {
        Draft draft = new Draft(where, kind, detail, segmentId, trigger);
        steps.add(draft);
        return draft;
    }

    /** The refused call's step says why. */
    private void refused(TraceEvent.Refused e) {
        for (int i = steps.size() - 1; i >= eventStart; i--) {
            Draft draft = steps.get(i);
            if (draft.kind == StepKind.CALL && draft.endpoint.equals(e.host())) {
                draft.rule = e.why().rule();
                draft.text.add(Phrase.of("step.refused", e.why().phrase()));
                return;
            }
        }
    }

    private void stateChanged(TraceEvent.StateChanged e) {
        Where where = e.where();
        String from = where.state().name();
        String to = e.to().name();
        for (int i = steps.size() - 1; i >= eventStart; i--) {
            Draft draft = steps.get(i);
            if (draft.trigger && draft.endpoint.equals(where.endpoint()) && draft.peer == null
                    && draft.stateAfter != null && draft.stateAfter.equals(draft.stateBefore)) {
                draft.stateAfter = to;
                draft.rule = e.why().rule();
                draft.text.addAll(stateText(where.state(), e.to(), e.why()));
                for (int j = i; j < steps.size(); j++) {
                    Draft later = steps.get(j);
                    if (j > i && later.endpoint.equals(where.endpoint()) && later.peer == null
                            && from.equals(later.stateBefore) && from.equals(later.stateAfter)) {
                        // A step recorded in the same event after the cause (a timer stopped) shows the new state.
                        later.stateBefore = to;
                        later.stateAfter = to;
                    }
                    later.world = where.world();
                }
                return;
            }
        }
        Draft draft = add(where, StepKind.STATE, from + " → " + to, null, false);
        draft.rule = e.why().rule();
        draft.stateAfter = to;
        draft.text.addAll(stateText(where.state(), e.to(), e.why()));
    }

    private static List<Phrase> stateText(TcpState from, TcpState to, Explanation why) {
        return List.of(Phrase.of("step.state", from.name(), to.name()), why.phrase());
    }

    private static Phrase timerName(TimerKind kind) {
        return Phrase.of("timer." + kind.wireName() + ".name");
    }
}
