package lab.handshake.engine;

import static lab.handshake.engine.TcpConnectionTest.A;
import static lab.handshake.engine.TcpConnectionTest.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A receive window above zero but below two segments (RFC 9293 §3.8.6.2, silly window syndrome avoidance): a server
 * whose SO_RCVBUF of 2048 bytes offers 1460 and reads 500 bytes at a time, a client with 2190 bytes to send. Held to
 * the kernel in the small-window-reads and small-window-partial-segment captures (docs/linux-captures.md §33, §41).
 */
class SmallWindowTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** A peer that offers no MSS option: 536 bytes (RFC 9293 §3.7.1). */
    private static final int DEFAULT_MSS = 536;
    /** Twelve such segments and 300 bytes: a window that cuts the fourth ACK's packet of two short. */
    private static final int WINDOW = 12 * DEFAULT_MSS + 300;

    private static Trace run(String profile) throws IOException {
        return run(profile, """
                  - {on: established, host: client, call: send, bytes: 2190}
                  - {at: 600, host: server, call: read, bytes: 500}
                  - {at: 900, host: server, call: read, bytes: 500}
                  - {at: 1200, host: server, call: read, bytes: 500}
                """);
    }

    /** The server's SO_RCVBUF of 2048, read only on its calls, and the client's connect at 10 ms, with these actions after them. */
    private static Trace run(String profile, String actions) throws IOException {
        return run(profile, "on-call", actions);
    }

    /**
     * The server's SO_RCVBUF of 2048 (a window of 1460), its reads as {@code serverReads} says, and the client's connect
     * at 10 ms, with these actions after them; options off.
     */
    static Trace run(String profile, String serverReads, String actions) throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: small-window
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50, serverReads: %s, timestamps: false,
                         sack: false, windowScaling: false, server: {window: 2048}}
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                """.formatted(serverReads) + actions + """
                untilMs: 3000
                """, ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
    }

    private static List<Integer> dataLengths(Trace trace) {
        return trace.segments().stream().filter(s -> s.from().equals("client") && s.len() > 1).map(TraceSegment::len).toList();
    }

    @Nested
    class Established {
        /**
         * Linux cuts every segment to half the largest window the server offered (tcp_bound_to_half_wnd, from
         * tcp_sync_mss): 730 bytes for a window of 1460, so two whole segments fill it.
         */
        @Test
        void windowBelowTwoSegments_linuxCutsSegmentsToHalfTheLargestWindow_tcpBoundToHalfWnd() throws IOException {
            Trace trace = run("linux");
            assertEquals(1460, trace.segments().get(1).window(), "the SYN,ACK's window");
            assertEquals(List.of(730, 730, 730), dataLengths(trace));
            assertEquals(3, trace.steps().stream().filter(step -> Rules.SENDER_SWS.equals(step.rule())).count(),
                    "each segment says why it is short");
        }

        /** The textbook keeps the MSS: one full segment fills the window (RFC 9293 §3.8.6.2.1, rule 1). */
        @Test
        void windowOfOneSegment_textbookSendsFullSegments_rfc9293Section3_8_6_2_1() throws IOException {
            Trace trace = run("rfc9293");
            assertEquals(1460, dataLengths(trace).get(0));
        }

        /**
         * The server's first ACK leaves less than half its buffer free, which ends Linux's quick-ACK mode
         * (__tcp_select_window clears icsk_ack.quick): the second segment's ACK, with the zero window, waits for the
         * delayed-ACK timer.
         */
        @Test
        void bufferMoreThanHalfTaken_endsQuickAcks_theNextAckIsDelayed_linuxTcpSelectWindow() throws IOException {
            Trace trace = run("linux");
            List<TraceSegment> acks = trace.segments().stream().filter(s -> s.from().equals("server") && s.len() == 0
                    && !s.flags().contains("SYN")).toList();
            TraceSegment second = trace.segments().stream().filter(s -> s.from().equals("client") && s.len() > 1).toList().get(1);
            assertEquals(List.of(730, 0), List.of(acks.get(0).window(), acks.get(1).window()));
            assertEquals(second.arrivesAt(), acks.get(0).sentAt(), "the first ACK at once");
            assertEquals(true, acks.get(1).sentAt() - second.arrivesAt() >= 20, "the second delayed: "
                    + (acks.get(1).sentAt() - second.arrivesAt()) + " ms");
        }

        /**
         * 1030 unread bytes leave the server's window at 430, less than the client's 730-byte segments. Data written
         * then does not go: the first segment of a pass must fit the window whole (tcp_snd_wnd_test in
         * tcp_write_xmit, net/ipv4/tcp_output.c). Nothing is in flight, so the probe timer is armed for an RTO
         * (tcp_check_probe_timer), and when it fires tcp_write_wakeup sends the 430 bytes the window allows, with PSH
         * (RFC 9293 §3.8.6.2.1 rule 4; capture small-window-partial-segment, docs/linux-captures.md §41).
         */
        @Test
        void windowBelowOneSegment_linuxHoldsTheDataUntilItsProbeTimerSendsWhatFits_tcpSndWndTest_tcpWriteWakeup()
                throws IOException {
            Trace trace = run("linux", """
                      - {on: established, host: client, call: send, bytes: 1030}
                      - {at: 400, host: client, call: send, bytes: 3350}
                    """);
            List<TraceSegment> data = trace.segments().stream().filter(s -> s.from().equals("client") && s.len() > 1).toList();
            assertEquals(List.of(730, 300, 430), data.subList(0, 3).stream().map(TraceSegment::len).toList());
            TraceSegment partial = data.get(2);
            TraceStep armed = trace.steps().stream().filter(step -> step.at() == 400 && step.kind() == StepKind.TIMER_ARMED)
                    .findFirst().orElseThrow();
            assertEquals(Rules.SENDER_SWS_WHEN_TO_SEND, armed.rule(), "the write at 400 ms arms the probe timer");
            long rto = armed.timers().get(0).expiresAt() - 400;
            // About 3 x 100 ms, 75 or 76 ticks: the timer wheel's second level runs it at the next multiple of 8 jiffies,
            // up to 32 ms later (calc_wheel_index; the engine's jiffies count from its clock's 0).
            assertTrue(rto >= 300 && rto <= 340, "an RTO after the write, then the wheel's bucket: " + rto);
            assertEquals(0, (400 + rto) % 32, "on an 8-tick boundary: " + (400 + rto));
            assertEquals(400 + rto, partial.sentAt(), "nothing before the timer");
            assertTrue(partial.flags().contains("PSH"), "tcp_write_wakeup sets PSH");
        }

        /**
         * 300 unread bytes leave the server's window at 1160: a 730-byte segment fits it whole, and the 430 bytes after
         * it, cut short by the window, go at once as the tail of that burst (tcp_mss_split_point in tcp_write_xmit),
         * though they are less than half the largest window (the RFC's rule 3 would hold them).
         */
        @Test
        void windowCutsABurstsTail_linuxSendsItAfterAWholeSegment_tcpMssSplitPoint() throws IOException {
            Trace trace = run("linux", """
                      - {on: established, host: client, call: send, bytes: 300}
                      - {at: 400, host: client, call: send, bytes: 3350}
                    """);
            List<TraceSegment> data = trace.segments().stream().filter(s -> s.from().equals("client") && s.len() > 1).toList();
            assertEquals(List.of(300, 730, 430), data.subList(0, 3).stream().map(TraceSegment::len).toList());
            assertEquals(400, data.get(1).sentAt());
            assertEquals(400, data.get(2).sentAt(), "the tail goes in the same pass");
            TraceStep tail = trace.steps().stream().filter(step -> step.at() == 400 && step.kind() == StepKind.SEND)
                    .reduce((first, second) -> second).orElseThrow();
            assertEquals(Rules.SENDER_SWS_WHEN_TO_SEND, tail.rule());
            assertTrue(tail.text().contains("tail of a packet"), tail.text());
        }

        /**
         * A segment the window cuts short at the head of the next packet waits, even after a whole packet of the same
         * pass (Linux tcp_write_xmit: tcp_snd_wnd_test checks the first segment of every packet, and
         * tcp_mss_split_point adds a part of a segment only to a packet whose head fit; capture
         * hystart-delay-download-1m-defaults, docs/linux-captures.md §66). Numbers by hand: the peer offers no MSS
         * option (536 bytes) and a window of 2 × 536 + 300 = 1372; 3000 bytes written after the handshake, nothing in
         * flight, cwnd 10: a packet of two segments (tcp_tso_segs) fits whole; the next would begin with 300 bytes of a
         * 536-byte segment, so it waits for the window to open.
         */
        @Test
        void windowCutsTheHeadOfTheNextPacket_linuxHoldsItAfterAWholePacket_tcpSndWndTest() {
            FakeEnvironment env = new FakeEnvironment(Profile.LINUX);
            TcpConnection connection = establishedAt100(env, 2 * DEFAULT_MSS + 300);
            connection.send(3000, SendFlags.NONE);
            assertEquals(List.of(DEFAULT_MSS, DEFAULT_MSS),
                    env.takeSent().stream().filter(segment -> segment.len() > 0).map(Segment::len).toList());
        }

        /**
         * A burst's packet that the window cuts short waits for the ACK due now (Linux tcp_tso_should_defer; capture
         * download-1m-defaults, docs/linux-captures.md §36, §47). Numbers by hand: our ISS is 100; the peer offers no
         * MSS option (536 bytes) and a window of W = 12 × 536 + 300 = 6732, so ten segments (IW10) leave at 100 ms,
         * when its SYN,ACK arrives (srtt 100 ms). At 200 ms ACKs of one segment each come back, each with W: the first
         * leaves 9 in flight and cwnd 11, room for a packet of two, which the window holds (W − 9 × 536 = 3 × 536 +
         * 300); so does the second's (10 in flight, cwnd 12, W − 10 × 536 = 2 × 536 + 300). After the third, 11 are in
         * flight, cwnd is 13, and the window has room for W − 11 × 536 = 836 bytes: a packet of 2 × 536 = 1072 cut
         * short, room below a third of min(W, 13 × 536) = 2244, and the oldest segment in flight, sent at 100 ms, is
         * due to be acknowledged one srtt later, now. So it waits, where a packet with its tail would otherwise go (536
         * and 300). The fourth ACK (10 in flight, cwnd 14, W − 10 × 536 = 1372) lets a whole packet go.
         */
        @Test
        void windowCutsAPacketWhileAnAckIsDue_linuxWaitsForThatAck_tcpTsoShouldDefer() {
            FakeEnvironment env = new FakeEnvironment(Profile.LINUX);
            TcpConnection connection = establishedAt100(env, WINDOW);
            connection.send(20 * DEFAULT_MSS, SendFlags.NONE);
            assertEquals(10, env.takeSent().size(), "IW10");
            env.now = 200;

            assertEquals(List.of(DEFAULT_MSS, DEFAULT_MSS), lengths(env, connection, 1));
            assertEquals(List.of(DEFAULT_MSS, DEFAULT_MSS), lengths(env, connection, 2));
            assertEquals(List.of(), lengths(env, connection, 3), "836 bytes of window: the packet waits");
            assertEquals(List.of(DEFAULT_MSS, DEFAULT_MSS), lengths(env, connection, 4).subList(0, 2));
        }

        /**
         * The window of the fourth test above, below half a millisecond of round trip (veth, loopback): a packet is the
         * GSO size (tcp_tso_autosize: 64 KB below a min RTT of 512 µs, tcp_tso_rtt_log 9), here all that the window
         * takes, and its tail, 300 bytes of a segment the window cuts short, goes with it (tcp_mss_split_point; capture
         * runs/everyday-s96/veth-linger-expires-client, the 9,216 bytes of 2.501 s, docs/linux-captures.md §104). With
         * packets of two segments, the profile's at 100 ms, the 300 bytes would head a packet of their own and wait.
         * The window shrank from a larger one, as there: had the SYN,ACK offered only it, the write's skbs would be half
         * of it and a forced push (tcp_sendmsg_locked, docs/linux-captures.md §127) would send the first two whole
         * before the rest was written.
         */
        @Test
        void windowCutsTheLastSegment_belowHalfAMillisecond_itGoesAsTheTailOfOneGsoPacket_tcpTsoAutosize() {
            FakeEnvironment env = new FakeEnvironment(Profile.LINUX);
            TcpConnection connection = establishedAt(env, 0, 65_535);
            connection.segmentArrives(new Segment(B, A, 301, 101, Flags.ACK, 0, 6 * DEFAULT_MSS + 300));
            connection.send(20 * DEFAULT_MSS, SendFlags.NONE);
            List<Segment> sent = env.takeSent();
            assertEquals(List.of(536, 536, 536, 536, 536, 536, 300), sent.stream().map(Segment::len).toList());
            assertEquals(List.of(false, false, false, false, false, false, true),
                    sent.stream().map(segment -> Flags.has(segment.flags(), Flags.PSH)).toList(), "one packet: PSH on its last");
        }

        /**
         * Below a millisecond of round trip too, a packet the congestion window cuts waits for the ACK due
         * (tcp_tso_should_defer: the oldest segment was sent a smoothed round trip ago, which rounds to now). IW10
         * leaves as one packet at the handshake's millisecond; the ACK of one segment makes cwnd 11 with 9 in flight:
         * room for 2 segments, less than a third of min(W, cwnd) and far below a full packet, so they wait, as the
         * kernel held the 4 segments after the 41 in flight over veth (runs/everyday-s96/veth-linger-expires-client,
         * docs/linux-captures.md §100, §104). The ACK of 5 (cwnd 15, 5 in flight) leaves room for 10, a third and more.
         */
        @Test
        void congestionWindowCutsAPacket_belowAMillisecond_itWaitsForTheAckDue_tcpTsoShouldDefer() {
            FakeEnvironment env = new FakeEnvironment(Profile.LINUX);
            int window = 40 * DEFAULT_MSS;
            TcpConnection connection = establishedAt(env, 0, window);
            connection.send(20 * DEFAULT_MSS, SendFlags.NONE);
            assertEquals(10, env.takeSent().size(), "IW10");

            assertEquals(List.of(), lengths(env, connection, 1, window), "room for 2 of cwnd 11: the packet waits");
            assertEquals(10, lengths(env, connection, 5, window).size(), "room for 10 of cwnd 15: it goes");
        }

        /** Our connection (ISS 100), opened at 0 ms and established at 100 ms by a SYN,ACK offering {@code window}. */
        private TcpConnection establishedAt100(FakeEnvironment env, int window) {
            return establishedAt(env, 100, window);
        }

        /** Our connection (ISS 100), opened at 0 ms and established at {@code ms} by a SYN,ACK offering {@code window}. */
        private TcpConnection establishedAt(FakeEnvironment env, long ms, int window) {
            TcpConnection connection = TcpConnection.create(env, A, B, false);
            connection.openActive(100);
            env.now = ms;
            connection.segmentArrives(new Segment(B, A, 300, 101, Flags.SYN | Flags.ACK, 0, window));
            env.takeSent();
            return connection;
        }

        /** The lengths of what the connection sends on the ACK of its first {@code segments} segments, window W. */
        private List<Integer> lengths(FakeEnvironment env, TcpConnection connection, int segments) {
            return lengths(env, connection, segments, WINDOW);
        }

        /** The lengths of what the connection sends on the ACK of its first {@code segments} segments, {@code window}. */
        private List<Integer> lengths(FakeEnvironment env, TcpConnection connection, int segments, int window) {
            connection.segmentArrives(new Segment(B, A, 301, 101 + segments * DEFAULT_MSS, Flags.ACK, 0, window));
            return env.takeSent().stream().filter(segment -> segment.len() > 0).map(Segment::len).toList();
        }
    }
}
