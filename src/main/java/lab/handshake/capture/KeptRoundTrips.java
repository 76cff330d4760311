package lab.handshake.capture;

import java.util.List;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Host;
import lab.handshake.engine.KeptCongestion;
import lab.handshake.engine.Profile;

/**
 * The round trips (srtt_us × 8) the two ends of a captured connection keep for each other in their TCP metrics
 * (Linux net/ipv4/tcp_metrics.c) from the capture's earlier connections between the same two addresses:
 * tcp_update_metrics keeps a connection's smoothed round trip when it ends in TIME-WAIT or LAST-ACK, and
 * tcp_init_metrics starts the next connection's RTO from it when the handshake measured less (docs/linux-captures.md
 * §136), and with them the ssthresh and degree of reordering each end keeps ({@link KeptCongestion}, §142; the replay's
 * hosts run net.ipv4.tcp_no_ssthresh_metrics_save's default, so only the reordering degree is kept). Each earlier
 * connection that closed with both FINs before the chosen one began is replayed, in order, from what the ones before
 * it left.
 */
public record KeptRoundTrips(long client, long server, KeptCongestion clientCongestion, KeptCongestion serverCongestion) {
    public static final KeptRoundTrips NONE = new KeptRoundTrips(0, 0);

    public KeptRoundTrips(long client, long server) {
        this(client, server, KeptCongestion.NONE, KeptCongestion.NONE);
    }

    /** What the connections before {@code chosen} left its ends. */
    public static KeptRoundTrips before(List<CapturedConnection> connections, int chosen, Profile profile) {
        if (!profile.keepsRoundTripPerDestination()) {
            return NONE;
        }
        CapturedConnection later = connections.get(chosen);
        long begins = later.segments().get(0).timeMicros();
        KeptRoundTrips kept = NONE;
        for (CapturedConnection earlier : connections.subList(0, chosen)) {
            if (sameAddresses(earlier, later) && closedBefore(earlier, begins)) {
                kept = CaptureReplay.roundTripsLeft(earlier, profile, kept);
            }
        }
        return kept;
    }

    static KeptRoundTrips left(Host client, Host server) {
        return new KeptRoundTrips(client.cachedRoundTripUs8(server.address()), server.cachedRoundTripUs8(client.address()),
                client.keptCongestion(server.address()), server.keptCongestion(client.address()));
    }

    void seed(Host client, Host server) {
        if (client != server && !equals(NONE)) {
            client.cacheRoundTrip(server.address(), this.client);
            server.cacheRoundTrip(client.address(), this.server);
            client.keepCongestion(server.address(), clientCongestion);
            server.keepCongestion(client.address(), serverCongestion);
        }
    }

    private static boolean sameAddresses(CapturedConnection one, CapturedConnection other) {
        CapturedSegment a = one.segments().get(0);
        CapturedSegment b = other.segments().get(0);
        String oneClient = one.fromClient(a) ? a.srcAddress() : a.dstAddress();
        String oneServer = one.fromClient(a) ? a.dstAddress() : a.srcAddress();
        String otherClient = other.fromClient(b) ? b.srcAddress() : b.dstAddress();
        String otherServer = other.fromClient(b) ? b.dstAddress() : b.srcAddress();
        return oneClient.equals(otherClient) && oneServer.equals(otherServer);
    }

    /** Both ends sent a FIN and the last segment came before {@code begins}: ended in TIME-WAIT and LAST-ACK, or near. */
    private static boolean closedBefore(CapturedConnection connection, long begins) {
        List<CapturedSegment> segments = connection.segments();
        boolean clientFin = segments.stream().anyMatch(s -> connection.fromClient(s) && (s.flags() & Flags.FIN) != 0);
        boolean serverFin = segments.stream().anyMatch(s -> !connection.fromClient(s) && (s.flags() & Flags.FIN) != 0);
        return clientFin && serverFin && segments.get(segments.size() - 1).timeMicros() < begins;
    }
}
