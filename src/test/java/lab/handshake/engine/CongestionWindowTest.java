package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The sender's congestion window in ESTABLISHED (RFC 9293 §3.8.2 MUST-19, RFC 5681): the first flight, slow start,
 * the restart after idle and the loss window after a retransmission timeout, in each profile. The linux numbers are
 * those of the data-slow-start and data-slow-start-after-idle captures (docs/linux-captures.md §27). Each run: 50 ms
 * each way, options off (MSS 1460) unless said, the client writes when established (110 ms) and the server reads on
 * arrival.
 */
class CongestionWindowTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final int MSS = 1460;

    /** A window started and grown, with a flight as large as it, to {@code segments} segments of {@code mss}. */
    static CongestionWindow grownTo(Profile profile, int segments, int mss) {
        CongestionWindow window = new CongestionWindow(profile);
        window.start(mss, 0, 0);
        while (window.bytes() < segments * mss) {
            window.sent(0, mss, window.bytes(), window.bytes() / mss, mss);
            window.acked(0, mss, 1, mss, 0, 100);
        }
        return window;
    }

    private static Trace run(String profile, String actions) throws IOException {
        return run(profile, "timestamps: false, sack: false, windowScaling: false", actions);
    }

    private static Trace run(String profile, String options, String actions) throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: cwnd
                params: {oneWayDelayMs: 50, %s}
                untilMs: 4000
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                %s
                """.formatted(options, actions), ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
    }

    /** The distinct rules that the client's data sends after its first flight of ten name. */
    private static List<String> sendRulesAfterTheFirstFlight(Trace trace) {
        long firstFlightAt = trace.segments().stream().filter(segment -> segment.from().equals("client") && segment.len() > 0)
                .mapToLong(TraceSegment::sentAt).min().orElseThrow();
        return trace.steps().stream()
                .filter(step -> "client".equals(step.endpoint()) && step.segmentId() != null && step.at() > firstFlightAt
                        && trace.segments().stream().anyMatch(segment -> segment.id() == step.segmentId() && segment.len() > 0
                                && segment.from().equals("client")))
                .map(TraceStep::rule).distinct().toList();
    }

    /** The client's data segments counted per round trip: first sending time (ms) → segments sent within 50 ms of it. */
    private static Map<Long, Integer> flights(Trace trace) {
        return flights(trace, "client");
    }

    /** One host's data segments counted per round trip: first sending time (ms) → segments sent within 50 ms of it. */
    static Map<Long, Integer> flights(Trace trace, String sender) {
        Map<Long, Integer> flights = new TreeMap<>();
        long start = -1;
        for (TraceSegment segment : trace.segments()) {
            if (segment.from().equals(sender) && segment.len() > 0) {
                if (start < 0 || segment.sentAt() - start >= 50) {
                    start = segment.sentAt();
                }
                flights.merge(start, 1, Integer::sum);
            }
        }
        return flights;
    }

    /** The client's data segments in order, each written P when it carries PSH, else a dot. */
    private static String pushFlags(Trace trace) {
        StringBuilder flags = new StringBuilder();
        trace.segments().stream().filter(s -> s.from().equals("client") && s.len() > 0)
                .forEach(s -> flags.append(s.flags().contains("PSH") ? 'P' : '.'));
        return flags.toString();
    }

    @Nested
    class Established {
        @Test
        void firstFlight_isTenSegmentsThenEachRoundDoubles_rfc6928_linuxTcpSlowStart() throws IOException {
            // 48 segments in two writes: ten, then the ten ACKs add ten (twenty), then twenty more add twenty (the
            // rest, 18).
            String actions = """
                      - {on: established, host: client, call: send, bytes: %d}
                      - {on: established, host: client, call: send, bytes: %d}
                    """.formatted(24 * MSS, 24 * MSS);
            Trace trace = run("linux", actions);

            assertEquals(List.of(10, 20, 18), List.copyOf(flights(trace).values()));
        }

        @Test
        void aSendTheWindowHeld_saysWhoseWindowLetItGo_slowStartUnderCubic_bbrsUnderBbr_linuxBbrSetCwnd() throws IOException {
            // 24 segments: ten in the first flight, the rest as the ACKs open the window. Under CUBIC they go in slow
            // start (tcp_slow_start); a host that runs BBR has no slow start, its window is bbr_set_cwnd's.
            String send = "  - {on: established, host: client, call: send, bytes: %d}".formatted(24 * MSS);
            Trace cubic = run("linux", "timestamps: false, sack: false, windowScaling: false", send);
            Trace bbr = run("linux", "timestamps: false, sack: false, windowScaling: false, congestionControl: bbr", send);

            assertEquals(List.of("Linux tcp_bbr.c (bbr_set_cwnd, bbr_update_bw; tcp_rate.c)"), sendRulesAfterTheFirstFlight(bbr));
            assertEquals(List.of("RFC 5681 §3.1 (slow start); Linux tcp_slow_start"), sendRulesAfterTheFirstFlight(cubic));
        }

        @Test
        void burst_carriesPshAtTheEndOfEachTwoSegmentGsoPacketAndOfTheWrite_linuxTcpTransmitSkbTcpTsoAutosize()
                throws IOException {
            // Five segments in the first flight: GSO packets of tcp_min_tso_segs (2) segments, each pushed on its last
            // (__tcp_transmit_skb, tcp_gso_segment); the fifth, a packet of one, is pushed as the end of the write.
            Trace trace = run("linux", "  - {on: established, host: client, call: send, bytes: %d}".formatted(5 * MSS));

            assertEquals(".P.PP", pushFlags(trace));
        }

        @Test
        void burst_carriesPshOnlyAtTheEndOfTheWrite_rfc9293Section3_9_1() throws IOException {
            // Three segments (RFC 5681's first window), then two: the sender pushes what the user's SEND ended with.
            Trace trace = run("rfc9293", "  - {on: established, host: client, call: send, bytes: %d}".formatted(5 * MSS));

            assertEquals("....P", pushFlags(trace));
        }

        @Test
        void firstFlight_isRfc5681sInitialWindowAndEachAckAddsOneSegment_rfc5681Section3_1() throws IOException {
            // min(4 × 1460, max(2 × 1460, 4380)) = 4380 bytes, three segments; every ACK adds min(N, SMSS): 3, 6, 12.
            Trace trace = run("rfc9293", "  - {on: established, host: client, call: send, bytes: %d}".formatted(30 * MSS));

            assertEquals(List.of(3, 6, 12, 9), List.copyOf(flights(trace).values()));
        }

        @Test
        void restOfTheInitialWindowSmallerThanASegment_waitsForTheNextAck_rfc9293Section3_8_6_2_1() throws IOException {
            // With timestamps a segment holds 1448 bytes: 4380 bytes are three of them and 36, which do not leave as a
            // segment of their own even with a FIN queued behind them.
            String actions = """
                      - {on: established, host: client, call: send, bytes: 10000}
                      - {on: established, host: client, call: close}
                    """;
            Trace trace = run("rfc9293", "timestamps: true", actions);
            List<Integer> firstFlight = trace.segments().stream()
                    .filter(s -> s.from().equals("client") && s.len() > 0 && s.sentAt() < 150).map(TraceSegment::len).toList();

            assertEquals(List.of(1448, 1448, 1448), firstFlight);
        }

        @Test
        void writeAfterAnIdleTimeLongerThanTheRto_startsAgainFromTheInitialWindow_rfc5681Section4_1_linuxTcpCwndRestart()
                throws IOException {
            // 35 segments grow the window to 45 segments; 1.7 s later, idle for more than the RTO (300 ms), the window
            // has been halved once per RTO but not below ten: the second write leaves as ten, twenty, five again.
            String actions = """
                      - {on: established, host: client, call: send, bytes: %d}
                      - {at: 2000, host: client, call: send, bytes: %d}
                    """.formatted(35 * MSS, 35 * MSS);
            Trace trace = run("linux", actions);

            assertEquals(List.of(10, 20, 5, 10, 20, 5), List.copyOf(flights(trace).values()));
        }

        @Test
        void idleWindow_isHalvedOncePerRtoOfTheIdleTime_notBelowTheInitialWindow_linuxTcpCwndRestart() {
            // 45 segments idle for 750 ms with an RTO of 300 ms: 22, then 11 (data-slow-start-after-idle, a run whose
            // second write came 750 ms after the first flight ended, sent eleven); for 1.7 s the floor, ten.
            assertEquals(11 * MSS, Profile.LINUX.restartWindow(45 * MSS, 750, 300, MSS));
            assertEquals(10 * MSS, Profile.LINUX.restartWindow(45 * MSS, 1_700, 300, MSS));
            assertEquals(3 * MSS, Profile.RFC9293.restartWindow(45 * MSS, 750, 300, MSS), "RFC 5681's RW = min(IW, cwnd)");
        }

        @Test
        void retransmissionTimeout_leavesOneSegmentAndCubicsSsthresh_linuxTcpEnterLoss() {
            CongestionWindow window = grownTo(Profile.LINUX, 20, MSS);

            window.timedOut(true, 20 * MSS, MSS, 0, 0);

            assertEquals(MSS, window.bytes(), "the loss window: one segment");
            // ssthresh 20 × 717 / 1024 = 14 segments (cubictcp_recalc_ssthresh): slow start stops there.
            assertEquals(14 * MSS, window.ssthresh());
            assertEquals(14 * MSS, grow(window, 13));
        }

        @Test
        void retransmissionTimeout_leavesOneSegmentAndHalfTheFlightAsSsthresh_rfc5681Section3_1Equation4() {
            CongestionWindow window = grownTo(Profile.RFC9293, 20, MSS);

            window.timedOut(true, 20 * MSS, MSS, 0, 0);
            // A second timeout of the same loss keeps ssthresh (RFC 5681 §3.1: only the first lowers it).
            window.timedOut(false, MSS, MSS, 0, 0);

            assertEquals(MSS, window.bytes(), "the loss window: one segment");
            assertEquals(10 * MSS, window.ssthresh(), "ssthresh = max(FlightSize / 2, 2 × SMSS)");
            assertEquals(10 * MSS, grow(window, 9), "slow start up to ssthresh");
        }

        @Test
        void mssGrowsWithThePeersWindow_windowKeepsItsNumberOfSegments_linuxSndCwndInPacketsTcpCwndTestTcpSyncMss() {
            // Loopback (capture lo-get2m, docs/linux-captures.md §42; kept as captures/loopback/loopback-netns-get-2m.pcap, §48): the MSS is first half the peer's largest window,
            // 65536 / 2 = 32768 (tcp_bound_to_half_wnd), and IW10 is ten such segments; once the peer offers 130966
            // bytes or more, the MSS is 65483 (tcp_sync_mss). snd_cwnd is a number of packets (tcp_cwnd_test compares
            // it with tcp_packets_in_flight), so with 8 segments of 65483 in flight 10 − 8 = 2 more may go:
            // 2 × 65483 = 130966 bytes. Kept in bytes, the window would be 10 × 32768 = 327680 < 8 × 65483 = 523864:
            // none.
            CongestionWindow window = new CongestionWindow(Profile.LINUX);
            window.start(32768, 0, 0);

            assertEquals(2 * 65483, window.room(8 * 65483, 8, 65483));
            assertEquals(10 * 65483, window.bytes());
        }

        @Test
        void mssGrowsWithThePeersWindow_windowKeepsItsBytes_rfc5681Section3_1() {
            // RFC 5681 counts bytes: the initial window at an SMSS of 32768 is min(4 × 32768, max(2 × 32768, 4380)) =
            // 65536 bytes, and it stays 65536 when the SMSS becomes 65483: room for one segment of 65483 and 53 bytes.
            CongestionWindow window = new CongestionWindow(Profile.RFC9293);
            window.start(32768, 0, 0);

            assertEquals(65536, window.room(0, 0, 65483));
            assertEquals(65536, window.bytes());
        }

        /** The window after {@code acks} ACKs of one full segment each, its flight always full. */
        private int grow(CongestionWindow window, int acks) {
            for (int i = 0; i < acks; i++) {
                window.sent(0, MSS, window.bytes(), window.bytes() / MSS, MSS);
                window.acked(0, MSS, 1, MSS, 0, 100);
            }
            return window.bytes();
        }
    }
}
