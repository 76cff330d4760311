package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.trace.StepKind;
import org.junit.jupiter.api.Test;

/**
 * Which captured pure ACKs a bulk receiver sent as its peer's data arrived (docs/linux-captures.md §82): those the replay
 * takes as input at any round trip. The delayed-ACK timer's ACKs, whose timing the lessons teach, are never among them.
 */
class ImmediateBulkAcksTest {
    private static CapturedConnection connection(String name) throws Exception {
        return connection("linux", name);
    }

    private static CapturedConnection connection(String directory, String name) throws Exception {
        return CapturedConnection.split(PcapReader.read(Files.readAllBytes(Path.of("src", "test", "resources", "captures",
                directory, name + ".pcap")))).get(0);
    }

    private static Map<Integer, Integer> immediateAcks(String name) throws Exception {
        CapturedConnection connection = SegmentOffload.onTheWire(connection(name));
        return ImmediateBulkAcks.of(connection, CaptureEvidence.of(connection));
    }

    @Test
    void acksOfSegmentsABottleneckHeldBack_areImmediate_byTheReceiversOwnTsvalSinceItsPreviousAck_tcpEventAckSent()
            throws Exception {
        // hystart-train-download-1m-defaults (§65), taken at the server: a 20 Mbit/s bottleneck queued the server's
        // segments up to ~50 ms beyond the path's 100 ms, so near the end the client acknowledged each 150 ms after the
        // server sent it, each ACK 0.6 ms after the previous (TSval one tick apart). On the replay's clock (the shortest
        // one-way delay) they left 30 ms or more after the data arrived, as a timer's could; but the previous ACK had
        // cleared the timer, and this one followed it by 1 ms of the client's own clock. Records 1234–1258, every second
        // one (the others the engine's own ACKs of two segments); record 1234 answers record 932, sent at 735.8 ms.
        CapturedConnection connection = connection("hystart", "hystart-train-download-1m-defaults");
        Map<Integer, Integer> acks = ImmediateBulkAcks.of(connection, CaptureEvidence.of(connection));
        assertEquals(932, acks.get(1234));
        for (int ack = 1234; ack <= 1258; ack += 2) {
            CapturedSegment data = connection.segments().get(acks.get(ack));
            assertEquals(connection.segments().get(ack).ack(), data.seq() + data.payloadLength(), "record " + ack);
        }
    }

    @Test
    void anAckOfSeveralFullSegments_withOneMoreOnItsWay_isImmediate_tcpAckSndCheckMoreThanOneFullFrame() throws Exception {
        // hystart-delay-download-1m-defaults (§65), taken at the server: at 1,150.4 ms the client acknowledged three
        // segments at once (record 954, K+885104 to K+889448), 11 µs after its previous ACK, when of the flight only
        // K+889448's segment (record 874) was still on its way. More than one full frame received since the last ACK
        // is __tcp_ack_snd_check's first test for an ACK at once; an ACK of one segment in that place stays judged.
        CapturedConnection connection = connection("hystart", "hystart-delay-download-1m-defaults");
        Map<Integer, Integer> acks = ImmediateBulkAcks.of(connection, CaptureEvidence.of(connection));
        assertEquals(873, acks.get(954));
        // download-1m-defaults at 304.1 ms: the ACK of K+41993, one segment, with only K+41993's segment beyond.
        CapturedConnection download = connection("download-1m-defaults");
        assertNull(ImmediateBulkAcks.of(download, CaptureEvidence.of(download)).get(90));
    }

    @Test
    void aDownloadsReceiverAcksSentAsEachFullSegmentArrived_areImmediate_eachWithTheSegmentItAnswered_tcpAckSndCheck()
            throws Exception {
        // download-1m-defaults (§36, §78), taken at the server: the client acknowledges one segment or two at a time, each
        // ACK leaving as the segment it acknowledges up to its last byte arrived.
        CapturedConnection connection = SegmentOffload.onTheWire(connection("download-1m-defaults"));
        Map<Integer, Integer> acks = ImmediateBulkAcks.of(connection, CaptureEvidence.of(connection));
        assertTrue(acks.size() > 500, "of the client's 679 ACKs: " + acks.size());
        acks.forEach((ack, answered) -> {
            CapturedSegment data = connection.segments().get(answered);
            assertEquals(connection.segments().get(ack).ack(), data.seq() + data.payloadLength());
            assertEquals(1448, data.payloadLength());
        });
    }

    @Test
    void theDelayedAckTimersAcks_andAShortExchangesAcks_areNotImmediate_soTheyStayJudged_tcpSendDelayedAck() throws Exception {
        // delayed-ack-server-not-reading (§20i): the server's timer acknowledged eight small segments at once (record 43)
        // and, 36 ms after the first of them arrived, two full ones (record 49); only its ACK 52 µs after a full segment
        // arrived, with more on their way (record 45), was sent at once.
        assertEquals(Map.of(45, 44), immediateAcks("delayed-ack-server-not-reading"));
        // delayed-ack-small-segments: none of the ACKs of its small segments, each acknowledged on its own; only those of
        // the two full segments of its last burst of four, 34 and 3 µs after each arrived (records 52 and 54).
        assertEquals(Map.of(52, 51, 54, 53), immediateAcks("delayed-ack-small-segments"));
        // The timer's ACKs after idle (quick-ack-after-idle), a handshake, one request and reply: no run of bulk data.
        for (String name : List.of("quick-ack-after-idle",
                "three-way-handshake-defaults", "data-transfer-defaults")) {
            assertEquals(Map.of(), immediateAcks(name), name);
        }
    }

    @Test
    void aRunsLastAck_moreThanOneFullFrameAfterAnAckTakenAsInput_isTakenToo_soNoAckOfTheRunDeparts_tcpAckSndCheck()
            throws Exception {
        // relay-nginx-keepalive (docs/linux-captures.md §114), curl behind the relay's 20 ms: at 128 ms curl acknowledges
        // the run two full segments at a time from K+115243, where GRO merged the run's first nine; its last ACK, of
        // K+187643, leaves as the 1,448 bytes before nginx's 584-byte tail arrive (rcv_nxt - rcv_wup > rcv_mss), with no
        // full segment of the server's beyond it, and so does its ACK of K+198363 at 149 ms. The state machine, its own
        // ACKs of the run one segment later, acknowledged K+186195 and K+188227 instead: both were departures.
        for (String side : List.of("client", "server")) {
            CapturedConnection connection = SegmentOffload.onTheWire(keepalive(side));
            Map<Integer, Integer> acks = ImmediateBulkAcks.of(connection, CaptureEvidence.of(connection));
            int k = connection.isn(false);
            for (int acknowledged : List.of(187643, 198363)) {
                Integer answered = acks.get(indexOfAck(connection, true, k + acknowledged));
                assertNotNull(answered, side + ": the ACK of K+" + acknowledged + " is judged");
                CapturedSegment data = connection.segments().get(answered);
                assertEquals(k + acknowledged, data.seq() + data.payloadLength(), side);
                assertEquals(1448, data.payloadLength(), side);
            }
        }
        // One replay keeps the test short; the client's file has no departure either.
        List<String> departures = CaptureReplay.rebuild(keepalive("server"), Profile.parse("linux"), Language.EN,
                Map.of("en", "Capture")).trace().steps().stream()
                .filter(step -> step.kind() == StepKind.DEVIATION).map(step -> step.text()).toList();
        assertEquals(List.of(), departures);
    }

    @Test
    void anAckOfAWritesShortTail_moreThanOneFullFrameAfterAnAckTakenAsInput_isTakenToo_tcpAckSndCheck() throws Exception {
        // relay-scp-server (§114): scp's upload behind the relay; sshd acknowledged J+104734 as input at 765.8 ms, took
        // the next 43 segments as one (GRO, its socket's backlog) and acknowledged them 160 µs after the last, a
        // 1,256-byte tail, arrived (785.4 ms): 62,072 bytes since its last ACK, due at once whatever the tail's size.
        Path file = Path.of("tools", "linux-captures", "runs", "everyday-s92", "relay-scp-server.pcap");
        CapturedConnection connection = SegmentOffload.onTheWire(
                CapturedConnection.split(PcapReader.read(Files.readAllBytes(file))).get(0));
        Map<Integer, Integer> acks = ImmediateBulkAcks.of(connection, CaptureEvidence.of(connection));
        int j = connection.isn(true);
        assertTrue(acks.containsKey(indexOfAck(connection, false, j + 104734)));
        Integer answered = acks.get(indexOfAck(connection, false, j + 166806));
        assertNotNull(answered, "the ACK of J+166806 is judged");
        assertEquals(1256, connection.segments().get(answered).payloadLength());
    }

    private static CapturedConnection keepalive(String side) throws Exception {
        Path file = Path.of("tools", "linux-captures", "runs", "everyday-s85", "relay-nginx-keepalive-" + side + ".pcap");
        return CapturedConnection.split(PcapReader.read(Files.readAllBytes(file))).get(0);
    }

    private static int indexOfAck(CapturedConnection connection, boolean byClient, int acknowledged) {
        for (int i = 0; i < connection.segments().size(); i++) {
            CapturedSegment segment = connection.segments().get(i);
            if (connection.fromClient(segment) == byClient && segment.payloadLength() == 0 && segment.ack() == acknowledged) {
                return i;
            }
        }
        throw new AssertionError("no ACK of " + acknowledged);
    }
}
