package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.spec.ActionSpec;
import lab.handshake.engine.spec.SpecValidator;
import lab.handshake.engine.trace.StepKind;
import org.junit.jupiter.api.Test;

/**
 * The writes a replay infers from a capture (docs/linux-captures.md §78): a capture shows segments, not writes, since
 * tcp_sendmsg queues what a program wrote and tcp_write_xmit sends it as the congestion and receive windows allow. A
 * run of data the sender sent before the peer's next data, SYN, FIN or reset, or after a short segment (a write's tail),
 * could be one write; the replay infers it as one unless the sender then departs, and departs less with a write per
 * segment.
 */
class InferredWritesTest {
    private static final Path LINUX = Path.of("src", "test", "resources", "captures", "linux");

    private static CaptureReplay.Rebuilt rebuilt(String capture) throws IOException {
        return rebuilt(LINUX.resolve(capture + ".pcap"));
    }

    private static CaptureReplay.Rebuilt rebuilt(Path file) throws IOException {
        List<CapturedSegment> segments = PcapReader.read(Files.readAllBytes(file));
        return CaptureReplay.rebuild(CapturedConnection.split(segments).get(0), Profile.parse("linux"), Language.EN, Map.of("en", "Capture"));
    }

    private static List<ActionSpec> sends(CaptureReplay.Rebuilt rebuilt, String host) {
        return rebuilt.scenario().actions().stream().filter(a -> host.equals(a.host()) && "send".equals(a.call())).toList();
    }

    @Test
    void aDownloadWrittenAtOnce_isReplayedAsOneWriteOfTheWholeAnswer_notAWritePerSegment_tcpSendmsg() throws IOException {
        // download-1m-defaults: the server program wrote 983025 bytes (fifteen send() of 65535) as the request arrived;
        // the kernel sent them in 679 segments as slow start let it. One write, cut only where a scenario's call ends
        // (SpecValidator.MAX_CALL_BYTES): 15 sends of 65535, all at one moment after the request. Before: a send per segment.
        CaptureReplay.Rebuilt rebuilt = rebuilt("download-1m-defaults");
        List<ActionSpec> sends = sends(rebuilt, "server");
        assertEquals(983_025, sends.stream().mapToInt(ActionSpec::bytes).sum());
        assertEquals(983_025 / SpecValidator.MAX_CALL_BYTES, sends.size());
        assertEquals(1, sends.stream().map(ActionSpec::delayMs).distinct().count(), "all at one moment");
        // The server's segments are still the kernel's: none departs (the client's ACKs vary, RECEIVER_ACKS_VARY).
        assertEquals(0, rebuilt.trace().steps().stream()
                .filter(s -> s.kind() == StepKind.DEVIATION && "server".equals(s.endpoint())).count());
    }

    @Test
    void aWritesShortTail_endsARun_soTheDownload256kShowsTwoRuns_skStreamWaitMemory() throws IOException {
        // download-256k-defaults (tools/linux-captures/runs): the server wrote four times 65535 bytes (server.log: send()
        // called at 163, 364, 365 and 466 ms: the first and third waited for send-buffer room). The first write's
        // tail of 375 bytes (65535 = 45 x 1448 + 375) left as a short segment before the next write came; the later
        // writes' tails were still queued when the next write was appended to them (tcp_sendmsg), so the capture shows
        // two runs: the first write, and the rest. Without the cut after a short segment it would be one run.
        Path file = Path.of("tools", "linux-captures", "runs", "download-256k-defaults", "download-256k-defaults.pcap");
        CapturedConnection connection = CapturedConnection.split(PcapReader.read(Files.readAllBytes(file))).get(0);
        int serverData = connection.isn(false) + 1;
        List<Integer> serverRunEnds = CaptureEvidence.writeRuns(connection).entrySet().stream()
                .filter(run -> !connection.fromClient(connection.segments().get(run.getKey())))
                .map(run -> run.getValue() - serverData).sorted().toList();
        assertEquals(List.of(65_535, 262_140), serverRunEnds);
    }

    @Test
    void aWriteWhoseTailLeavesWithTheFin_isFollowedByCloseAtOnce_soTheReplayedTailCarriesTheFin_tcpSendFin() throws IOException {
        // runs/bbr-downloads-s47/bbr-download-64k-defaults (BBR, this host's default): the server program wrote 65535
        // bytes and called close() 0.25 ms later (its server.log: 163.03 and 163.28 ms); BBR paced the data out over
        // 240 ms and the kernel sent the FIN on the last 375 bytes (tcp_send_fin puts a FIN on data still queued).
        // Inferred only where the FIN shows, close() came after the replayed tail had left alone, and the profile sent
        // a FIN of its own: three departures (the tail and the FIN missing, the FIN with the tail unexpected).
        CaptureReplay.Rebuilt rebuilt = rebuilt(Path.of("tools", "linux-captures", "runs", "bbr-downloads-s47",
                "bbr-download-64k-defaults", "bbr-download-64k-defaults.pcap"));
        List<ActionSpec> server = rebuilt.scenario().actions().stream().filter(a -> "server".equals(a.host())).toList();
        assertEquals(List.of("listen", "send", "close"), server.stream().map(ActionSpec::call).toList());
        assertEquals(65_535, server.get(1).bytes());
        assertEquals(server.get(1).delayMs(), server.get(2).delayMs(), "close() at the write's moment");
        assertEquals(List.of(), rebuilt.trace().steps().stream().filter(s -> s.kind() == StepKind.DEVIATION).map(s -> s.text()).toList());
    }
    @Test
    void aDownloadWhoseWriterWaitedForSendBufferRoom_isReplayedAsWholeWritesThroughTheSendBuffer_skStreamWaitMemory()
            throws IOException {
        // runs/everyday-s85/relay-nginx-200k-server (docs/linux-captures.md §85, §91): nginx's sendfile of 200,000 bytes
        // did not fit the first send buffer (46,080) and waited. Written whole without the buffer, 31 of the connection's
        // segments depart; through the engine's send buffer the call waits and returns as the kernel's did, and none.
        CaptureReplay.Rebuilt nginx = rebuilt(Path.of("tools", "linux-captures", "runs", "everyday-s85", "relay-nginx-200k-server.pcap"));
        assertEquals(List.of(StepKind.WRITE_WAITS, StepKind.WRITE_DONE), nginx.trace().steps().stream()
                .filter(s -> "server".equals(s.endpoint()) && (s.kind() == StepKind.WRITE_WAITS || s.kind() == StepKind.WRITE_DONE))
                .map(s -> s.kind()).toList());
        assertEquals(List.of(), nginx.trace().steps().stream().filter(s -> s.kind() == StepKind.DEVIATION).map(s -> s.text()).toList());
        // runs/everyday-s79/download-loss-sack-server (§86): the program wrote 200,000 bytes in writes of 65,535; the first
        // waited, and before the next write the kernel sent its 375-byte tail alone (K+65161, PSH). Before §91 only the
        // send buffer explained that tail (a write per segment merged it with the next write: 44 of the server's segments
        // departed); now the capture's order does too (the next write's data follows the tail among the ACKs of its
        // millisecond, aCallsShortTailThatLeftBeforeTheNextCall_…), so the whole writes are kept: the program's, none of
        // the server's segments departing.
        CaptureReplay.Rebuilt rebuilt = rebuilt(Path.of("tools", "linux-captures", "runs", "everyday-s79",
                "download-loss-sack-server.pcap"));
        assertEquals(List.of(65_535, 65_535, 65_535, 3_395), sends(rebuilt, "server").stream().map(ActionSpec::bytes).toList());
        assertEquals(0, rebuilt.trace().steps().stream()
                .filter(s -> s.kind() == StepKind.DEVIATION && "server".equals(s.endpoint())).count());
    }

    @Test
    void aCallsShortTailThatLeftBeforeTheNextCall_isNotFilledFromIt_soTheNextCallStartsAFreshSegment_tcpSendmsgLocked()
            throws IOException {
        // runs/everyday-s89/explained/relay-wget-200k-server (docs/linux-captures.md §91): nginx's sendfile behind the
        // relay's 20 ms. A call ended where the send buffer was full (K+194969); the ACK captured at 102.740 ms let its
        // last segments go, the last a 936-byte tail with PSH, and the next call's data (3 x 1,448, then 946) followed
        // from 102.879 ms, among the ACKs of that millisecond. tcp_sendmsg_locked appends a call only to an unsent tail
        // skb below the size goal, so that data started a segment of its own. Before, the replay made the next call
        // before the millisecond's ACKs arrived, its queue filled the tail from it and the server sent 1,448, 1,448,
        // 1,448, 936: eight departures.
        CaptureReplay.Rebuilt wget = rebuilt(Path.of("tools", "linux-captures", "runs", "everyday-s89", "explained",
                "relay-wget-200k-server.pcap"));
        List<ActionSpec> sends = sends(wget, "server");
        assertEquals(5_290, sends.get(sends.size() - 1).bytes(), "the next call: 3 x 1448 + 946");
        assertEquals(List.of(), wget.trace().steps().stream().filter(s -> s.kind() == StepKind.DEVIATION).map(s -> s.text()).toList());
        // runs/everyday-s85/explained/relay-nginx-200k-nopush-server: sendfile without the cork, its calls ending in
        // tails of 1,256, 176 and 952 bytes; the 176-byte one (K+185411, 103.260 ms) left among the ACKs of that
        // millisecond and the next call's data followed it at 103.318 ms (before: 19 departures).
        CaptureReplay.Rebuilt nopush = rebuilt(Path.of("tools", "linux-captures", "runs", "everyday-s85", "explained",
                "relay-nginx-200k-nopush-server.pcap"));
        assertEquals(List.of(), nopush.trace().steps().stream().filter(s -> s.kind() == StepKind.DEVIATION).map(s -> s.text()).toList());
    }

    @Test
    void aFinSentAloneBehindAShortTailThatAnAckLetGo_hasCloseAfterThatMillisecondsArrivals_soTheTailLeavesFirst_tcpSendFin()
            throws IOException {
        // runs/everyday-s79/fin-lost-response-in-flight-server (docs/linux-captures.md §112): the program wrote 50,000
        // bytes and closed; the write waited for send-buffer room, and the ACK of K+20273 at 219.216 ms let its last three
        // segments go, the last a 768-byte tail with PSH (219.312 ms); close() came after the write returned, so its FIN
        // found no unsent tail (tcp_send_fin) and left alone at 219.479 ms, the client's ACKs of that millisecond between.
        // Before, the replay closed before those ACKs arrived, the FIN rode on the queued tail (FIN,PSH with 768 bytes)
        // and, sent again at 587 ms, departed too: five departures.
        CaptureReplay.Rebuilt rebuilt = rebuilt(Path.of("tools", "linux-captures", "runs", "everyday-s79",
                "fin-lost-response-in-flight-server.pcap"));
        assertEquals(List.of(), rebuilt.trace().steps().stream().filter(s -> s.kind() == StepKind.DEVIATION).map(s -> s.text()).toList());
    }
}
