package lab.handshake.engine.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Host;
import lab.handshake.engine.Network;
import lab.handshake.engine.TcpConnection;

/**
 * A program's calls while its send() waits for send-buffer room (Linux sk_stream_wait_memory): the program is blocked
 * in that call, so its next calls come only once it returns, in their order, each after what was already due at that
 * instant (the woken writer runs after the ACKs the softirq is taking). The capture replay's inferred calls go through
 * it where the replay writes into the send buffer ({@link Host#writeIntoSendBuffer}).
 */
public final class CallsBehindWrites {
    private final Network network;
    private final Map<Host, List<Runnable>> behind = new HashMap<>();
    /** Per host, the bytes of the send() calls held back. */
    private final Map<Host, Long> bytesBehind = new HashMap<>();

    public CallsBehindWrites(Network network) {
        this.network = network;
    }

    /**
     * Keeps {@code call} (which writes {@code bytes}, 0 for any other call) for later and returns true if {@code host}'s
     * program is blocked in a send(); else false.
     */
    public boolean heldBack(Host host, int bytes, Runnable call) {
        TcpConnection connection = host.primaryConnection();
        if (!behind.containsKey(host) && (connection == null || !connection.writerWaits())) {
            return false;
        }
        behind.computeIfAbsent(host, h -> new ArrayList<>()).add(call);
        bytesBehind.merge(host, (long) bytes, Long::sum);
        return true;
    }

    /** The sequence number just past all {@code connection}'s program has written: in TCP, and in the calls held back. */
    public int writtenEnd(Host host, TcpConnection connection) {
        return connection.writtenEnd() + bytesBehind.getOrDefault(host, 0L).intValue();
    }

    /** The send() that waited returned: the calls held back are made now, in their order. */
    public void writeReturned(Host host) {
        List<Runnable> calls = behind.remove(host);
        bytesBehind.remove(host);
        if (calls != null) {
            calls.forEach(call -> network.scheduleCall(network.now(), call));
        }
    }
}
