package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lab.handshake.engine.spec.Limits;
import org.junit.jupiter.api.Test;

/**
 * What a host keeps of a connection for the next one to the same address (Linux net/ipv4/tcp_metrics.c, 6.18;
 * docs/linux-captures.md §136): tcp_update_metrics's rules for the cached round trip, and tcp_no_metrics_save.
 */
class TcpMetricsTest {
    private static final SocketAddress PEER = new SocketAddress("10.0.0.2", 7000);
    private static final long MS8 = 8_000;

    @Test
    void aLongerRoundTripReplacesTheKeptOne_aShorterTakesItAnEighthOfTheWay_linuxTcpUpdateMetrics() {
        Host host = host(Profile.LINUX.defaults());
        host.roundTripEnded(PEER, 200 * MS8);
        assertEquals(200 * MS8, host.cachedRoundTripUs8(PEER));
        // metrics-s136/rtt: 200.7 ms kept, then a connection of 20 ms: 200.7 − 180.7 / 8 = 178.1 ms (`ip tcp_metrics`).
        host.roundTripEnded(PEER, 20 * MS8);
        assertEquals(177_500 * 8, host.cachedRoundTripUs8(PEER));
        host.roundTripEnded(PEER, 300 * MS8);
        assertEquals(300 * MS8, host.cachedRoundTripUs8(PEER), "rtt overestimation is always better than underestimation");
        // Keyed by the address alone: another port of the peer finds it.
        assertEquals(300 * MS8, host.cachedRoundTripUs8(new SocketAddress("10.0.0.2", 80)));
    }

    @Test
    void aConnectionWithoutARoundTrip_resetsWhatIsKept_linuxTcpUpdateMetrics() {
        Host host = host(Profile.LINUX.defaults());
        host.roundTripEnded(PEER, 0);
        assertEquals(0, host.cachedRoundTripUs8(PEER));
        host.roundTripEnded(PEER, 200 * MS8);
        host.roundTripEnded(PEER, 0);
        assertEquals(0, host.cachedRoundTripUs8(PEER), "\"This session failed to estimate rtt... Reset our results\"");
    }

    @Test
    void tcpNoMetricsSave_keepsNothing() {
        Host host = host(Profile.LINUX.defaults().toBuilder().noMetricsSave(true).build());
        host.roundTripEnded(PEER, 200 * MS8);
        assertEquals(0, host.cachedRoundTripUs8(PEER));
    }

    @Test
    void theRtoFromACachedRoundTrip_isCrttPlusTwiceItOrTcpRtoMin_inTicks_linuxTcpInitMetrics() {
        RoundTripEstimator estimator = new RoundTripEstimator(Profile.LINUX, Profile.LINUX.defaults());
        // 200.7 ms: 50 ticks + max(100, 50) = 150 ticks = 600 ms; 50 ms: 12 ticks + max(24, 50) = 62 ticks = 248 ms.
        assertEquals(600, estimator.rtoFromCached(200_669 * 8));
        assertEquals(248, estimator.rtoFromCached(50_000 * 8));
    }

    private static Host host(TcpParams params) {
        Network network = new Network(Profile.LINUX, params, 1, new TraceLog(Limits.API.maxSegments(), Limits.API.maxSteps()), 100_000);
        return network.addHost("client", new SocketAddress("10.0.0.1", 40_000), now -> 1_000);
    }
}
