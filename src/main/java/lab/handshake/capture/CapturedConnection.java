package lab.handshake.capture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Seq;
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.TraceOption;

/**
 * The segments of one TCP connection in a capture, and the ICMP Destination Unreachable messages that quote them. The
 * client is the endpoint that sent the first SYN without ACK (or, with no SYN in the capture, the sender of the first
 * segment).
 */
public record CapturedConnection(String client, String server, List<CapturedSegment> segments,
                                 List<CapturedUnreachable> unreachables) {

    /** What a person choosing a connection needs to see: its endpoints, how it ended, how many segments. */
    public record Summary(int index, String client, String server, ConnectionOutcome outcome, int segments,
                          boolean handshakeSeen) {
    }

    /**
     * Splits a capture into connections by their pair of sockets, in order of first appearance. A SYN on a pair whose
     * connection has ended starts another connection on the same pair: see {@link #opensAgain}.
     */
    public static List<CapturedConnection> split(List<CapturedSegment> segments) {
        return split(new PcapReader.Capture(segments, List.of()));
    }

    /** The same, each ICMP Destination Unreachable going with the connection of the last segment it quotes. */
    public static List<CapturedConnection> split(PcapReader.Capture capture) {
        List<CapturedSegment> segments = capture.segments();
        Map<String, List<CapturedSegment>> byPair = new HashMap<>();
        List<List<CapturedSegment>> lists = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            CapturedSegment segment = segments.get(i);
            String a = socket(segment.srcAddress(), segment.srcPort());
            String b = socket(segment.dstAddress(), segment.dstPort());
            String key = a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
            List<CapturedSegment> list = byPair.get(key);
            if (list == null || opensAgain(list, segment) && !oldSyn(list, segment, segments.subList(i + 1, segments.size()))
                    && !sentAgainAfterOldDuplicate(list, segment)) {
                list = new ArrayList<>();
                byPair.put(key, list);
                lists.add(list);
            }
            list.add(segment);
        }
        List<List<CapturedUnreachable>> unreachables = new ArrayList<>();
        lists.forEach(list -> unreachables.add(new ArrayList<>()));
        for (CapturedUnreachable unreachable : capture.unreachables()) {
            int owner = -1;
            long latest = Long.MIN_VALUE;
            for (int c = 0; c < lists.size(); c++) {
                for (CapturedSegment segment : lists.get(c)) {
                    if (unreachable.quotes(segment) && segment.timeMicros() >= latest) {
                        owner = c;
                        latest = segment.timeMicros();
                    }
                }
            }
            if (owner >= 0) {
                unreachables.get(owner).add(unreachable);
            }
        }
        List<CapturedConnection> connections = new ArrayList<>();
        for (int c = 0; c < lists.size(); c++) {
            List<CapturedSegment> list = lists.get(c);
            CapturedSegment opener = list.stream()
                    .filter(s -> Flags.has(s.flags(), Flags.SYN) && !Flags.has(s.flags(), Flags.ACK))
                    .findFirst().orElse(list.get(0));
            connections.add(new CapturedConnection(socket(opener.srcAddress(), opener.srcPort()),
                    socket(opener.dstAddress(), opener.dstPort()), List.copyOf(list), List.copyOf(unreachables.get(c))));
        }
        return connections;
    }

    /**
     * Whether a segment opens a new connection on a pair of sockets that already had one: it is a SYN, and the
     * connection before it has ended, by a reset or by a FIN from each end. Its TCBs are gone or in TIME-WAIT, which
     * a new SYN may take over (RFC 6191; Linux tcp_tw_reuse, docs/linux-captures.md §18): each
     * connection is replayed on its own.
     */
    private static boolean opensAgain(List<CapturedSegment> earlier, CapturedSegment segment) {
        if (!Flags.has(segment.flags(), Flags.SYN) || Flags.has(segment.flags(), Flags.ACK)) {
            return false;
        }
        Set<String> finished = new HashSet<>();
        for (CapturedSegment before : earlier) {
            if (Flags.has(before.flags(), Flags.RST)) {
                return true;
            }
            if (Flags.has(before.flags(), Flags.FIN)) {
                finished.add(socket(before.srcAddress(), before.srcPort()));
            }
        }
        return finished.size() == 2;
    }

    /**
     * Whether a SYN on a pair whose connection has ended is an old duplicate of that connection, not a new one: its
     * sequence number is not after all its sender already sent on the pair, and the peer's next segment to it is no
     * SYN,ACK acknowledging it. A new connection's SYN has a higher ISN when it meets the peer's TIME-WAIT (RFC 9293
     * §3.6.1 MAY-2; Linux tcp_timewait_state_process), and any that opens one is answered with a SYN,ACK; an old one
     * gets the old connection's ACK (docs/linux-captures.md §37: the relay's SYN below RCV.NXT), also when a later
     * SYN,ACK answers the same sequence number once the sender's RST has ended that TIME-WAIT (§28, §95:
     * time-wait-syn-old-isn).
     */
    private static boolean oldSyn(List<CapturedSegment> earlier, CapturedSegment syn, List<CapturedSegment> later) {
        String sender = socket(syn.srcAddress(), syn.srcPort());
        boolean notAfter = earlier.stream().filter(s -> socket(s.srcAddress(), s.srcPort()).equals(sender))
                .anyMatch(s -> !Seq.gt(syn.seq(), s.seq() + CaptureEvidence.occupiedLength(s)));
        boolean answered = later.stream().filter(s -> socket(s.dstAddress(), s.dstPort()).equals(sender)).findFirst()
                .filter(s -> Flags.has(s.flags(), Flags.SYN) && Flags.has(s.flags(), Flags.ACK) && s.ack() == syn.seq() + 1)
                .isPresent();
        return notAfter && !answered;
    }

    /**
     * Whether a SYN on a pair whose connection has ended repeats its sender's own SYN there, one sent after an old
     * duplicate SYN of an earlier connection ({@link #oldDuplicateSyn}): the reset that ended it was the peer's answer to
     * the old SYN's request, not to this connect(), which sends its SYN again (RFC 9293 §3.5, figure 8;
     * docs/linux-captures.md §101: old-duplicate-syn).
     */
    private static boolean sentAgainAfterOldDuplicate(List<CapturedSegment> earlier, CapturedSegment syn) {
        String sender = socket(syn.srcAddress(), syn.srcPort());
        return oldDuplicateSyn(earlier, sender).filter(old -> earlier.stream().anyMatch(s -> s != old && s.seq() == syn.seq()
                && socket(s.srcAddress(), s.srcPort()).equals(sender) && bareSyn(s))).isPresent();
    }

    /**
     * The first segment of {@code sender}, a SYN, when it is an old duplicate of an earlier connection (RFC 9293 §3.5,
     * figure 8): the sender's next segments are SYNs, one with a higher ISN (its connect()'s), until it answers the
     * peer's SYN,ACK to the first with {@code <SEQ=SEG.ACK><CTL=RST>}, what SYN-SENT sends for an ACK of nothing it sent
     * (§3.10.7.3). It stops at the sender's first segment that is no bare SYN, so it reads only the handshake.
     */
    static Optional<CapturedSegment> oldDuplicateSyn(List<CapturedSegment> segments, String sender) {
        CapturedSegment first = null;
        boolean higher = false;
        boolean answered = false;
        for (CapturedSegment segment : segments) {
            boolean own = socket(segment.srcAddress(), segment.srcPort()).equals(sender);
            if (!own) {
                answered |= first != null && Flags.has(segment.flags(), Flags.SYN) && Flags.has(segment.flags(), Flags.ACK)
                        && segment.ack() == first.seq() + 1;
            } else if (first == null && !bareSyn(segment)) {
                return Optional.empty();
            } else if (first == null) {
                first = segment;
            } else if (bareSyn(segment)) {
                higher |= Seq.gt(segment.seq(), first.seq());
            } else {
                boolean reset = Flags.has(segment.flags(), Flags.RST) && segment.seq() == first.seq() + 1;
                return reset && higher && answered ? Optional.of(first) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The client's first SYN when it is an old duplicate, not its own: {@link #oldDuplicateSyn}. */
    Optional<CapturedSegment> oldDuplicateSyn() {
        return oldDuplicateSyn(segments, client);
    }

    private static boolean bareSyn(CapturedSegment segment) {
        return Flags.has(segment.flags(), Flags.SYN) && !Flags.has(segment.flags(), Flags.ACK);
    }

    public Summary summary(int index) {
        boolean syn = segments.stream().anyMatch(s -> Flags.has(s.flags(), Flags.SYN));
        return new Summary(index, client, server, ConnectionOutcome.of(this), segments.size(), syn);
    }

    /** The endpoint's initial sequence number: that of its SYN, else the first sequence number it sent (0 if none). */
    public int isn(boolean ofClient) {
        return syn(ofClient)
                .or(() -> segments.stream().filter(s -> sentBy(s, ofClient)).findFirst())
                .map(CapturedSegment::seq).orElse(0);
    }

    /**
     * The shift the endpoint's window fields carry after the handshake (RFC 7323 §2.2): the one its SYN offered
     * when both SYNs carry the window-scale option, else 0; empty when the capture lacks either SYN and so cannot tell.
     */
    public OptionalInt windowShift(boolean ofClient) {
        Optional<CapturedSegment> own = syn(ofClient);
        Optional<CapturedSegment> peer = syn(!ofClient);
        if (own.isEmpty() || peer.isEmpty()) {
            return OptionalInt.empty();
        }
        OptionalInt offered = windowScale(own.get());
        return offered.isPresent() && windowScale(peer.get()).isPresent() ? offered : OptionalInt.of(0);
    }

    /**
     * The right edge of the window a segment offers, SEG.ACK + SEG.WND scaled by its sender's shift (never on a SYN,
     * RFC 7323 §2.2); empty when the shift is unknown ({@link #windowShift}).
     */
    public OptionalInt rightEdge(CapturedSegment segment) {
        OptionalInt shift = Flags.has(segment.flags(), Flags.SYN) ? OptionalInt.of(0) : windowShift(fromClient(segment));
        return shift.isPresent() ? OptionalInt.of(segment.ack() + (segment.window() << shift.getAsInt())) : OptionalInt.empty();
    }

    /** The last segment with ACK that the sender of the segment at {@code index} sent before it. */
    public Optional<CapturedSegment> previousAck(int index) {
        boolean ofClient = fromClient(segments.get(index));
        for (int i = index - 1; i >= 0; i--) {
            CapturedSegment before = segments.get(i);
            if (fromClient(before) == ofClient && Flags.has(before.flags(), Flags.ACK)) {
                return Optional.of(before);
            }
        }
        return Optional.empty();
    }

    /**
     * The MSS an end's SYN (or SYN,ACK) announced: empty without its SYN or the option, and for an MSS of 0, which
     * Linux ignores (tcp_parse_options takes an MSS only "if (in_mss)") and no data could go with.
     */
    public OptionalInt announcedMss(boolean ofClient) {
        return syn(ofClient).map(CapturedSegment::options).orElse(List.of()).stream()
                .filter(option -> option.kind() == OptionKind.MSS && option.value() > 0).mapToInt(TraceOption::value).findFirst();
    }

    /** The window the endpoint's SYN (or SYN,ACK) offered, never scaled (RFC 7323 §2.2); empty without its SYN. */
    public OptionalInt synWindow(boolean ofClient) {
        return syn(ofClient).map(syn -> OptionalInt.of(syn.window())).orElse(OptionalInt.empty());
    }

    /** The endpoint's SYN (or SYN,ACK), the first of its own it sent. */
    Optional<CapturedSegment> syn(boolean ofClient) {
        return ownSyns(ofClient).findFirst();
    }

    /**
     * The initial sequence numbers of the endpoint's own SYNs (or SYN,ACKs), each once, in the order sent: a listener
     * whose request was reset answers the next SYN with a new request and a new ISN (old-duplicate-syn).
     */
    public List<Integer> isns(boolean ofClient) {
        return ownSyns(ofClient).map(CapturedSegment::seq).distinct().toList();
    }

    private Stream<CapturedSegment> ownSyns(boolean ofClient) {
        Optional<CapturedSegment> old = ofClient ? oldDuplicateSyn() : Optional.empty();
        return segments.stream().filter(s -> sentBy(s, ofClient) && Flags.has(s.flags(), Flags.SYN)
                && (old.isEmpty() || s != old.get()));
    }

    /**
     * Whether the segment is the endpoint's own: its client's or its server's, for a socket connected to itself both
     * ({@link #selfConnected}).
     */
    private boolean sentBy(CapturedSegment segment, boolean ofClient) {
        return selfConnected() || fromClient(segment) == ofClient;
    }

    /** The window-scale shift the endpoint's SYN (or SYN,ACK) offered; empty without the option or that SYN. */
    public OptionalInt offeredWindowScale(boolean ofClient) {
        return syn(ofClient).map(CapturedConnection::windowScale).orElse(OptionalInt.empty());
    }

    private static OptionalInt windowScale(CapturedSegment segment) {
        return segment.options().stream().filter(option -> option.kind() == OptionKind.WINDOW_SCALE)
                .mapToInt(TraceOption::value).findFirst();
    }

    public static String socket(String address, int port) {
        return address.contains(":") ? "[" + address + "]:" + port : address + ":" + port;
    }

    /** Whether both ends have one address: one host talking to itself over loopback. */
    public boolean oneHost() {
        return client.substring(0, client.lastIndexOf(':')).equals(server.substring(0, server.lastIndexOf(':')));
    }

    /**
     * Whether client and server are one socket, connected to itself: its SYN came back to it as a SYN from its peer, a
     * simultaneous open of one socket (Linux tcp_rcv_synsent_state_process: "it can be connect to self";
     * docs/linux-captures.md §106). Every segment it sends is also the one it receives.
     */
    public boolean selfConnected() {
        return client.equals(server);
    }

    public boolean fromClient(CapturedSegment segment) {
        return socket(segment.srcAddress(), segment.srcPort()).equals(client);
    }
}
