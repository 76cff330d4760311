package lab.handshake.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the TCP segments of a classic pcap file (the format tcpdump -w writes): Ethernet, Linux cooked
 * (SLL) or raw IPv4 link layers. Every length is checked against the bytes that are really there, so a
 * truncated or corrupted file gives a {@link CaptureFormatException} naming the problem, never a crash.
 */
public final class PcapReader {
    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int LINKTYPE_RAW = 101;
    private static final int LINKTYPE_LINUX_SLL = 113;
    private static final int LINKTYPE_IPV4 = 228;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int PROTOCOL_TCP = 6;
    private static final int MAX_PACKET = 262_144;

    private PcapReader() {
    }

    public static List<CapturedSegment> read(byte[] file) {
        if (file.length < 24) {
            throw new CaptureFormatException("the file is shorter than a pcap header (24 bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(0);
        boolean nanos;
        if (magic == MAGIC_MICROS || magic == MAGIC_NANOS) {
            nanos = magic == MAGIC_NANOS;
        } else if (Integer.reverseBytes(magic) == MAGIC_MICROS || Integer.reverseBytes(magic) == MAGIC_NANOS) {
            in.order(ByteOrder.BIG_ENDIAN);
            nanos = Integer.reverseBytes(magic) == MAGIC_NANOS;
        } else {
            throw new CaptureFormatException("not a pcap file (unknown magic number)");
        }
        int linkType = in.getInt(20) & 0x0FFF_FFFF;
        if (linkType != LINKTYPE_ETHERNET && linkType != LINKTYPE_RAW && linkType != LINKTYPE_LINUX_SLL && linkType != LINKTYPE_IPV4) {
            throw new CaptureFormatException("unsupported link type " + linkType + " (Ethernet, Linux cooked or raw IP expected)");
        }
        List<CapturedSegment> segments = new ArrayList<>();
        int offset = 24;
        while (offset < file.length) {
            if (offset + 16 > file.length) {
                throw new CaptureFormatException("truncated packet header at byte " + offset);
            }
            long seconds = Integer.toUnsignedLong(in.getInt(offset));
            long fraction = Integer.toUnsignedLong(in.getInt(offset + 4));
            int included = in.getInt(offset + 8);
            if (included < 0 || included > MAX_PACKET || offset + 16 + included > file.length) {
                throw new CaptureFormatException("truncated or corrupted packet at byte " + offset);
            }
            long micros = seconds * 1_000_000 + (nanos ? fraction / 1000 : fraction);
            CapturedSegment segment = tcpOf(ByteBuffer.wrap(file, offset + 16, included).slice(), linkType, micros);
            if (segment != null) {
                segments.add(segment);
            }
            offset += 16 + included;
        }
        return segments;
    }

    /** The TCP segment in one packet, or null for anything that is not TCP over IPv4. */
    private static CapturedSegment tcpOf(ByteBuffer packet, int linkType, long micros) {
        packet.order(ByteOrder.BIG_ENDIAN);
        int ip;
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                if (packet.limit() < 14 || (packet.getShort(12) & 0xFFFF) != ETHERTYPE_IPV4) {
                    return null;
                }
                ip = 14;
            }
            case LINKTYPE_LINUX_SLL -> {
                if (packet.limit() < 16 || (packet.getShort(14) & 0xFFFF) != ETHERTYPE_IPV4) {
                    return null;
                }
                ip = 16;
            }
            default -> ip = 0;
        }
        if (packet.limit() < ip + 20 || (packet.get(ip) >> 4 & 0xF) != 4) {
            return null;
        }
        int ipHeader = (packet.get(ip) & 0xF) * 4;
        int totalLength = packet.getShort(ip + 2) & 0xFFFF;
        if ((packet.get(ip + 9) & 0xFF) != PROTOCOL_TCP || ipHeader < 20 || totalLength < ipHeader + 20) {
            return null;
        }
        int tcp = ip + ipHeader;
        if (packet.limit() < tcp + 20) {
            throw new CaptureFormatException("a TCP header is cut short (snap length too small?)");
        }
        int tcpHeader = (packet.get(tcp + 12) >> 4 & 0xF) * 4;
        int payload = totalLength - ipHeader - tcpHeader;
        if (tcpHeader < 20 || payload < 0) {
            throw new CaptureFormatException("a TCP header has an impossible length");
        }
        return new CapturedSegment(micros, address(packet, ip + 12), packet.getShort(tcp) & 0xFFFF,
                address(packet, ip + 16), packet.getShort(tcp + 2) & 0xFFFF,
                packet.getInt(tcp + 4), packet.getInt(tcp + 8), packet.get(tcp + 13) & 0x1F, payload,
                packet.getShort(tcp + 14) & 0xFFFF);
    }

    private static String address(ByteBuffer packet, int at) {
        return (packet.get(at) & 0xFF) + "." + (packet.get(at + 1) & 0xFF) + "." + (packet.get(at + 2) & 0xFF) + "." + (packet.get(at + 3) & 0xFF);
    }
}
