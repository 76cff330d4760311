package lab.handshake.engine;

/**
 * Linux's send buffer (sk_sndbuf): how much of what the application writes TCP takes before the write call waits
 * for room ({@link Profile#limitsWritesBySendBuffer}). What it holds is counted as the bytes written and not yet
 * acknowledged (write_seq - snd_una); the kernel counts each skb's truesize (sk_wmem_queued), a few hundred bytes more
 * per skb, which this model leaves out.
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

    private final CongestionControl control;
    private int size = TCP_WMEM_DEFAULT;

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
