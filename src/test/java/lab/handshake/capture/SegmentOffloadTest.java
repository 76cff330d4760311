package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import lab.handshake.engine.Flags;
import org.junit.jupiter.api.Test;

/**
 * Segments a capture shows larger than their sender's MSS (RFC 9293 §3.7.1), merged by GRO or not yet cut by TSO/GSO
 * where tcpdump ran, cut as the wire carried them (docs/linux-captures.md §39).
 */
class SegmentOffloadTest {

    private static CapturedConnection connection(String folder, String name) throws Exception {
        byte[] pcap = Files.readAllBytes(Path.of("src", "test", "resources", "captures", folder, name + ".pcap"));
        return CapturedConnection.split(PcapReader.read(pcap)).get(0);
    }

    @Test
    void aMergedSegmentIsCutIntoSegmentsOfTheMss_pshAndFinOnlyOnTheLast_eachAtTheCapturedTime() throws Exception {
        // veth-upload: the client's last buffer, 1240 bytes, carries FIN,PSH; its 65160-byte one is 45 × 1448.
        CapturedConnection captured = connection("offload", "veth-upload");
        CapturedConnection wire = SegmentOffload.onTheWire(captured);
        CapturedSegment merged = captured.segments().stream().filter(s -> s.payloadLength() == 65160).findFirst().orElseThrow();
        List<CapturedSegment> cut = wire.segments().stream()
                .filter(s -> s.timeMicros() == merged.timeMicros() && captured.fromClient(s)).toList();
        assertEquals(45, cut.size());
        for (int i = 0; i < cut.size(); i++) {
            CapturedSegment piece = cut.get(i);
            assertEquals(merged.seq() + i * 1448, piece.seq());
            assertEquals(1448, piece.payloadLength());
            assertEquals(merged.ack(), piece.ack());
            assertEquals(merged.options(), piece.options());
            assertEquals(i == cut.size() - 1, Flags.has(piece.flags(), Flags.PSH), "PSH on the last only");
        }
        // The byte stream is the capture's, and no segment is larger than the MSS.
        int sent = captured.segments().stream().filter(captured::fromClient).mapToInt(CapturedSegment::payloadLength).sum();
        assertEquals(sent, wire.segments().stream().filter(wire::fromClient).mapToInt(CapturedSegment::payloadLength).sum());
        assertTrue(wire.segments().stream().allMatch(s -> s.payloadLength() <= 1448));
        assertEquals(1, wire.segments().stream().filter(s -> Flags.has(s.flags(), Flags.FIN) && wire.fromClient(s)).count());
    }

    @Test
    void aRemainderThatIsNotAWholeSegmentIsTheLastPiece() throws Exception {
        // veth-download: 23552 bytes = 16 × 1448 + 384.
        CapturedConnection captured = connection("offload", "veth-download");
        CapturedSegment merged = captured.segments().stream().filter(s -> s.payloadLength() == 23552).findFirst().orElseThrow();
        List<Integer> lengths = SegmentOffload.onTheWire(captured).segments().stream()
                .filter(s -> s.timeMicros() == merged.timeMicros() && !captured.fromClient(s)).map(CapturedSegment::payloadLength).toList();
        assertEquals(17, lengths.size());
        assertEquals(384, lengths.get(16));
        assertEquals(Optional.of(new SegmentOffload("server", 65160, 1448, 45, 8)), SegmentOffload.of(captured));
    }

    @Test
    void aCaptureWhoseSegmentsFitTheMssIsLeftAsItIs() throws Exception {
        // data-transfer-mtu-1280: MSS 1240 offered by both ends; full segments of 1228 with timestamps.
        CapturedConnection captured = connection("linux", "data-transfer-mtu-1280");
        assertSame(captured, SegmentOffload.onTheWire(captured));
        assertEquals(Optional.empty(), SegmentOffload.of(captured));
    }
}
