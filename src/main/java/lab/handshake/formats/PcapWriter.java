package lab.handshake.formats;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.EcnCodepoint;
import lab.handshake.engine.Flags;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.SackBlock;
import lab.handshake.engine.trace.SegmentFate;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.TraceOption;
import lab.handshake.engine.trace.TraceSegment;

/**
 * A trace as a classic pcap file that Wireshark and tcpdump open: every segment put on the wire, captured
 * when it was sent (as at the sender's interface), or what one host's interface saw ({@link CaptureVantage}), as
 * Ethernet + IPv4 + TCP with its options, correct lengths and checksums, and payload bytes for data; the IP header's
 * ECN field is the segment's ({@link TraceSegment#ecn}), CE where its receiver took it after a router's mark
 * ({@link #ecnOnArrival}). Timestamps are the virtual time from 0.
 */
public final class PcapWriter {
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int SNAPLEN = 65_535;
    private static final byte[] PAYLOAD_PATTERN = "Handshake Lab simulated payload. ".getBytes(StandardCharsets.US_ASCII);

    private PcapWriter() {
    }

    public static byte[] write(Trace trace) {
        return write(trace, null);
    }

    /** @param vantage where the capture is taken, or null: each segment when it was sent */
    public static byte[] write(Trace trace, CaptureVantage vantage) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN).putInt(LINKTYPE_ETHERNET);
        out.writeBytes(header.array());
        Map<String, Integer> ipIds = new HashMap<>();
        for (Seen seen : seen(trace, vantage)) {
            byte[] frame = frame(seen.segment(), seen.ecn(), ipIds);
            ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            record.putInt((int) (seen.at() / 1000)).putInt((int) (seen.at() % 1000) * 1000)
                    .putInt(frame.length).putInt(frame.length);
            out.writeBytes(record.array());
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    /** A segment as the capture sees it, at {@code at} ms, with this ECN field in its IP header. */
    private record Seen(long at, TraceSegment segment, EcnCodepoint ecn) {
    }

    /** The IP header's ECN field as the segment reaches its receiver: CE once a router marked it on the way (RFC 3168 §5). */
    static EcnCodepoint ecnOnArrival(TraceSegment segment) {
        return segment.fate() == SegmentFate.CE_MARKED ? EcnCodepoint.CE : EcnCodepoint.ofTraceName(segment.ecn());
    }

    /**
     * What the capture holds: every segment when sent, in the order sent; or what the vantage's host sent and received,
     * in the order its steps happened, so that within one millisecond an answer follows what it answers.
     */
    private static List<Seen> seen(Trace trace, CaptureVantage vantage) {
        if (vantage == null) {
            return trace.segments().stream().map(segment -> new Seen(segment.sentAt(), segment, EcnCodepoint.ofTraceName(segment.ecn()))).toList();
        }
        Map<Integer, TraceSegment> byId = new HashMap<>();
        trace.segments().forEach(segment -> byId.put(segment.id(), segment));
        return trace.steps().stream()
                .filter(step -> (step.kind() == StepKind.SEND || step.kind() == StepKind.ARRIVE)
                        && vantage.wireName().equals(step.endpoint()) && byId.containsKey(step.segmentId()))
                .map(step -> {
                    TraceSegment segment = byId.get(step.segmentId());
                    return new Seen(step.at(), segment, step.kind() == StepKind.ARRIVE ? ecnOnArrival(segment)
                            : EcnCodepoint.ofTraceName(segment.ecn()));
                }).toList();
    }

    private static byte[] frame(TraceSegment segment, EcnCodepoint ecn, Map<String, Integer> ipIds) {
        String[] src = segment.src().split(":");
        String[] dst = segment.dst().split(":");
        byte[] srcIp = ipv4(src[0]);
        byte[] dstIp = ipv4(dst[0]);
        int flags = Flags.parse(segment.flags());
        byte[] payload = payload(segment.len());
        byte[] options = options(segment.options());
        int headerLength = 20 + options.length;
        int tcpLength = headerLength + payload.length;
        int ipLength = 20 + tcpLength;

        ByteBuffer tcp = ByteBuffer.allocate(tcpLength).order(ByteOrder.BIG_ENDIAN);
        tcp.putShort((short) Integer.parseInt(src[1])).putShort((short) Integer.parseInt(dst[1]))
                .putInt((int) segment.seq()).putInt(segment.ack() == null ? 0 : (int) (long) segment.ack())
                .put((byte) (headerLength / 4 << 4)).put((byte) flags).putShort((short) segment.window())
                .putShort((short) 0).putShort((short) 0).put(options).put(payload);
        byte[] tcpBytes = tcp.array();
        int checksum = checksum(pseudoHeader(srcIp, dstIp, tcpLength), tcpBytes);
        tcpBytes[16] = (byte) (checksum >> 8);
        tcpBytes[17] = (byte) checksum;

        int id = ipIds.merge(src[0], 1, Integer::sum);
        ByteBuffer ip = ByteBuffer.allocate(20).order(ByteOrder.BIG_ENDIAN);
        ip.put((byte) 0x45).put((byte) ecn.field()).putShort((short) ipLength).putShort((short) id).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).put(srcIp).put(dstIp);
        byte[] ipBytes = ip.array();
        int ipChecksum = checksum(new byte[0], ipBytes);
        ipBytes[10] = (byte) (ipChecksum >> 8);
        ipBytes[11] = (byte) ipChecksum;

        ByteBuffer ethernet = ByteBuffer.allocate(14 + ipLength).order(ByteOrder.BIG_ENDIAN);
        ethernet.put(mac(dstIp)).put(mac(srcIp)).putShort((short) 0x0800).put(ipBytes).put(tcpBytes);
        return ethernet.array();
    }

    /** The options as the sender laid them out, padded with end-of-list bytes to a multiple of 4 (RFC 9293 §3.1). */
    private static byte[] options(List<TraceOption> options) {
        ByteBuffer bytes = ByteBuffer.allocate(40).order(ByteOrder.BIG_ENDIAN);
        for (TraceOption option : options) {
            bytes.put((byte) option.kind().kind());
            switch (option.kind()) {
                case NOP -> {
                    // kind only
                }
                case MSS -> bytes.put((byte) 4).putShort((short) (int) option.value());
                case WINDOW_SCALE -> bytes.put((byte) 3).put((byte) (int) option.value());
                case SACK_PERMITTED -> bytes.put((byte) 2);
                case TIMESTAMPS -> bytes.put((byte) 10).putInt((int) (long) option.tsVal()).putInt((int) (long) option.tsEcr());
                case SACK -> {
                    bytes.put((byte) option.length());
                    for (SackBlock block : option.blocks()) {
                        bytes.putInt((int) block.left()).putInt((int) block.right());
                    }
                }
                case FAST_OPEN -> {
                    bytes.put((byte) option.length());
                    for (int i = 0; i < option.cookie().length(); i += 2) {
                        bytes.put((byte) Integer.parseInt(option.cookie().substring(i, i + 2), 16));
                    }
                }
            }
        }
        int length = (bytes.position() + 3) / 4 * 4;
        byte[] padded = new byte[length];
        System.arraycopy(bytes.array(), 0, padded, 0, bytes.position());
        return padded;
    }

    /** A locally administered MAC address made from the IPv4 address: 02:00:a.b.c.d. */
    private static byte[] mac(byte[] ip) {
        return new byte[] {0x02, 0x00, ip[0], ip[1], ip[2], ip[3]};
    }

    private static byte[] ipv4(String address) {
        String[] parts = address.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return bytes;
    }

    private static byte[] payload(int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = PAYLOAD_PATTERN[i % PAYLOAD_PATTERN.length];
        }
        return payload;
    }

    private static byte[] pseudoHeader(byte[] src, byte[] dst, int tcpLength) {
        return ByteBuffer.allocate(12).put(src).put(dst).put((byte) 0).put((byte) 6).putShort((short) tcpLength).array();
    }

    /** The Internet checksum (RFC 1071) over the concatenation of the parts. */
    static int checksum(byte[] first, byte[] second) {
        long sum = 0;
        byte[][] parts = {first, second};
        int pending = -1;
        for (byte[] part : parts) {
            for (byte b : part) {
                int value = b & 0xFF;
                if (pending < 0) {
                    pending = value;
                } else {
                    sum += (pending << 8) | value;
                    pending = -1;
                }
            }
        }
        if (pending >= 0) {
            sum += pending << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) (~sum & 0xFFFF);
    }
}
