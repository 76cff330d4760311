package lab.handshake.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.EcnCodepoint;
import lab.handshake.engine.IcmpUnreachable;
import lab.handshake.engine.trace.SackBlock;
import lab.handshake.engine.trace.TraceOption;

/**
 * Reads the TCP segments of a capture file: classic pcap (what tcpdump -w writes) or pcapng (Wireshark's
 * default), over Ethernet, Linux cooked (SLL, SLL2) or raw IP links, IPv4 or IPv6; and the ICMP Destination Unreachable
 * messages that quote a TCP header (an ICMP the reader cannot take whole is passed over). Every length is checked
 * against the bytes that are really there, so a truncated or corrupted file gives a
 * {@link CaptureFormatException} naming the problem, never a crash.
 */
public final class PcapReader {
    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int PCAPNG_SECTION = 0x0A0D0D0A;
    private static final int PCAPNG_BYTE_ORDER = 0x1A2B3C4D;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int LINKTYPE_RAW = 101;
    private static final int LINKTYPE_LINUX_SLL = 113;
    private static final int LINKTYPE_IPV4 = 228;
    private static final int LINKTYPE_IPV6 = 229;
    private static final int LINKTYPE_LINUX_SLL2 = 276;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int PROTOCOL_TCP = 6;
    private static final int PROTOCOL_ICMP = 1;
    private static final int PROTOCOL_ICMPV6 = 58;
    private static final int ICMP_DEST_UNREACH = 3;
    private static final int ICMPV6_DEST_UNREACH = 1;
    private static final int MAX_PACKET = 262_144;
    /**
     * TCP segments read from one file: a whole 2 MB download over Ethernet with its payload is about 2,200; the bound
     * keeps the connections' summaries (one per SYN of a flood) and the work of splitting them small.
     */
    static final int MAX_SEGMENTS = 10_000;
    /** An enhanced packet block's bytes around the packet: type, length, interface, timestamp, two lengths, length. */
    private static final int EPB_OVERHEAD = 32;

    private PcapReader() {
    }

    /** A capture's TCP segments and the ICMP Destination Unreachable messages about them, each in capture order. */
    public record Capture(List<CapturedSegment> segments, List<CapturedUnreachable> unreachables) {
    }

    public static List<CapturedSegment> read(byte[] file) {
        return readCapture(file).segments();
    }

    public static Capture readCapture(byte[] file) {
        if (file.length < 24) {
            throw new CaptureFormatException(CaptureProblemMessages::capture_too_short);
        }
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(0);
        if (magic == PCAPNG_SECTION) {
            return readPcapng(in);
        }
        boolean nanos;
        if (magic == MAGIC_MICROS || magic == MAGIC_NANOS) {
            nanos = magic == MAGIC_NANOS;
        } else if (Integer.reverseBytes(magic) == MAGIC_MICROS || Integer.reverseBytes(magic) == MAGIC_NANOS) {
            in.order(ByteOrder.BIG_ENDIAN);
            nanos = Integer.reverseBytes(magic) == MAGIC_NANOS;
        } else {
            throw new CaptureFormatException(CaptureProblemMessages::capture_unknown_magic);
        }
        int linkType = in.getInt(20) & 0x0FFF_FFFF;
        requireSupported(linkType);
        Capture capture = new Capture(new ArrayList<>(), new ArrayList<>());
        int next = 24;
        while (next < file.length) {
            int offset = next; // fixed for this packet: its refusals name it
            if (offset + 16 > file.length) {
                throw new CaptureFormatException(words -> words.capture_truncated_packet_header(offset));
            }
            long seconds = Integer.toUnsignedLong(in.getInt(offset));
            long fraction = Integer.toUnsignedLong(in.getInt(offset + 4));
            int included = in.getInt(offset + 8);
            if (included < 0 || included > MAX_PACKET || offset + 16 + included > file.length) {
                throw new CaptureFormatException(words -> words.capture_corrupted_packet(offset));
            }
            long micros = seconds * 1_000_000 + (nanos ? fraction / 1000 : fraction);
            add(capture, ByteBuffer.wrap(file, offset + 16, included).slice(), linkType, micros);
            next = offset + 16 + included;
        }
        return capture;
    }

    /** pcapng: section header, interface descriptions (link type, time resolution), enhanced and simple packets. */
    private static Capture readPcapng(ByteBuffer in) {
        Capture capture = new Capture(new ArrayList<>(), new ArrayList<>());
        List<Integer> linkTypes = new ArrayList<>();
        Map<Integer, Long> unitsPerSecond = new HashMap<>();
        int next = 0;
        int length = in.limit();
        while (next < length) {
            int offset = next; // fixed for this block: its refusals name it
            if (offset + 12 > length) {
                throw new CaptureFormatException(words -> words.capture_truncated_block(offset));
            }
            int type = in.getInt(offset);
            if (type == PCAPNG_SECTION) {
                int order = in.order(ByteOrder.LITTLE_ENDIAN).getInt(offset + 8);
                if (order == PCAPNG_BYTE_ORDER) {
                    in.order(ByteOrder.LITTLE_ENDIAN);
                } else if (Integer.reverseBytes(order) == PCAPNG_BYTE_ORDER) {
                    in.order(ByteOrder.BIG_ENDIAN);
                } else {
                    throw new CaptureFormatException(CaptureProblemMessages::capture_corrupted_section);
                }
                linkTypes.clear();
                unitsPerSecond.clear();
            }
            int blockLength = in.getInt(offset + 4);
            // Compared with what is left rather than summed with the offset, so a huge length cannot overflow.
            if (blockLength < 0 || blockLength > length - offset) {
                throw new CaptureFormatException(words -> words.capture_block_overruns(offset, Integer.toUnsignedString(blockLength), length - offset));
            }
            if (blockLength < minimumBlockLength(type) || blockLength % 4 != 0) {
                throw new CaptureFormatException(words -> words.capture_block_length_impossible(offset, blockLength));
            }
            switch (type) {
                case 1 -> {
                    int linkType = in.getShort(offset + 8) & 0xFFFF;
                    linkTypes.add(linkType);
                    unitsPerSecond.put(linkTypes.size() - 1, timeResolution(in, offset + 16, offset + blockLength - 4));
                }
                case 6 -> {
                    int interfaceId = in.getInt(offset + 8);
                    if (interfaceId < 0 || interfaceId >= linkTypes.size()) {
                        throw new CaptureFormatException(CaptureProblemMessages::capture_unknown_interface);
                    }
                    long timestamp = (Integer.toUnsignedLong(in.getInt(offset + 12)) << 32) | Integer.toUnsignedLong(in.getInt(offset + 16));
                    int captured = in.getInt(offset + 20);
                    if (captured < 0 || captured > MAX_PACKET) {
                        throw new CaptureFormatException(words -> words.capture_packet_too_large(offset, Integer.toUnsignedString(captured), MAX_PACKET));
                    }
                    if (captured > blockLength - EPB_OVERHEAD) {
                        throw new CaptureFormatException(words -> words.capture_packet_overruns_block(offset));
                    }
                    long micros = timestamp * 1_000_000 / unitsPerSecond.get(interfaceId);
                    requireSupported(linkTypes.get(interfaceId));
                    add(capture, ByteBuffer.wrap(in.array(), offset + 28, captured).slice(), linkTypes.get(interfaceId), micros);
                }
                case 3 -> {
                    if (linkTypes.isEmpty()) {
                        throw new CaptureFormatException(CaptureProblemMessages::capture_packet_before_interface);
                    }
                    int captured = Math.min(in.getInt(offset + 8), blockLength - 16);
                    requireSupported(linkTypes.get(0));
                    add(capture, ByteBuffer.wrap(in.array(), offset + 12, Math.max(0, captured)).slice(), linkTypes.get(0), 0);
                }
                default -> {
                    // Name resolution, statistics, custom blocks: nothing the engine needs.
                }
            }
            next = offset + blockLength;
        }
        return capture;
    }

    /** The shortest a block of this type can be: its fixed fields plus the two length words. */
    private static int minimumBlockLength(int type) {
        return switch (type) {
            case PCAPNG_SECTION -> 28;
            case 1 -> 20;
            case 6 -> EPB_OVERHEAD;
            case 3 -> 16;
            default -> 12;
        };
    }

    /** Units per second of an interface's timestamps: the if_tsresol option, microseconds by default. */
    private static long timeResolution(ByteBuffer in, int from, int to) {
        int offset = from;
        while (offset + 4 <= to) {
            int code = in.getShort(offset) & 0xFFFF;
            int length = in.getShort(offset + 2) & 0xFFFF;
            if (code == 0) {
                break;
            }
            if (code == 9 && length == 1 && offset + 5 <= to) {
                int resolution = in.get(offset + 4) & 0xFF;
                long units = 1;
                for (int i = 0; i < (resolution & 0x7F) && i < 18; i++) {
                    units *= (resolution & 0x80) != 0 ? 2 : 10;
                }
                return units;
            }
            offset += 4 + ((length + 3) & ~3);
        }
        return 1_000_000;
    }

    private static void requireSupported(int linkType) {
        if (linkType != LINKTYPE_ETHERNET && linkType != LINKTYPE_RAW && linkType != LINKTYPE_LINUX_SLL
                && linkType != LINKTYPE_IPV4 && linkType != LINKTYPE_IPV6 && linkType != LINKTYPE_LINUX_SLL2) {
            throw new CaptureFormatException(words -> words.capture_unsupported_link_type(linkType));
        }
    }

    /** Adds the packet's TCP segment or ICMP Destination Unreachable, if it is either; both count toward MAX_SEGMENTS. */
    private static void add(Capture capture, ByteBuffer packet, int linkType, long micros) {
        int ip = ipOffset(packet, linkType);
        if (ip < 0) {
            return;
        }
        CapturedSegment segment = tcpOf(packet, ip, micros);
        CapturedUnreachable unreachable = segment == null ? unreachableOf(packet, ip, micros) : null;
        if (segment == null && unreachable == null) {
            return;
        }
        if (capture.segments().size() + capture.unreachables().size() == MAX_SEGMENTS) {
            throw new CaptureFormatException(words -> words.capture_too_many_segments_in_file(MAX_SEGMENTS));
        }
        if (segment != null) {
            capture.segments().add(segment);
        } else {
            capture.unreachables().add(unreachable);
        }
    }

    /** Where the IP header of one packet begins, or -1 when the packet carries no IP. */
    private static int ipOffset(ByteBuffer packet, int linkType) {
        packet.order(ByteOrder.BIG_ENDIAN);
        int ip;
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                if (packet.limit() < 14) {
                    return -1;
                }
                int etherType = packet.getShort(12) & 0xFFFF;
                ip = 14;
                if (etherType == 0x8100 && packet.limit() >= 18) {
                    etherType = packet.getShort(16) & 0xFFFF;
                    ip = 18;
                }
                if (etherType != ETHERTYPE_IPV4 && etherType != ETHERTYPE_IPV6) {
                    return -1;
                }
            }
            case LINKTYPE_LINUX_SLL -> {
                if (packet.limit() < 16) {
                    return -1;
                }
                ip = 16;
            }
            case LINKTYPE_LINUX_SLL2 -> {
                if (packet.limit() < 20) {
                    return -1;
                }
                ip = 20;
            }
            default -> ip = 0;
        }
        return packet.limit() < ip + 1 ? -1 : ip;
    }

    /** The TCP segment in one packet, or null for anything that is not TCP over IP. */
    private static CapturedSegment tcpOf(ByteBuffer packet, int ip, long micros) {
        int version = packet.get(ip) >> 4 & 0xF;
        if (version == 4) {
            return ipv4(packet, ip, micros);
        }
        return version == 6 ? ipv6(packet, ip, micros) : null;
    }

    /**
     * The ICMP Destination Unreachable in one packet that quotes a TCP header (its sockets and sequence number: the
     * first 8 bytes, all RFC 792 promises), or null: anything else, a code the engine does not model (fragmentation
     * needed is path MTU discovery), or a quote cut short. ICMPv6 codes are taken as their IPv4 kin (RFC 4443 §3.1: no
     * route → net, address → host, port → port, prohibited → admin).
     */
    private static CapturedUnreachable unreachableOf(ByteBuffer packet, int ip, long micros) {
        int version = packet.get(ip) >> 4 & 0xF;
        int icmp;
        IcmpUnreachable code;
        if (version == 4 && packet.limit() >= ip + 20 && (packet.get(ip + 9) & 0xFF) == PROTOCOL_ICMP) {
            icmp = ip + (packet.get(ip) & 0xF) * 4;
            if (icmp < ip + 20 || packet.limit() < icmp + 8 || (packet.get(icmp) & 0xFF) != ICMP_DEST_UNREACH) {
                return null;
            }
            int wire = packet.get(icmp + 1) & 0xFF;
            code = Arrays.stream(IcmpUnreachable.values()).filter(c -> c.code() == wire).findFirst().orElse(null);
        } else if (version == 6 && packet.limit() >= ip + 48 && (packet.get(ip + 6) & 0xFF) == PROTOCOL_ICMPV6
                && (packet.get(ip + 40) & 0xFF) == ICMPV6_DEST_UNREACH) {
            icmp = ip + 40;
            code = switch (packet.get(icmp + 1) & 0xFF) {
                case 0 -> IcmpUnreachable.NET;
                case 1 -> IcmpUnreachable.ADMIN;
                case 3 -> IcmpUnreachable.HOST;
                case 4 -> IcmpUnreachable.PORT;
                default -> null;
            };
        } else {
            return null;
        }
        int inner = icmp + 8;
        if (code == null || packet.limit() < inner + 1) {
            return null;
        }
        int innerVersion = packet.get(inner) >> 4 & 0xF;
        int tcp;
        String src;
        String dst;
        if (innerVersion == 4 && version == 4 && packet.limit() >= inner + 20 && (packet.get(inner + 9) & 0xFF) == PROTOCOL_TCP) {
            tcp = inner + (packet.get(inner) & 0xF) * 4;
            src = address4(packet, inner + 12);
            dst = address4(packet, inner + 16);
        } else if (innerVersion == 6 && version == 6 && packet.limit() >= inner + 40 && (packet.get(inner + 6) & 0xFF) == PROTOCOL_TCP) {
            tcp = inner + 40;
            src = address6(packet, inner + 8);
            dst = address6(packet, inner + 24);
        } else {
            return null;
        }
        if (tcp < inner + 20 || packet.limit() < tcp + 8) {
            return null;
        }
        return new CapturedUnreachable(micros, code, src, packet.getShort(tcp) & 0xFFFF, dst, packet.getShort(tcp + 2) & 0xFFFF,
                packet.getInt(tcp + 4));
    }

    private static CapturedSegment ipv4(ByteBuffer packet, int ip, long micros) {
        if (packet.limit() < ip + 20) {
            return null;
        }
        int ipHeader = (packet.get(ip) & 0xF) * 4;
        int totalLength = packet.getShort(ip + 2) & 0xFFFF;
        if ((packet.get(ip + 9) & 0xFF) != PROTOCOL_TCP || ipHeader < 20 || totalLength < ipHeader + 20) {
            return null;
        }
        // The ECN field: the low two bits of the TOS byte (RFC 3168 §5).
        return tcp(packet, ip + ipHeader, totalLength - ipHeader, address4(packet, ip + 12), address4(packet, ip + 16), micros,
                EcnCodepoint.ofField(packet.get(ip + 1)));
    }

    private static CapturedSegment ipv6(ByteBuffer packet, int ip, long micros) {
        if (packet.limit() < ip + 40 || (packet.get(ip + 6) & 0xFF) != PROTOCOL_TCP) {
            return null;
        }
        int payloadLength = packet.getShort(ip + 4) & 0xFFFF;
        // The ECN field: the low two bits of the traffic class, which spans the first two bytes (RFC 3168 §5, RFC 8200 §3).
        return tcp(packet, ip + 40, payloadLength, address6(packet, ip + 8), address6(packet, ip + 24), micros,
                EcnCodepoint.ofField(packet.get(ip + 1) >> 4));
    }

    private static CapturedSegment tcp(ByteBuffer packet, int tcp, int tcpLength, String src, String dst, long micros, EcnCodepoint ecn) {
        if (packet.limit() < tcp + 20) {
            throw new CaptureFormatException(CaptureProblemMessages::capture_tcp_header_cut);
        }
        int tcpHeader = (packet.get(tcp + 12) >> 4 & 0xF) * 4;
        int payload = tcpLength - tcpHeader;
        if (tcpHeader < 20 || payload < 0) {
            throw new CaptureFormatException(CaptureProblemMessages::capture_tcp_header_length);
        }
        return new CapturedSegment(micros, src, packet.getShort(tcp) & 0xFFFF, dst, packet.getShort(tcp + 2) & 0xFFFF,
                packet.getInt(tcp + 4), packet.getInt(tcp + 8), packet.get(tcp + 13) & 0xFF, payload,
                packet.getShort(tcp + 14) & 0xFFFF, options(packet, tcp + 20, Math.min(tcp + tcpHeader, packet.limit())), ecn);
    }

    /**
     * The options the engine knows (NOP, MSS, window scale, SACK-permitted, SACK, timestamps, Fast Open) in wire order; others
     * are skipped by their length, and a list cut short by the snap length ends where the capture does.
     */
    private static List<TraceOption> options(ByteBuffer packet, int from, int end) {
        List<TraceOption> options = new ArrayList<>();
        int at = from;
        while (at < end) {
            int kind = packet.get(at) & 0xFF;
            if (kind == 0) {
                break;
            }
            if (kind == 1) {
                options.add(TraceOption.nop());
                at++;
                continue;
            }
            if (at + 1 >= end) {
                break;
            }
            int length = packet.get(at + 1) & 0xFF;
            if (length < 2 || at + length > end) {
                break;
            }
            switch (kind) {
                case 2 -> options.add(TraceOption.mss(length == 4 ? packet.getShort(at + 2) & 0xFFFF : 0));
                case 3 -> options.add(TraceOption.windowScale(length == 3 ? packet.get(at + 2) & 0xFF : 0));
                case 4 -> options.add(TraceOption.sackPermitted());
                case 8 -> {
                    if (length == 10) {
                        options.add(TraceOption.timestamps(Integer.toUnsignedLong(packet.getInt(at + 2)),
                                Integer.toUnsignedLong(packet.getInt(at + 6))));
                    }
                }
                case 5 -> options.add(TraceOption.sack(sackBlocks(packet, at + 2, (length - 2) / TraceOption.SACK_BLOCK_LENGTH)));
                case 34 -> options.add(TraceOption.fastOpen(hex(packet, at + 2, length - 2)));
                default -> {
                    // An option the engine does not model (MD5, the experimental Fast Open kind 254...): skipped.
                }
            }
            at += length;
        }
        return List.copyOf(options);
    }

    /** {@code count} bytes from {@code from} in lower-case hexadecimal (a Fast Open cookie, RFC 7413 §4.1.1). */
    private static String hex(ByteBuffer packet, int from, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(String.format("%02x", packet.get(from + i) & 0xFF));
        }
        return text.toString();
    }

    private static List<SackBlock> sackBlocks(ByteBuffer packet, int from, int count) {
        List<SackBlock> blocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = from + i * TraceOption.SACK_BLOCK_LENGTH;
            blocks.add(new SackBlock(Integer.toUnsignedLong(packet.getInt(at)), Integer.toUnsignedLong(packet.getInt(at + 4))));
        }
        return blocks;
    }

    private static String address4(ByteBuffer packet, int at) {
        return (packet.get(at) & 0xFF) + "." + (packet.get(at + 1) & 0xFF) + "." + (packet.get(at + 2) & 0xFF) + "." + (packet.get(at + 3) & 0xFF);
    }

    private static String address6(ByteBuffer packet, int at) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            text.append(i == 0 ? "" : ":").append(Integer.toHexString(packet.getShort(at + 2 * i) & 0xFFFF));
        }
        return text.toString().replaceFirst("(^|:)(0(:|$)){2,}", "::").replaceFirst("^:::", "::");
    }
}
