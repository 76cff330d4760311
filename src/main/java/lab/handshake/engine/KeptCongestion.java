package lab.handshake.engine;

/**
 * What a host's TCP metrics keep for a peer's address besides the round trip (Linux net/ipv4/tcp_metrics.c's
 * TCP_METRIC_SSTHRESH and TCP_METRIC_REORDERING), in segments, 0 for none; tcp_init_metrics starts the next connection
 * to that address from them (docs/linux-captures.md §142).
 */
public record KeptCongestion(int ssthresh, int reordering) {
    public static final KeptCongestion NONE = new KeptCongestion(0, 0);

    /**
     * Linux tcp_update_metrics for a connection that measured a round trip and was not backed off, ending with window
     * {@code cwnd} and {@code ssthresh} (segments, Integer.MAX_VALUE while its initial slow start lasts), {@code open}
     * when not in recovery (TCP_CA_Open), and reordering degree {@code reordering} (tp->reordering). In the initial slow
     * start a kept ssthresh only rises to half the window; in congestion avoidance and TCP_CA_Open the ssthresh becomes
     * max(cwnd / 2, ssthresh); else (slow start after a loss, or recovery) a kept ssthresh only rises to ssthresh, and
     * the degree of reordering is kept when it is larger and not net.ipv4.tcp_reordering (3). The ssthresh only when
     * {@code savesSsthresh} (net.ipv4.tcp_no_ssthresh_metrics_save 0).
     */
    KeptCongestion after(int cwnd, int ssthresh, boolean open, int reordering, boolean savesSsthresh) {
        int keptSsthresh = this.ssthresh;
        int keptReordering = this.reordering;
        if (ssthresh == Integer.MAX_VALUE) {
            if (savesSsthresh && keptSsthresh > 0 && cwnd >> 1 > keptSsthresh) {
                keptSsthresh = cwnd >> 1;
            }
        } else if (cwnd >= ssthresh && open) {
            if (savesSsthresh) {
                keptSsthresh = Math.max(cwnd >> 1, ssthresh);
            }
        } else {
            if (savesSsthresh && keptSsthresh > 0 && ssthresh > keptSsthresh) {
                keptSsthresh = ssthresh;
            }
            if (keptReordering < reordering && reordering != Profile.DUPLICATE_ACK_THRESHOLD) {
                keptReordering = reordering;
            }
        }
        return new KeptCongestion(keptSsthresh, keptReordering);
    }
}
