package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import lab.handshake.engine.trace.Trace;
import org.junit.jupiter.api.Test;

/**
 * round18-s144 (docs/linux-captures.md §144), captured at the server behind the relay's 35 ms each way: the server
 * (SO_RCVBUF 4096, a window of two segments) reads nothing for a second, then 2,000 bytes every 300 ms, while the
 * client writes 40,000 bytes. Each read frees only the segments it read to their end (tcp_recvmsg_locked), so its
 * window update offers 1,448 or 2,896 bytes, not the whole window (__tcp_select_window), and data stays unread until
 * the next read. Before §144 the replay took each window update for a read of all that waited: its server then offered
 * a window the kernel did not, and the next read's update was no longer one it would send (tcp_cleanup_rbuf: at least
 * twice the window left), 12 departures.
 */
class ReadShownByWindowCaptureTest {
    private static final String RUN = "round18-s144/explained";

    @Test
    void aWindowUpdateAfterAPartialRead_readsOnlyTheSegmentsItsWindowShowsFreed_tcpRecvmsgAndSelectWindow() throws IOException {
        Trace trace = ExplainedRun.replayed(RUN, "d35-late-read-rcvbuf4k-server");

        assertEquals(List.of(), ExplainedRun.departures(trace));
        List<String> reads = trace.steps().stream().filter(s -> "server".equals(s.endpoint()) && s.detail().startsWith("read("))
                .map(s -> s.detail()).toList();
        assertEquals("read(1448)", reads.get(0));
    }
}
