package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioParams;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Receive-buffer autotuning under the {@code linux} profile (Linux 6.18, net/ipv4/tcp_input.c): the receiver's own
 * round-trip time (tcp_rcv_rtt_measure_ts, tcp_rcv_rtt_measure, tcp_rcv_rtt_update) and, once per round trip, the
 * buffer and clamp grown from what the application copied (tcp_rcv_space_adjust, tcp_rcvbuf_grow). A client of the
 * download-<size>-defaults captures: SO_RCVBUF not set, so 131072 bytes of memory, advmss 1448, a first window of
 * 64240, full segments of 1448 bytes with timestamps, each charged 2304 bytes (a scaling_ratio of 1448 × 256 / 2304
 * = 160). The handshake ends at 0 ms; tcp_init_buffer_space's first measure is min(64240, 10 × 1448) = 14480 bytes.
 * RFC 9293 keeps RCV.BUFF as it is (§3.8.6.2.2 leaves the buffer to the implementation).
 */
class ReceiveBufferAutotuningTest {
    private static final int SEGMENT = 1448;
    private static final int TIMESTAMPS = 12;
    private static final int FIRST_WINDOW = 64_240;
    /** tcp_measure_rcv_mss at the first full segment: tcp_win_from_space(131072) at 160/256. */
    private static final int FIRST_CLAMP = 81_920;

    private ReceiveMemory client(boolean autotunes) {
        ReceiveMemory memory = new ReceiveMemory(131_072, true, autotunes, false);
        memory.establish(SEGMENT, SEGMENT, FIRST_WINDOW);
        memory.transferStarts(0, FIRST_WINDOW);
        return memory;
    }

    /** {@code count} full segments arrive at {@code now}, the first echoing our timestamp {@code rttMs} old. */
    private static void round(ReceiveMemory memory, long now, int count, long rttMs) {
        memory.echoed(now * 10, now * 10 + rttMs, SEGMENT, now);
        for (int i = 0; i < count; i++) {
            memory.arrived(SEGMENT, TIMESTAMPS, now, FIRST_WINDOW);
        }
    }

    /** The rounds of 10 and 20 segments of slow start, 100 ms apart, a round trip of 100 ms echoed by each. */
    private static ReceiveMemory firstTwoRounds(ReceiveMemory memory) {
        round(memory, 100, 10, 100);
        round(memory, 200, 20, 100);
        return memory;
    }

    /** The clamp once the application has read what arrived before {@code now} (tcp_recvmsg's tcp_rcv_space_adjust). */
    private static int clampAfterReading(ReceiveMemory memory, long now) {
        memory.select(now, FIRST_WINDOW, 10);
        return memory.clamp();
    }

    @Nested
    class TcpRcvSpaceAdjust {
        @Test
        void aRoundTripThatCopiesNoMoreThanTheFirstMeasureLeavesTheBuffer() {
            ReceiveMemory memory = client(true);
            round(memory, 100, 10, 100);
            // 100 ms after the handshake, 14480 bytes copied: not more than 14480, a new measure begins.
            assertEquals(FIRST_CLAMP, clampAfterReading(memory, 101));
        }

        @Test
        void aRoundTripThatCopiesMoreGrowsTheBufferToTwiceTheCopyPlusTheSlowStartGrowth() {
            ReceiveMemory memory = firstTwoRounds(client(true));
            // tcp_rcvbuf_grow(28960) after 14480: rcvwin = 2 × 28960 + 4 × 28960 × (28960 - 14480) / 14480 = 173760;
            // sk_rcvbuf = 173760 × 256 / 160 = 278016; window_clamp = 278016 × 160 / 256 = 173760.
            assertEquals(173_760, clampAfterReading(memory, 201));
        }

        @Test
        void theSameCopyAgainLeavesTheBufferAndTwiceTheCopyGrowsItAgain() {
            ReceiveMemory memory = firstTwoRounds(client(true));
            round(memory, 300, 20, 100);
            assertEquals(173_760, clampAfterReading(memory, 301));
            round(memory, 400, 40, 100);
            // 57920 after 28960: rcvwin = 115840 + 231680 × 28960 / 28960 = 347520; sk_rcvbuf 556032.
            assertEquals(347_520, clampAfterReading(memory, 401));
        }

        @Test
        void dataHeldBeyondAGapCountsOnceTheGapFills_tcpOfoQueue() {
            ReceiveMemory memory = client(true);
            round(memory, 100, 10, 100);
            // Round 2 with its first segment late: 19 held beyond the gap, then the first; RCV.NXT jumps past them all.
            memory.echoed(2000, 2100, SEGMENT, 200);
            for (int i = 0; i < 19; i++) {
                memory.heldBeyondGap(SEGMENT, TIMESTAMPS, 200, true, FIRST_WINDOW);
            }
            memory.arrived(SEGMENT, TIMESTAMPS, 200, FIRST_WINDOW);
            memory.gapFilled(19 * SEGMENT);
            // As two rounds in order: 28960 copied after 14480.
            assertEquals(173_760, clampAfterReading(memory, 201));
        }

        @Test
        void lessThanOneMeasuredRoundTripAfterTheLastMeasureChangesNothing() {
            ReceiveMemory memory = client(true);
            round(memory, 100, 10, 100);
            // 50 ms after the measure of 100 ms, 20 segments copied (fewer than a window since the first: no window-based
            // sample): tcp_rcv_space_adjust returns before it counts.
            round(memory, 150, 20, 100);
            assertEquals(FIRST_CLAMP, clampAfterReading(memory, 151));
        }

        @Test
        void withoutASampleOfTheRoundTripNothingIsMeasured() {
            ReceiveMemory memory = client(true);
            // No timestamps, and fewer bytes than a window since the first segment: rcv_rtt_est.rtt_us is still 0.
            for (int i = 0; i < 40; i++) {
                memory.arrived(SEGMENT, 0, 100, FIRST_WINDOW);
            }
            assertEquals(FIRST_CLAMP, clampAfterReading(memory, 101));
        }
    }

    @Nested
    class TcpRcvRttMeasure {
        @Test
        void withoutTimestampsTheRoundTripIsTheTimeAWindowTakesToArrive() {
            ReceiveMemory memory = client(true);
            memory.arrived(SEGMENT, 0, 0, FIRST_WINDOW);
            // The measure began at 0 ms with RCV.NXT + RCV.WND = 1448 + 64240 = 65688; the 45th segment of 100 ms
            // passes it: a sample of 100 ms.
            for (int i = 0; i < 45; i++) {
                memory.arrived(SEGMENT, 0, 100, FIRST_WINDOW);
            }
            // 66608 bytes copied 100 ms after the handshake: rcvwin = 133216 + 266432 × 52128 / 14480 = 1092371,
            // sk_rcvbuf 1092371 × 256 / 160 = 1747793, window_clamp 1747793 × 160 / 256 = 1092370.
            assertEquals(1_092_370, clampAfterReading(memory, 101));
        }
    }

    @Nested
    class SockRcvbufLock {
        @Test
        void aBufferFixedBySoRcvbufNeverGrows() {
            assertEquals(FIRST_CLAMP, clampAfterReading(firstTwoRounds(client(false)), 201));
        }

        @Test
        void aScenariosWindowIsSoRcvbufAndTurnsAutotuningOffForItsHosts() {
            assertTrue(ScenarioParams.builder().build().over(Profile.LINUX).moderateRcvbuf());
            assertFalse(ScenarioParams.builder().window(65_536).build().over(Profile.LINUX).moderateRcvbuf());
            ScenarioParams serverFixed = ScenarioParams.builder().server(ScenarioParams.builder().window(8192).build()).build();
            TcpParams scenario = serverFixed.over(Profile.LINUX);
            assertTrue(serverFixed.forHost("client", scenario, Profile.LINUX).moderateRcvbuf());
            assertFalse(serverFixed.forHost("server", scenario, Profile.LINUX).moderateRcvbuf());
        }

        /**
         * Linux takes the shift from the clamp SO_RCVBUF set (tcp_openreq_init_rwin, tcp_connect_init, then
         * tcp_select_initial_window: ilog2(space) - 15, at least 0): the SYN,ACK of close-zero-window-defaults, SO_RCVBUF
         * 8192, offers shift 0 where the client's offers 10. A shift given with the window stays.
         */
        @Test
        void aHostWhoseWindowSoRcvbufFixedOffersTheShiftOfThatBuffer_tcpSelectInitialWindow() {
            ScenarioParams serverFixed = ScenarioParams.builder().server(ScenarioParams.builder().window(8192).build()).build();
            TcpParams scenario = serverFixed.over(Profile.LINUX);
            assertEquals(10, serverFixed.forHost("client", scenario, Profile.LINUX).windowScale());
            assertEquals(0, serverFixed.forHost("server", scenario, Profile.LINUX).windowScale());
            assertEquals(3, ScenarioParams.builder().window(262_144).build().over(Profile.LINUX).windowScale());
            assertEquals(7, ScenarioParams.builder().window(8192).windowScale(7).build().over(Profile.LINUX).windowScale());
            assertEquals(Profile.RFC9293.defaults().windowScale(),
                    ScenarioParams.builder().window(8192).build().over(Profile.RFC9293).windowScale());
        }

        @Test
        void rfc9293KeepsRcvBuffAsItIs() {
            assertFalse(Profile.RFC9293.autotunesReceiveBuffer(ScenarioParams.builder().build().over(Profile.RFC9293)));
            assertTrue(Profile.LINUX.autotunesReceiveBuffer(Profile.LINUX.defaults()));
        }
    }

    /**
     * A download of 262140 bytes (four sends of 65535) to a client that reads on arrival, default sysctls, 50 ms each
     * way: download-256k-defaults (docs/linux-captures.md §36).
     */
    @Nested
    class Established {
        private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

        private Trace download(String params) throws IOException {
            ScenarioSpec spec = YAML.readValue("""
                    id: download
                    params: {oneWayDelayMs: 50%s}
                    untilMs: 4000
                    actions:
                      - {at: 0, host: server, call: listen}
                      - {at: 10, host: client, call: connect}
                      - {on: established, host: client, call: send, bytes: 100}
                      - {on: data, host: server, call: send, bytes: 65535}
                      - {on: data, host: server, call: send, bytes: 65535}
                      - {on: data, host: server, call: send, bytes: 65535}
                      - {on: data, host: server, call: send, bytes: 65535}
                    """.formatted(params), ScenarioSpec.class);
            return ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
        }

        private static List<Integer> serverRounds(Trace trace) {
            return List.copyOf(CongestionWindowTest.flights(trace, "server").values());
        }

        private static int largestClientWindowField(Trace trace) {
            return trace.segments().stream().filter(s -> s.from().equals("client") && !s.flags().contains("SYN"))
                    .mapToInt(TraceSegment::window).max().orElseThrow();
        }

        @Test
        void theAutotunedWindowNeverLimitsSlowStart_tcpRcvSpaceAdjust() throws IOException {
            // 262140 bytes = 181 segments of 1448 and 52 bytes: rounds of slow start, 10, 20, 40, 80 and the 32 left.
            Trace trace = download("");
            assertEquals(List.of(10, 20, 40, 80, 32), serverRounds(trace));
            assertTrue(largestClientWindowField(trace) > 79);
        }

        @Test
        void withSoRcvbufSetTheWindowStopsAtTheFirstClamp_sockRcvbufLock() throws IOException {
            // The window never exceeds what the 131072-byte buffer holds at 160/256, 81920, less the segment just
            // arrived (2304 × 160 / 256 = 1440): 80480 (tcp_space, __tcp_select_window), sent as 40240 units of 2: the
            // shift of a 65536-byte SO_RCVBUF is 1 (tcp_select_initial_window).
            Trace trace = download(", client: {window: 65536}");
            assertEquals(80_480 >> 1, largestClientWindowField(trace));
            assertTrue(serverRounds(trace).get(3) < 80);
        }
    }
}
