package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceOption;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Data lost in the middle or at the tail of a transfer, in ESTABLISHED. The receiver holds what arrives beyond the gap
 * (RFC 9293 §3.10.7.4, SHLD-31), answers it at once (RFC 5681 §4.2) with SACK blocks when SACK was agreed (RFC 2018
 * §4), and delivers it when the gap fills; the linux sender finds the loss by RACK or probes the tail (RFC 8985), as
 * the kernel did in the data-segment-lost and data-tail-lost captures; after a retransmission timeout both senders send
 * every outstanding segment again in slow-start rounds from one segment (RFC 5681 §3.1, RFC 6298 §5.4), as the kernel did
 * in data-burst-rto; the linux receiver reports data it gets twice with a D-SACK (RFC 2883), as in data-ack-lost. Each run: ISNs 1000 and 5000, 50 ms each way, the client sends
 * {@code segments} full segments in one write when established (at 110 ms, the SYN,ACK's round trip 100 ms); the
 * network drops the listed segments of the client's ACK-flagged ones (the handshake's ACK is the 1st, the first data
 * segment the 2nd) or of the server's (its SYN,ACK does not count), each fault counting the segments the faults before
 * it let through.
 */
class LossRecoveryTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The first data byte: the client's ISN + 1. */
    private static final long DATA = 1001;
    /** A full segment with timestamps: MSS 1460 less 12. */
    private static final int SEGMENT = 1448;

    private static Trace run(String profile, String options, int segments, int... dropped) throws IOException {
        return run(profile, options, segments, drops("client", dropped));
    }

    /** The faults that drop the listed ACK-flagged segments of {@code host}. */
    private static String drops(String host, int... dropped) {
        return Arrays.stream(dropped)
                .mapToObj(nth -> "  - {match: {from: %s, flags: [ACK], nth: %d}, action: drop}".formatted(host, nth))
                .collect(Collectors.joining("\n"));
    }

    private static Trace run(String profile, String options, int segments, String faults) throws IOException {
        return run(profile, options, segments, faults, "");
    }

    /** {@code inject}: the scenario's inject section, or nothing. */
    private static Trace run(String profile, String options, int segments, String faults, String inject) throws IOException {
        return run(profile, options, segments, faults, inject, Language.EN);
    }

    private static Trace run(String profile, String options, int segments, String faults, String inject, Language language)
            throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: loss
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50, timestamps: true%s}
                untilMs: 3000
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {on: established, host: client, call: send, bytes: %d}
                faults:
                %s
                %s
                """.formatted(options, segments * SEGMENT, faults, inject), ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), language, Limits.API);
    }

    /** Under linux: {@code first} full segments written when established, {@code second} more at {@code secondAt} ms. */
    private static Trace runTwoWrites(int first, int secondAt, int second, String faults) throws IOException {
        ScenarioSpec spec = YAML.readValue("""
                id: two-writes
                params: {clientIsn: 1000, serverIsn: 5000, oneWayDelayMs: 50, timestamps: true}
                untilMs: 3000
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 10, host: client, call: connect}
                  - {on: established, host: client, call: send, bytes: %d}
                  - {at: %d, host: client, call: send, bytes: %d}
                faults:
                %s
                """.formatted(first * SEGMENT, secondAt, second * SEGMENT, faults), ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
    }

    private static List<TraceSegment> from(Trace trace, String host) {
        return trace.segments().stream().filter(s -> s.from().equals(host)).toList();
    }

    /** The client's data segments sent again: "at seq". */
    private static List<String> resent(Trace trace) {
        List<TraceSegment> data = from(trace, "client").stream().filter(s -> s.len() > 0).toList();
        return data.stream().filter(s -> data.stream().anyMatch(o -> o.seq() == s.seq() && o.sentAt() < s.sentAt()))
                .map(s -> s.sentAt() + " " + (s.seq() - DATA)).toList();
    }

    /** The server's ACKs: "ack [SACK blocks]", relative to the first data byte. */
    private static List<String> acks(Trace trace) {
        return from(trace, "server").stream().filter(s -> s.len() == 0 && s.flags().equals(List.of("ACK")))
                .map(s -> (s.ack() - DATA) + sack(s)).toList();
    }

    /** An ACK's SACK blocks as " SACK left-right ...", relative to the client's first data byte; "" without them. */
    static String sack(TraceSegment segment) {
        return segment.options().stream().filter(o -> o.kind() == OptionKind.SACK).map(TraceOption::blocks)
                .map(blocks -> blocks.stream().map(b -> (b.left() - DATA) + "-" + (b.right() - DATA))
                        .collect(Collectors.joining(" ", " SACK ", "")))
                .findFirst().orElse("");
    }

    @Nested
    class Established {
        @Test
        void segmentBeyondAGap_isHeldAndAnsweredAtOnceWithItsSackBlock_rfc2018Section4() throws IOException {
            Trace trace = run("linux", "", 4, 3);

            // The first segment's ACK, then one duplicate ACK per held segment, the block growing as they join; then
            // the cumulative ACK of all four once the retransmission fills the gap.
            assertEquals(List.of("1448", "1448 SACK 2896-4344", "1448 SACK 2896-5792", "5792"), acks(trace));
        }

        @Test
        void sackBlocks_putTheMostRecentlyChangedBlockFirst_rfc2018Section4() throws IOException {
            // Segments 2 and 4 of 5 dropped: the 5th arrives after the 3rd, so its block leads.
            Trace trace = run("linux", "", 5, 3, 4);

            assertEquals("1448 SACK 5792-7240 2896-4344", acks(trace).get(2));
        }

        @Test
        void withoutSack_theDuplicateAcksCarryNoBlocksAndTheWindowStays_linuxTcpDataQueueOfo() throws IOException {
            Trace trace = run("linux", ", sack: false", 4, 3);

            assertEquals(List.of("1448", "1448", "1448", "5792"), acks(trace));
            List<Integer> windows = from(trace, "server").stream().filter(s -> s.len() == 0 && s.ack() == DATA + SEGMENT)
                    .map(TraceSegment::window).toList();
            assertEquals(List.of(67, 67, 67), windows, "Linux grows the window for held data only with SACK");
        }

        @Test
        void gapFilled_deliversTheHeldDataAndTheAckJumps_soOnlyTheLostSegmentIsSentAgain_rfc9293Section3_10_7_4()
                throws IOException {
            // The textbook profile holds too (SHLD-31): after its RTO (1 s) only the lost segment goes again.
            Trace trace = run("rfc9293", "", 4, 3);

            assertEquals(List.of("1210 1448"), resent(trace), "only the lost segment, once");
            assertEquals("5792", acks(trace).get(acks(trace).size() - 1), "the cumulative ACK covers all four");
        }

        @Test
        void lostSegment_isSentAgainByRackAReorderingWindowAfterTheSack_rfc8985Section6_2() throws IOException {
            // The SACK arrives at 210 ms; RACK waits a quarter of the smallest round trip (25 ms), Linux 2 ms more,
            // counted in 4 ms ticks: 28 ms, 7 ticks from tick 52 (208 ms), which the timer wheel fires a tick after
            // they end (calc_index): tick 60, 240 ms (the kernel: 31 ms after the SACK, data-segment-lost; §135).
            Trace trace = run("linux", "", 4, 3);

            assertEquals(List.of("240 1448"), resent(trace));
        }

        @Test
        void onceThePeerReordered_aLossBehindThreeSackedSegmentsWaitsRacksReorderingWindow_rfc8985Section6_2_linuxTcpRackReoWnd()
                throws IOException {
            // A first write of three segments, the first held back 1 ms: the other two are SACKed, RACK waits its
            // window, and the first arrives as sent (never sent again): the peer reorders (tcp_check_sack_reordering,
            // tp->reord_seen). The second write, at 400 ms, of six segments loses its first; the SACK of the five
            // behind it arrives at 500 ms. Without reordering seen, five SACKed segments (the threshold is 3) leave RACK
            // no window and the segment would go again at once (500 ms); with it, RACK keeps a quarter of the smallest
            // round trip (25 ms, 2 ms more, in 4 ms ticks: 7 from tick 125, fired a tick after they end, at tick 133 on
            // the timer wheel: 532 ms; 500 without the window).
            Trace trace = runTwoWrites(3, 400, 6, """
                      - {match: {from: client, flags: [ACK], nth: 5}, action: drop}
                      - {match: {from: client, flags: [ACK], nth: 2}, action: delay, ms: 1}
                    """);

            assertEquals(List.of("532 4344"), resent(trace));
        }

        @Test
        void aPartialAckEchoingTheOriginalsTimestamp_isReorderingSeen_soALaterLossWaitsRacksWindow_linuxTcpPacketDelayed()
                throws IOException {
            // A first write of ten segments: the 2nd held back 30 ms, the 10th lost. The eight SACKed behind the 2nd
            // leave RACK no window: it goes again at 210 ms and recovery begins. The original arrives first; its ACK
            // (240 ms) covers the first nine, not the lost 10th (a partial ACK), and echoes the original's timestamp
            // (110 ms), older than the copy's (210 ms): the copy was needless, the peer reordered (tcp_try_undo_partial).
            // The second write, at 900 ms, loses its first segment behind five SACKed ones: RACK keeps its window and
            // sends it again at 1032 ms (7 ticks from tick 250 at 1001 ms, fired at the next tick's start on the timer
            // wheel, tick 258), not at the SACK (1000 ms).
            Trace trace = runTwoWrites(10, 900, 6, """
                      - {match: {from: client, flags: [ACK], nth: 11}, action: drop}
                      - {match: {from: client, flags: [ACK], nth: 13}, action: drop}
                      - {match: {from: client, flags: [ACK], nth: 3}, action: delay, ms: 30}
                    """);

            assertEquals(List.of("210 1448", "576 13032", "1032 14480"), resent(trace));
        }

        @Test
        void aRecoveryWhoseLostSegmentWasOnlyHeldBack_isUndoneAtThePartialAck_soSlowStartGoesOn_linuxTcpTryUndoPartial()
                throws IOException {
            // 90 segments in two writes. Slow start's second round (20 at 210 ms) has its first held back 30 ms: the
            // SACKs of the 19 behind it (310 ms) leave RACK no window (no reordering seen yet), it goes again at 310 ms
            // and recovery cuts the window (ssthresh 70 %, PRR). The original arrives first: its ACK (340 ms) covers
            // the copy too, is partial (the recovery point is beyond what PRR sent at 310 ms) and echoes the original's
            // timestamp (210 ms), older than the copy's (tcp_packet_delayed). No copy is out, so the kernel undoes the
            // cut (tcp_try_undo_partial → tcp_undo_cwnd_reduction: cwnd max(cwnd, prior_cwnd), prior_ssthresh back, no
            // matter that ssthresh was infinite when recovery began): slow start goes on, and the fourth round takes all 39 segments left.
            // Without the undo the cut stays and the rounds after it are 15, 15, 16 and 15.
            Trace trace = runTwoWrites(45, 200, 45, "  - {match: {from: client, flags: [ACK], nth: 12}, action: delay, ms: 30}");

            assertEquals(List.of("310 14480"), resent(trace));
            assertEquals(List.of(10, 20, 22, 39), List.copyOf(CongestionWindowTest.flights(trace, "client").values()));
        }

        @Test
        void aRecoveryWhoseLostSegmentWasOnlyHeldBack_isUndoneAtItsEnd_theNextWriteGoesInTheUncutWindow_linuxTcpTryUndoRecovery()
                throws IOException {
            // A first write of ten segments, the 2nd held back 30 ms: the first one's ACK (210 ms) makes the window 11,
            // the SACKs of the eight behind the 2nd leave RACK no window, it goes again at 210 ms and recovery cuts
            // ssthresh to 7. The original's ACK (240 ms) covers all ten, ending recovery, and echoes the original's
            // timestamp (110 ms), older than the copy's (tcp_packet_delayed): the kernel undoes the cut
            // (tcp_try_undo_recovery: cwnd max(cwnd, prior_cwnd) = 11, ssthresh back to its infinity) and that ACK's
            // delivered segment makes 12. The second write (40 segments at 300 ms) goes in slow start: 12, 24 and
            // the last 4. Without the undo the window is ssthresh, 7: rounds of 7, 9, 9, 11 and 4.
            Trace trace = runTwoWrites(10, 300, 40, "  - {match: {from: client, flags: [ACK], nth: 3}, action: delay, ms: 30}");

            assertEquals(List.of("210 1448"), resent(trace));
            assertEquals(List.of(10, 1, 12, 24, 4), List.copyOf(CongestionWindowTest.flights(trace, "client").values()));
        }

        @Test
        void onceThePeerReorderedMoreThanThreeSegmentsDeep_theSegmentsItSacksGrowTheWindow_linuxTcpMayRaiseCwnd()
                throws IOException {
            // The first write's 1st segment held back 1 ms behind two SACKed: reordering seen, three segments deep
            // (tcp_check_sack_reordering leaves tp->reordering at net.ipv4.tcp_reordering, 3). The second write (45
            // segments at 400 ms) has its 2nd held back 2 ms, within RACK's window: the ACKs of 500 ms that SACK the
            // ones behind it grow no window at that depth (tcp_may_raise_cwnd: FLAG_DATA_ACKED only), each letting go
            // what left the flight (4 at 500 ms with the ACK of the 1st, 6 at 501). The held one, acknowledged at 502
            // ms below eight SACKed, raises tp->reordering to 9 (tcp_clean_rtx_queue). The next round's 1st is held back
            // 2 ms too: now each of the three ACKs of 600 ms that SACK a segment grows the window by one, as an ACK of
            // new data does ("always grow cwnd whenever data is delivered regardless of its ordering"): 6 segments
            // at 600 ms, 3 without; 8 at 500 ms if the first reordering had counted.
            Trace trace = runTwoWrites(3, 400, 45, """
                      - {match: {from: client, flags: [ACK], nth: 2}, action: delay, ms: 1}
                      - {match: {from: client, flags: [ACK], nth: 5}, action: delay, ms: 2}
                      - {match: {from: client, flags: [ACK], nth: 13}, action: delay, ms: 2}
                    """);

            Map<Long, Long> sentAt = from(trace, "client").stream().filter(s -> s.len() > 0 && s.sentAt() >= 500)
                    .collect(Collectors.groupingBy(TraceSegment::sentAt, Collectors.counting()));
            assertEquals(Map.of(500L, 4L, 501L, 6L, 502L, 2L, 600L, 6L, 602L, 17L), sentAt);
        }

        @Test
        void lostSegment_waitsForTheRetransmissionTimeoutInTheTextbookProfile_rfc9293Section3_8_1() throws IOException {
            // No RACK: the RTO restarted by the ACK of the first segment at 210 ms (RTO 1 s) fires first. Nor, without
            // SACK, RFC 5681's fast retransmit (a spec of its own), however many duplicate ACKs come.
            assertEquals(List.of("1210 1448"), resent(run("rfc9293", ", sack: true", 4, 3)));
            assertEquals(List.of("1210 1448"), resent(run("rfc9293", ", sack: false", 8, 3)), "8 segments without SACK");
        }

        @Test
        void lostSegmentWithoutSack_isSentAgainAtTheThirdDuplicateAck_rfc5681Section3_2_linuxTcpNewrenoMarkLost()
                throws IOException {
            // The 2nd of 8 dropped: the first segment's ACK and the duplicates for the 3rd to 5th arrive at 210 ms; the
            // third duplicate sends the lost one again at once (data-fast-retransmit-no-sack), not the RTO at 510 ms.
            Trace trace = run("linux", ", sack: false", 8, 3);

            assertEquals(List.of("210 1448"), resent(trace));
            assertEquals(List.of("1448", "1448", "1448", "1448", "1448", "1448", "1448", "11584"), acks(trace));
        }

        @Test
        void twoLostSegmentsWithoutSack_theSecondIsSentAgainAtThePartialAckOfTheFirst_rfc6582Section3_2_linuxTcpNewrenoMarkLost()
                throws IOException {
            // The 2nd and 5th of 8 dropped (the second fault counts the matches the first let through: its 5th is the
            // 6th ACK-flagged segment). The duplicates for the 3rd, 4th, 6th, 7th and 8th arrive at 210 ms: the third
            // sends the 2nd again and starts recovery with SND.NXT, 11585, as its point. Its ACK at 310 ms covers the
            // 2nd to 4th only, up to 5793: a partial ACK, so the 5th goes again at once, not when the RTO restarted by
            // that ACK fires (677 ms without this step), and its ACK ends recovery.
            Trace trace = run("linux", ", sack: false", 8, 3, 5);

            assertEquals(List.of("210 1448", "310 5792"), resent(trace));
            assertEquals(List.of("1448", "1448", "1448", "1448", "1448", "1448", "5792", "11584"), acks(trace));
        }

        @Test
        void lostSegmentWithoutSack_waitsForTheRetransmissionTimeoutWithTwoDuplicateAcks_rfc5681Section3_2()
                throws IOException {
            // The 2nd of 4 dropped: two duplicate ACKs, below the threshold of 3 (data-segment-lost-no-sack): the RTO
            // (300 ms, 75 ticks) restarted by the first segment's ACK at 210 ms (tick 52), run at the end of its 8-tick
            // bucket on the timer wheel, tick 128.
            Trace trace = run("linux", ", sack: false", 4, 3);

            assertEquals(List.of("512 1448"), resent(trace));
        }

        @Test
        void lostTail_isProbedWithTheLastSegmentTwoRoundTripsAfterTheLastAck_rfc8985Section7() throws IOException {
            // Segments 3 and 4 of 4 dropped: the ACK of the 2nd (210 ms) leaves two out, so the probe is due
            // 2 × 100 ms + 2 ms later, in ticks 51 (204 ms), before the RTO (300 ms), counted from the tick that began
            // at 208 (52) and run by the timer wheel a tick later (calc_index): tick 52 + 51 + 1 = 104, 416 ms. It sends
            // the last segment.
            Trace trace = run("linux", "", 4, 4, 4);

            assertEquals("416 4344", resent(trace).get(0));
        }

        @Test
        void lostTail_waitsForTheRetransmissionTimeoutWithoutAProbe_rfc9293Section3_8_1() throws IOException {
            // No probe: the RTO restarted at 210 ms sends the first unacknowledged segment.
            Trace trace = run("rfc9293", ", sack: true", 4, 4, 4);

            assertEquals("1210 2896", resent(trace).get(0));
        }

        @Test
        void timeout_sendsEveryLostSegmentAgainInSlowStartRoundsFromOneSegment_rfc5681Section3_1_linuxTcpEnterLoss()
                throws IOException {
            // The 3rd to 10th of 10 dropped, no SACK (data-burst-rto): the RTO restarted by the 2nd segment's ACK
            // (210 ms, tick 52; 75 ticks, to the end of the timer wheel's 8-tick bucket: tick 128) fires at 512 ms,
            // marks all eight lost and sends the first; each round's ACKs open the window
            // by one segment per segment (cwnd 1, 2, 4, up to ssthresh 8 = 12 × 717 / 1024), so 1, 2, 4 and the last
            // one leave a round trip apart, in order (tcp_xmit_retransmit_queue), each only once.
            Trace trace = run("linux", ", sack: false", 10, 4, 4, 4, 4, 4, 4, 4, 4);

            assertEquals(List.of("512 2896", "612 4344", "612 5792", "712 7240", "712 8688", "712 10136", "712 11584",
                    "812 13032"), resent(trace));
        }

        @Test
        void timeout_sendsEveryLostSegmentAgainAsTheWindowGrowsByOneSegmentPerAck_rfc5681Section3_1_rfc6298Section5_4()
                throws IOException {
            // The textbook sender's first flight is three segments (4380 bytes); the ACKs of the first two (210 ms)
            // let four more go, and the 3rd to 7th are dropped. RFC 6298 (5.4) sends the earliest again at the RTO
            // (1 s later); RFC 5681 §3.1 grows the loss window by at most one segment per ACK (min(N, SMSS)) up to
            // ssthresh, half the flight of five (3620 bytes): the rest of what the timeout marked lost follows in
            // order, before the three segments never sent.
            Trace trace = run("rfc9293", ", sack: false", 10, 4, 4, 4, 4, 4);

            assertEquals(List.of("1210 2896", "1310 4344", "1310 5792", "1410 7240", "1410 8688"), resent(trace));
        }

        @Test
        void duplicateOfDataAlreadyReceived_isAnsweredWithADsackBlockFirst_rfc2883Section4() throws IOException {
            // The server's ACK of the one segment is lost, so the client probes with it again; the server has those
            // bytes and reports them as the first SACK block of its answer (the kernel: data-ack-lost).
            Trace trace = run("linux", "", 1, drops("server", 1));

            assertEquals(List.of("1448", "1448 SACK 0-1448"), acks(trace));
        }

        @Test
        void duplicateOfDataAlreadyReceived_comesBeforeTheBlocksOfHeldData_rfc2883Section4() throws IOException {
            // The 2nd segment lost and the server's first four ACKs too: after the tail probe (data sent at 110 ms, in
            // tick 27; due 51 ticks later and run a tick after that: tick 79, 316 ms) the RTO, 75 ticks from tick 79 on
            // the timer wheel's second level, sends the 1st segment again at its 8-tick bucket's end, tick 160 (640
            // ms), which the server has; its ACK reports it first, then the held block.
            Trace trace = run("linux", "", 4, drops("client", 3) + "\n" + drops("server", 1, 1, 1, 1));

            assertEquals("640 0", resent(trace).get(1));
            assertEquals("1448 SACK 0-1448 2896-5792", acks(trace).get(4));
        }

        /** A copy of the 3rd of 4 segments (the 2nd lost), written by the network at 200 ms while the 3rd is held. */
        private static final String COPY_OF_THE_THIRD = """
                inject:
                  - {at: 200, from: client, to: server, flags: [ACK], seq: 3897, ack: 5001, len: 1448, tsValAgeMs: 0}
                """;

        @Test
        void copyOfHeldData_isDroppedAndAnsweredWithItsDsackBeforeTheBlockHoldingIt_rfc2883Section4_1_3_linuxTcpDataQueueOfo()
                throws IOException {
            // "All the bits are present. Drop.": tcp_dsack_set, then tcp_sack_new_ofo_skb (the kernel: data-dsack-held).
            Trace trace = run("linux", "", 4, drops("client", 3), COPY_OF_THE_THIRD);

            assertEquals(List.of("1448", "1448 SACK 2896-4344", "1448 SACK 2896-5792", "1448 SACK 2896-4344 2896-5792", "5792"),
                    acks(trace));
            List<Integer> windows = from(trace, "server").stream().filter(s -> s.len() == 0 && s.ack() == DATA + SEGMENT)
                    .map(TraceSegment::window).toList();
            assertEquals(List.of(67, 70, 73, 73), windows, "the copy takes no receive memory (no tcp_grow_window)");
        }

        @Test
        void copyOfHeldData_isAnsweredWithTheHeldBlocksOnlyInTheTextbookProfile_rfc5681Section4_2_rfc2018Section4()
                throws IOException {
            Trace trace = run("rfc9293", ", sack: true", 4, drops("client", 3), COPY_OF_THE_THIRD);

            assertEquals("1448 SACK 2896-5792", acks(trace).get(3));
        }

        @Test
        void duplicateOfDataAlreadyReceived_isAnsweredWithoutADsackInTheTextbookProfile_rfc9293Section3_10_7_4()
                throws IOException {
            Trace trace = run("rfc9293", ", sack: true", 1, drops("server", 1));

            assertEquals(List.of("1448", "1448"), acks(trace));
        }
    }

    /**
     * F-RTO (RFC 5682 §3.1; Linux tcp_enter_loss sets tp->frto, tcp_process_loss): the whole first flight of ten
     * segments is lost, the timeout sends the first again, and its ACK advances SND.UNA: a linux sender sends new data
     * next, two segments of the grown window (step 2.b, REXMIT_NEW), and only the duplicate ACKs they draw send the lost
     * segments, the loss being real (step 3.a). Before, the ACK sent the second and third segments again.
     */
    @Test
    void afterTheTimeoutsRetransmissionIsAcked_newDataGoesBeforeTheLostSegments_rfc5682TcpProcessLoss() throws IOException {
        String wholeFlight = drops("client", 2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        assertEquals(List.of(10L * SEGMENT, 11L * SEGMENT), afterTheRetransmissionsAck(run("linux", ", sack: false", 20, wholeFlight)));
    }

    /**
     * A student reading the trace is told it is F-RTO, in the reader's language: the new data that goes when the
     * timeout's retransmission is acknowledged (step 2.b), and the retransmissions that go on once a duplicate ACK for
     * it shows the loss real (step 3.a), each with its own explanation instead of the ordinary send and slow-start texts.
     */
    @Test
    void frtosNewDataAndTheRetransmissionsAfterItsDuplicateAck_sayWhyTheyGo_rfc5682Section3_1Steps2bAnd3a() throws IOException {
        String wholeFlight = drops("client", 2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        Map<Language, List<String>> said = Map.of(Language.EN, List.of("F-RTO: sends", "F-RTO's test is over"),
                Language.ZH, List.of("F-RTO：在重传超时判定为丢失的报文段之前", "F-RTO 的检验结束了"));
        for (Language language : List.of(Language.EN, Language.ZH)) {
            Trace trace = run("linux", ", sack: false", 20, wholeFlight, "", language);
            List<TraceSegment> data = from(trace, "client").stream().filter(s -> s.len() > 0).toList();
            TraceSegment firstResent = data.stream().filter(s -> s.seq() == DATA && s.sentAt() > data.get(0).sentAt())
                    .findFirst().orElseThrow();
            List<TraceSegment> after = data.stream().filter(s -> s.sentAt() > firstResent.sentAt()).toList();
            // Segments 11 and 12 go on the ACK of the first sent again; segment 2 goes again on a duplicate ACK for them.
            assertEquals(List.of(10L * SEGMENT, 11L * SEGMENT, 1L * SEGMENT), after.stream().limit(3).map(s -> s.seq() - DATA).toList());
            assertEquals(List.of(true, true, true), List.of(sendText(trace, after.get(0)).contains(said.get(language).get(0)),
                    sendText(trace, after.get(1)).contains(said.get(language).get(0)),
                    sendText(trace, after.get(2)).contains(said.get(language).get(1))), language.toString());
        }
    }

    /**
     * Without SACK each duplicate ACK F-RTO's new data draws delivers a segment (Linux tcp_add_reno_sack →
     * tcp_count_delivered), and a BBR sender's window grows by what an ACK delivered, duplicate or not (bbr_main,
     * bbr_set_cwnd with rs->acked_sacked): each such duplicate ACK lets two lost segments go, one for the segment that
     * left the flight and one for the window's growth, as the kernel's server did in
     * runs/everyday-s66/veth-no-sack-loss-server-1 (docs/linux-captures.md §72). CUBIC grows only on data acknowledged.
     */
    @Test
    void eachDuplicateAckForFrtosNewData_growsABbrSendersWindowByTheSegmentItDelivered_bbrMainTcpAddRenoSack() throws IOException {
        String wholeFlight = drops("client", 2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        Trace trace = run("linux", ", sack: false, congestionControl: bbr", 20, wholeFlight);
        List<TraceSegment> data = from(trace, "client").stream().filter(s -> s.len() > 0).toList();
        TraceSegment firstResent = data.stream().filter(s -> s.seq() == DATA && s.sentAt() > data.get(0).sentAt())
                .findFirst().orElseThrow();
        long frtoNewData = data.stream().filter(s -> s.sentAt() > firstResent.sentAt()).findFirst().orElseThrow().sentAt();
        long afterTheDuplicateAcks = data.stream().filter(s -> s.sentAt() > frtoNewData).findFirst().orElseThrow().sentAt();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), data.stream().filter(s -> s.sentAt() == afterTheDuplicateAcks)
                .map(s -> (s.seq() - DATA) / SEGMENT).toList());
    }

    /** The text of the step that sent {@code segment}. */
    private static String sendText(Trace trace, TraceSegment segment) {
        return trace.steps().stream().filter(step -> step.kind() == StepKind.SEND && Integer.valueOf(segment.id()).equals(step.segmentId()))
                .map(TraceStep::text).findFirst().orElseThrow();
    }

    /** The offsets of the client's data segments sent next after the first one sent again, at one instant. */
    private static List<Long> afterTheRetransmissionsAck(Trace trace) {
        List<TraceSegment> data = from(trace, "client").stream().filter(s -> s.len() > 0).toList();
        TraceSegment resent = data.stream().filter(s -> s.seq() == DATA && s.sentAt() > data.get(0).sentAt()).findFirst().orElseThrow();
        long next = data.stream().filter(s -> s.sentAt() > resent.sentAt()).findFirst().orElseThrow().sentAt();
        return data.stream().filter(s -> s.sentAt() == next).map(s -> s.seq() - DATA).toList();
    }
}
