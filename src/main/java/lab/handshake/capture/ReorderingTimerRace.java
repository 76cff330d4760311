package lab.handshake.capture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.handshake.engine.Host;
import lab.handshake.engine.Seq;
import lab.handshake.engine.Segment;
import lab.handshake.engine.TcpConnection;
import lab.handshake.engine.TimerKind;
import lab.handshake.engine.trace.SackBlock;

/**
 * RACK's reordering timer against an acknowledgement that arrives within a tick of it (docs/linux-captures.md §135).
 * Linux arms the timer in whole ticks on the socket's one kernel timer (tcp_rack_mark_lost, inet_csk_reset_xmit_timer),
 * and the timer wheel fires it at the end of a bucket (calc_index): armed for 28 ms, it fires 28 to 32 ms later,
 * where the kernel's jiffies put the tick, which a capture shows only through segments a timer sent. The replay's
 * arrivals are the path's delay in whole milliseconds, and the relay adds up to a millisecond of jitter. So when the
 * acknowledgement of the data reaches its sender within a tick of the timer, the capture cannot tell which came first
 * on the kernel's clock: runs/rack-fin-s135's relay runs, the ACK 29.8 ms after the SACK that armed the timer, show
 * the kernel's copy once in five. The replay tells both orders as that race, not as a departure: a RACK copy its
 * profile sent that the capture lacks, acknowledged by an arrival within a tick after it was sent, and a copy the
 * capture has that the replay's timer did not send because an acknowledgement stopped it less than a tick before it
 * was due.
 */
final class ReorderingTimerRace {
    /** A reordering timer an arrival stopped: when it was due, and the sender's SND.NXT then (all it could resend). */
    private record Stopped(long dueAt, int sndNxt) {
    }

    private final Map<Host, Set<Long>> arrivals = new HashMap<>();
    private final Map<Host, List<Stopped>> stopped = new HashMap<>();

    /**
     * Hands a captured segment to {@code receiver} by {@code delivery}, noting when it arrived and whether it stopped the
     * receiver's reordering timer a tick or less before it was due.
     */
    void arrives(Host receiver, long now, Runnable delivery) {
        TcpConnection tcb = receiver.primaryConnection();
        Long due = tcb == null ? null : tcb.timers().get(TimerKind.REORDER);
        delivery.run();
        arrivals.computeIfAbsent(receiver, k -> new HashSet<>()).add(now);
        if (due != null && due - now <= TickPhase.TICK_MS && !tcb.timerArmed(TimerKind.REORDER, due)) {
            stopped.computeIfAbsent(receiver, k -> new ArrayList<>()).add(new Stopped(due, tcb.sndNxt()));
        }
    }

    /**
     * Whether {@code copy}, data the profile sent again at {@code sentAt} by RACK's reordering timer (no segment arrived
     * at {@code sender} then: RACK otherwise marks data lost only on an arriving ACK), is acknowledged, cumulatively or
     * in a SACK block, by {@code arriving}, which reaches the sender now, within a tick after the copy left.
     */
    boolean overtakenCopy(Host sender, Segment copy, long sentAt, Segment arriving, long now) {
        if (copy.len() == 0 || now < sentAt || now - sentAt > TickPhase.TICK_MS
                || arrivals.getOrDefault(sender, Set.of()).contains(sentAt)) {
            return false;
        }
        int end = copy.seq() + copy.len();
        return Seq.ge(arriving.ack(), end) || arriving.options().sackBlocks().stream()
                .anyMatch(block -> sackCovers(block, copy.seq(), end));
    }

    /** Whether {@code data}, captured from {@code sender} at {@code at}, is a copy a stopped timer would have sent then. */
    boolean copyOfStoppedTimer(Host sender, Segment data, long at) {
        return data.len() > 0 && stopped.getOrDefault(sender, List.of()).stream()
                .anyMatch(timer -> Math.abs(timer.dueAt() - at) <= TickPhase.TICK_MS && Seq.lt(data.seq(), timer.sndNxt()));
    }

    private static boolean sackCovers(SackBlock block, int from, int to) {
        return Seq.le((int) block.left(), from) && Seq.ge((int) block.right(), to);
    }
}
