package lab.handshake.engine;

import java.util.LinkedList;
import java.util.ListIterator;

/**
 * Linux's send buffer (sk_sndbuf): how much of what the application writes TCP takes before the write call waits
 * for room ({@link Profile#limitsWritesBySendBuffer}). What it holds is counted as the kernel counts sk_wmem_queued:
 * the bytes written and not yet acknowledged (write_seq - snd_una) plus each skb's own truesize ({@link #SKB_OVERHEAD}),
 * so the skbs holding them are followed: one per chunk a write starts, one per packet sent.
 */
final class SendBuffer {

    /** net.ipv4.tcp_wmem[1], the buffer a socket starts with before tcp_init_buffer_space. */
    static final int TCP_WMEM_DEFAULT = 16_384;
    /** net.ipv4.tcp_wmem[2], the most tcp_sndbuf_expand grows it to. */
    static final int TCP_WMEM_MAX = 4_194_304;
    /** MAX_TCP_HEADER on this kernel build (the 2304 bytes a segment of MSS 1460 is charged, below, say 256). */
    private static final int MAX_TCP_HEADER = 256;
    /** SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) and SKB_DATA_ALIGN(sizeof(struct sk_buff)) on x86-64. */
    private static final int SHARED_INFO = 320;
    private static final int SK_BUFF = 256;
    /** The largest skb a write fills (sk_gso_max_size, GSO_LEGACY_MAX_SIZE less MAX_TCP_HEADER + 1: sk_setup_caps). */
    private static final int GSO_MAX_SIZE = 65_536 - (MAX_TCP_HEADER + 1);
    /** TCP_INIT_CWND: tcp_sndbuf_expand counts at least this many segments (tp->reordering + 1, 4, is fewer). */
    private static final int INIT_CWND_SEGMENTS = 10;

    /**
     * What an skb costs besides its data: tcp_stream_alloc_skb sets truesize to SKB_TRUESIZE(skb_end_offset) of an
     * alloc_skb_fclone(MAX_TCP_HEADER) head, and a write's data (page fragments) adds only its bytes. 832 on the capture
     * host: ss -m shows w833 for one skb of one byte, and relay-rmem-wmem-server's write stopped after ten skbs holding
     * 27,696 bytes against sk_sndbuf 32,768 (27,696 + 10 x h >= 32,768 > 24,800 + 9 x h: 508 <= h <= 885).
     */
    static final int SKB_OVERHEAD = 832;

    private final CongestionControl control;
    private int size = TCP_WMEM_DEFAULT;
    /** Where each skb holding written, unacknowledged data ends, in sequence order (write queue and rtx queue). */
    private final LinkedList<Integer> skbEnds = new LinkedList<>();

    SendBuffer(CongestionControl control) {
        this.control = control;
    }

    /** sk_sndbuf. */
    int size() {
        return size;
    }

    /**
     * tcp_sndbuf_expand: room for {@code cwndSegments} (at least ten) worst-case segments, twice over (three times under
     * BBR, bbr_sndbuf_expand), each charged as an skb whose head is a power of two (per_mss); never shrinks, at most
     * tcp_wmem[2]. Called at ESTABLISHED (tcp_init_buffer_space) and when an ACK finds a writer waiting while the
     * congestion window is not full (tcp_new_space, tcp_should_expand_sndbuf).
     */
    void expand(int mssClamp, int cwndSegments) {
        int perMss = Integer.highestOneBit(mssClamp + MAX_TCP_HEADER + SHARED_INFO - 1) * 2 + SK_BUFF;
        int factor = control == CongestionControl.BBR ? 3 : 2;
        long wanted = (long) factor * Math.max(INIT_CWND_SEGMENTS, cwndSegments) * perMss;
        size = (int) Math.max(size, Math.min(wanted, TCP_WMEM_MAX));
    }

    /**
     * tcp_xmit_size_goal: a write fills skbs of this many bytes, whole segments up to the GSO size or half the largest
     * window the peer offered ({@code halfWindow}, tcp_bound_to_half_wnd), at least one segment.
     */
    static int sizeGoal(int mss, int halfWindow) {
        int goal = Math.min(GSO_MAX_SIZE, halfWindow);
        return Math.max(goal / mss * mss, mss);
    }

    /**
     * tcp_sendmsg_locked: a write's bytes up to {@code end}, in a new skb (tcp_stream_alloc_skb, tcp_skb_entail) or
     * appended to the unsent tail skb.
     */
    void written(int end, boolean newSkb) {
        if (!newSkb && !skbEnds.isEmpty()) {
            skbEnds.pollLast();
        }
        skbEnds.addLast(end);
    }

    /**
     * tcp_write_xmit sent new data from {@code start} to {@code end} as one packet, which is one skb after: the skb at
     * the head took what the packet needs from the next (tcp_grow_skb, which frees a next skb it empties), and was cut at
     * the packet's end (tso_fragment, a new skb for the rest).
     */
    void sent(int start, int end) {
        for (ListIterator<Integer> it = skbEnds.listIterator(); it.hasNext(); ) {
            int skbEnd = it.next();
            if (Seq.le(skbEnd, start)) {
                continue;
            }
            if (Seq.lt(skbEnd, end)) {
                it.remove();
                continue;
            }
            if (skbEnd != end) {
                it.previous();
                it.add(end);
            }
            return;
        }
    }

    /**
     * What sk_wmem_queued holds besides the written, unacknowledged bytes: the truesize of each skb still holding some of
     * them. Skbs all acknowledged by {@code una} are freed (tcp_clean_rtx_queue, tcp_wmem_free_skb); one acknowledged in
     * part is trimmed (tcp_trim_head) and keeps its overhead.
     */
    long skbOverhead(int una) {
        while (!skbEnds.isEmpty() && Seq.le(skbEnds.peekFirst(), una)) {
            skbEnds.pollFirst();
        }
        return (long) skbEnds.size() * SKB_OVERHEAD;
    }

    /** sk_stream_memory_free: a write may start a new skb while what is queued is below the buffer. */
    boolean hasRoom(long queued) {
        return queued < size;
    }

    /**
     * sk_stream_write_space's wake-up (__sk_stream_is_writeable): the free room, sk_stream_wspace, is at least half of
     * what is queued, sk_stream_min_wspace; so a writer sleeps until a third of the buffer is free.
     */
    boolean wakesWriter(long queued) {
        return size - queued >= queued >> 1;
    }
}
