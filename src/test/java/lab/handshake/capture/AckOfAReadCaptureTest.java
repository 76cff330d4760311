package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * everyday-s122 relay-small-bufs-upload (docs/linux-captures.md §122, §126), behind the relay's 10 ms each way: the
 * server's listener has SO_RCVBUF 4096, so it offers 2,896 bytes (wscale 0), and its blocked recv() takes each
 * 1,448-byte segment as it comes. One segment unread leaves the window it offers as it was (__tcp_select_window keeps
 * rcv_wnd while it is within a segment of the free space), so the window does not show the read; the ACK's timing
 * does: it leaves 0.1 to 8 ms after the segment, long before the delayed-ACK timer (__tcp_ack_snd_check delays the
 * ACK of one segment), since the read doubled the window left, which had fallen to half the clamp or less (Linux
 * __tcp_cleanup_rbuf: 2 * rcv_window_now &lt;= window_clamp and the new window at least twice it). Before §126 the
 * replay inferred no read there, its server waited for its delayed-ACK timer, and nine captured ACKs in each file
 * were departures.
 */
class AckOfAReadCaptureTest {
    private static final String RUN = "everyday-s122/explained";

    @ParameterizedTest
    @ValueSource(strings = {"relay-small-bufs-upload-client", "relay-small-bufs-upload-server"})
    void aPureAckOfOneUnreadSegmentBeforeItsDelayedAckTimer_isTheAckOfARead_linuxTcpCleanupRbuf(String name)
            throws IOException {
        Trace trace = ExplainedRun.replayed(RUN, name);

        assertEquals(List.of(), ExplainedRun.departures(trace));
        // From 260 ms on a read of one segment before each of the server's 18 ACKs, which its state machine sends
        // (before §126: nine reads of two segments, each at the ACK after one the replay did not explain).
        long oneSegmentReads = trace.steps().stream()
                .filter(s -> s.kind() == StepKind.CALL && "server".equals(s.endpoint()) && "read(1448)".equals(s.detail())).count();
        assertEquals(18, oneSegmentReads);
    }
}
