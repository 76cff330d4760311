package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import org.junit.jupiter.api.Test;

/**
 * The receive memory of a host talking to itself over loopback (Linux 6.18): the receiver gets the sender's own
 * buffer (loopback_xmit), whose truesize is SKB_TRUESIZE of the small head tcp_stream_alloc_skb takes for the headers
 * plus the payload its page fragments hold (tcp_sendmsg_locked, skb_len_add), and a segment gives its fragments to
 * the buffer before it once the sender no longer holds that one (skb_try_coalesce). Capture loopback-netns-get-10k
 * (docs/linux-captures.md §71): curl fetches 10,000 bytes from python3 -m http.server on lo, shift 10; after the
 * 203-byte header and the 10,000-byte body the client offers 109 × 1024.
 */
class LoopbackReceiveMemoryTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The MSS of lo (MTU 65536) less the timestamps. */
    private static final int ADVMSS = 65_483;
    private static final int TIMESTAMPS = 12;
    private static final int SHIFT = 10;

    /** The capture's inferred scenario, over loopback or not. */
    private static List<Integer> clientWindowsAfterTheBody(boolean loopback) throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: get-10k
                params: {oneWayDelayMs: 0, loopback: %s, client: {mss: 65495}, server: {mss: 65495}}
                untilMs: 10006
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 0, host: client, call: connect}
                  - {on: established, delayMs: 0, host: client, call: send, bytes: 85}
                  - {on: data, delayMs: 6, host: server, call: send, bytes: 203}
                  - {on: data, delayMs: 6, host: server, call: send, bytes: 10000}
                  - {on: data, delayMs: 6, host: server, call: close}
                  - {on: eof, delayMs: 0, host: client, call: close}
                """.formatted(loopback), ScenarioSpec.class);
        Trace trace = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
        List<TraceSegment> segments = trace.segments();
        int body = segments.indexOf(segments.stream().filter(s -> s.len() == 10_000).findFirst().orElseThrow());
        return segments.subList(body, segments.size()).stream().filter(s -> s.from().equals("client")).map(TraceSegment::window).toList();
    }

    @Test
    void overLoopbackASegmentTakesTheSendersSmallHeadAndItsPayload_tcpStreamAllocSkb() throws IOException {
        // The capture's ACK of the body and FIN, 109; a copy into a 16 KiB head (the TUN relay's) would offer 67.
        assertEquals(List.of(109, 109), clientWindowsAfterTheBody(true));
        assertEquals(List.of(67, 67), clientWindowsAfterTheBody(false));
    }

    /** The header arrives, is acknowledged or not, then the body arrives in the same instant: the window offered then. */
    private static int windowAfterHeaderAndBody(boolean headerAcknowledged) {
        ReceiveMemory memory = new ReceiveMemory(131_072, true, true, true);
        memory.establish(ADVMSS, ADVMSS, 65_495);
        memory.transferStarts(0, 65_536);
        memory.arrived(203, TIMESTAMPS, 6, 65_536);
        memory.select(6, 65_536, SHIFT);
        if (headerAcknowledged) {
            memory.acknowledged();
        }
        memory.arrived(10_000, TIMESTAMPS, 6, 65_536);
        return memory.select(6, 65_536, SHIFT) >> SHIFT;
    }

    @Test
    void aSegmentCoalescesOnlyIntoABufferTheSenderNoLongerHolds_skbTryCoalesce() {
        // Acknowledged, the header's buffer takes the body's 10,000 bytes alone (skb_try_coalesce's delta); still
        // held by the sender (skb_cloned), the body keeps its own buffer and its 832-byte head: one unit less.
        assertEquals(109, windowAfterHeaderAndBody(true));
        assertEquals(108, windowAfterHeaderAndBody(false));
    }
}
