package lab.handshake.engine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.trace.StepKind;

/**
 * A test environment for one connection: it records what the connection would send, which timers it wants
 * and what it tells its user, and lets the test set the clock and the parameters.
 */
final class FakeEnvironment implements TcpEnvironment {
    final List<Segment> sent = new ArrayList<>();
    final List<TcpState> states = new ArrayList<>();
    final List<UserSignal> signals = new ArrayList<>();
    final Map<TimerKind, Long> timers = new EnumMap<>(TimerKind.class);
    final List<Explanation> discards = new ArrayList<>();
    /** The application's send() waiting for send-buffer room and returning, in order. */
    final List<StepKind> writeNotes = new ArrayList<>();
    /** Why the latest of those was noted. */
    Explanation lastNoteWhy;
    /** Why the latest segment was sent. */
    Explanation lastSentWhy;
    Explanation lastStateWhy;
    /** Why the latest timer was armed. */
    Explanation lastTimerWhy;
    Profile profile;
    TcpParams params;
    long now;
    boolean deleted;
    boolean backToListen;
    ReadMode readMode = ReadMode.ON_ARRIVAL;
    int synQueueLength = 1;
    int youngSynQueueEntries = 1;
    boolean listening;
    AcceptQueue acceptQueue = AcceptQueue.ROOM;
    /** The SYN handed to the listener when TIME-WAIT ended for it. */
    Segment synAfterTimeWait;

    FakeEnvironment(Profile profile) {
        this.profile = profile;
        this.params = profile.defaults();
    }

    /**
     * TcpConnectionTest.A's connection to B (ISS 100), made ESTABLISHED at 50 ms by B's SYN,ACK (ISS 300, window 64,000,
     * MSS {@code mss}, SACK permitted, no timestamps): a round trip of 50 ms, the segments of the handshake not kept.
     */
    TcpConnection sackClientEstablishedAt50(int mss) {
        TcpConnection connection = TcpConnection.create(this, TcpConnectionTest.A, TcpConnectionTest.B, false);
        connection.openActive(100);
        now = 50;
        connection.segmentArrives(new Segment(TcpConnectionTest.B, TcpConnectionTest.A, 300, 101, Flags.SYN | Flags.ACK, 0,
                64_000, new TcpOptions(mss, true, null, null), 0));
        sent.clear();
        return connection;
    }

    /** The segments sent since the last call, and forget them. */
    List<Segment> takeSent() {
        List<Segment> copy = List.copyOf(sent);
        sent.clear();
        return copy;
    }

    Segment onlySent() {
        List<Segment> segments = takeSent();
        if (segments.size() != 1) {
            throw new AssertionError("expected exactly one segment, got " + segments);
        }
        return segments.get(0);
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public TcpParams params() {
        return params;
    }

    @Override
    public Profile profile() {
        return profile;
    }

    @Override
    public boolean listening() {
        return listening;
    }

    @Override
    public boolean writesWaitForSendBuffer() {
        return profile.limitsWritesBySendBuffer();
    }

    @Override
    public void writeNoted(TcpConnection connection, StepKind kind, Explanation why) {
        writeNotes.add(kind);
        lastNoteWhy = why;
    }

    @Override
    public void synAfterTimeWait(TcpConnection timeWait, Segment syn) {
        synAfterTimeWait = syn;
    }

    @Override
    public AcceptQueue acceptQueue() {
        return acceptQueue;
    }

    @Override
    public ReadMode readMode() {
        return readMode;
    }

    @Override
    public int synQueueLength() {
        return synQueueLength;
    }

    @Override
    public int youngSynQueueEntries() {
        return youngSynQueueEntries;
    }

    @Override
    public void transmit(TcpConnection connection, Segment segment, Explanation why) {
        sent.add(segment);
        lastSentWhy = why;
    }

    @Override
    public void stateChanged(TcpConnection connection, TcpState from, TcpState to, Explanation why) {
        states.add(to);
        lastStateWhy = why;
    }

    @Override
    public void timerArmed(TcpConnection connection, TimerKind kind, long expiresAt, Explanation why) {
        timers.put(kind, expiresAt);
        lastTimerWhy = why;
    }

    @Override
    public void timerCancelled(TcpConnection connection, TimerKind kind) {
        timers.remove(kind);
    }

    @Override
    public void discarded(TcpConnection connection, Segment segment, Explanation why) {
        discards.add(why);
    }

    @Override
    public void icmpArrived(TcpConnection connection, Segment quoted, IcmpUnreachable code, Explanation why) {
        discards.add(why);
    }

    @Override
    public void signal(TcpConnection connection, UserSignal signal, int bytes) {
        signals.add(signal);
    }

    @Override
    public void deleted(TcpConnection connection, boolean backToListen) {
        this.deleted = true;
        this.backToListen = backToListen;
    }
}
