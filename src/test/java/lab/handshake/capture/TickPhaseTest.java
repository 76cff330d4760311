package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Where the kernel's 4 ms ticks lay against a capture's clock, from the pure ACKs its delayed-ACK timer sent
 * (tcp_send_delayed_ack, fired on a jiffy: docs/linux-captures.md §20i), and where its timer wheel's buckets lay, from
 * the segments its retransmission and persist timers sent (calc_index(): §73, §77).
 */
class TickPhaseTest {
    private static byte[] capture(String name) throws Exception {
        return Files.readAllBytes(Path.of("src", "test", "resources", "captures", "linux", name + ".pcap"));
    }

    private static int offsetMs(String name) throws Exception {
        return offsetMs(capture(name));
    }

    private static int offsetMs(byte[] file) {
        CapturedConnection connection = CapturedConnection.split(PcapReader.read(file)).get(0);
        return TickPhase.offsetMs(connection, CaptureEvidence.of(connection));
    }

    /** The jiffies at the replay's clock 0 the capture shows, modulo the coarsest wheel level it has a timer of. */
    private static long wheelTicksAtStart(String name) throws Exception {
        return wheelTicksAtStart(capture(name));
    }

    private static long wheelTicksAtStart(byte[] file) {
        CapturedConnection connection = CapturedConnection.split(PcapReader.read(file)).get(0);
        CaptureEvidence evidence = CaptureEvidence.of(connection);
        return TickPhase.wheelTicksAtStart(connection, evidence, TickPhase.offsetMs(connection, evidence));
    }

    /**
     * round19-s149's lo6-retries2-5-client (docs/linux-captures.md §157): four timer copies put the jiffies at 4 modulo
     * 8; the fifth, on the wheel's third level, left a tick after its 64-jiffy bucket ended (its softirq late), voting
     * 59 modulo 64. Counted a tick later it agrees, and sets 60 (before: refused, and the phase stayed 4).
     */
    @Test
    void aTimerCopyATickPastItsBucketsEnd_votesForThatBucket_runTimersTakesEveryBucketUpToJiffies() throws Exception {
        byte[] file = Files.readAllBytes(Path.of("src", "test", "resources", "captures", "round19", "lo6-retries2-5-client.pcap"));
        assertEquals(60, wheelTicksAtStart(file));
    }

    @Test
    void synsSentAgainUpTo32sApart_tellTheJiffiesModulo512_theWheelsFourthLevel_calcIndex() throws Exception {
        // syn-unanswered: SYNs sent again 1, 1, 1, 1, 1, 2, 4, 8, 16 and 32 s after the one before, each after a
        // silence; the last, due 8000 ticks ahead (level 3, 512-tick buckets), left at 68164.5 ms, tick 17041, so the
        // jiffies stood at -17041 = 367 modulo 512 at the clock's 0; every SYN before agrees modulo 8 and 64.
        // Before: a SYN sent again was no copy of data, and no vote (0).
        assertEquals(367, wheelTicksAtStart("syn-unanswered"));
    }

    @Test
    void aFinSentAgainAfterItsAckWasLost_votesFromItsOwnSilence_notFromTheLostAck() throws Exception {
        // last-ack-lost, captured at the server: its FIN at 651.6 ms, the client's ACK of it seen at 752.7 ms and
        // dropped after the capture, the FIN again at 961.7 ms (1011.7 on the replay's clock; the FIN sent again also
        // moves that clock by 1 ms onto its tick, §80: tick 253): the lost ACK's arrival is no end of the silence, as
        // the FIN sent again shows it never came (taken as arrived: 209 ms of silence, no vote; before §77 a FIN sent
        // again was no copy of data and had none either: 0).
        assertEquals(3, wheelTicksAtStart("last-ack-lost"));
    }

    @Test
    void aCopyCapturedWhereItsSenderIs_outvotesOneTimedAfterTheRelay() throws Exception {
        // syn-ack-lost-twice-noopts, captured at the server: its SYN,ACK sent again at 1009.3 ms (tick 265 with the
        // 1 ms offset: 7) and the client's SYN sent again, seen at 1031.8 ms after the relay (tick 258: 6). Counted
        // alike they tie and the smaller, 6, wins; the server's own copy left when the capture shows it.
        assertEquals(7, wheelTicksAtStart("syn-ack-lost-twice-noopts"));
    }

    @Test
    void aSynAckTheRequestTimerSentAgain_setsTheTicksBeforeTheWheelVotes_reqskTimerHandler() throws Exception {
        // s61 lo-overflow-abort-1, first connection: the accept queue full, the client's ACK dropped, the request's
        // timer (250 ticks, level 1) sent the SYN,ACK again at 1003.76 ms, on a tick, with no timer ACK or data copy
        // in the capture. 1 ms puts 1003 on a tick, so it left in tick 251, not 250: jiffies 5 modulo 8 at the clock's
        // 0, and the replayed timer fires at 1004 (replay clock), not 1032. Before: no offset vote (0), tick 250, 6.
        byte[] file = Files.readAllBytes(Path.of("tools", "linux-captures", "runs", "everyday-s61", "lo-overflow-abort-1.pcap"));
        assertEquals(1, offsetMs(file));
        assertEquals(5, wheelTicksAtStart(file));
    }

    @Test
    void timerAcksOfTheServer_2msPastATickOfTheReplaysClock_moveItBy2ms() throws Exception {
        // Captured at the server: rows 50 and 59 at 940.7 and 1164.7 ms, 990 and 1214 ms on the replay's clock.
        assertEquals(2, offsetMs("delayed-ack-server-not-reading"));
        // The same capture 1 ms later from the SYN,ACK on: its timer ACKs are 1 ms later too.
        assertEquals(1, offsetMs(PcapShift.later(capture("delayed-ack-server-not-reading"), 1, 1_000)));
    }

    @Test
    void aCopySentAgainAfterASilence_wasSentByATimer_andVotesForItsTick() throws Exception {
        // s24b bbr veth-nooffload three run 1, first connection: the server's 880 bytes at 88.2 ms, sent again by its
        // loss probe at 93.9 ms with nothing between; no ACK a delayed-ACK timer sent. 93 ms + 3 is on a tick (§57).
        byte[] file = Files.readAllBytes(Path.of("tools", "linux-captures", "runs", "everyday-lo-veth-s24b", "bbr",
                "veth-nooffload-three-1.pcap"));
        assertEquals(3, offsetMs(file));
    }

    @Test
    void quickAcksAndAnAckSentWithinAMillisecondOfTheFin_areNoTimerAcks_andMoveNothing() throws Exception {
        // three-way-handshake: only the handshake's ACK; half-close: its server's ACK of the FIN left 0.4 ms after it.
        assertEquals(0, offsetMs("three-way-handshake"));
        assertEquals(0, offsetMs("half-close"));
        // Moving every segment after the first two by 1 ms would move a phase taken from any of them.
        assertEquals(0, offsetMs(PcapShift.later(capture("three-way-handshake"), 2, 1_000)));
        assertEquals(0, offsetMs(PcapShift.later(capture("half-close"), 2, 1_000)));
    }

    @Test
    void aHandshakeOf30MicrosecondsOnLoopback_isWithinATick_andOneOf100MsIsNot() throws Exception {
        // lo get200k: the client's ACK of the SYN,ACK 30 µs after its SYN; three-way-handshake: 50 ms each way.
        byte[] loopback = Files.readAllBytes(Path.of("src", "test", "resources", "captures", "loopback", "loopback-netns-get-200k.pcap"));
        assertTrue(TickPhase.roundTripWithinATick(CapturedConnection.split(PcapReader.read(loopback)).get(0)));
        assertFalse(TickPhase.roundTripWithinATick(CapturedConnection.split(PcapReader.read(capture("three-way-handshake"))).get(0)));
    }
}
