package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * When a timer on Linux's timer wheel fires: the tail loss probe's (RFC 8985 §7.2; tcp_schedule_loss_probe) and the
 * persist timer's (tcp_send_probe0), both through tcp_reset_xmit_timer, and the wheel's calc_index() and
 * calc_wheel_index() in kernel/time/timer.c, which file a timer due within 63 ticks one tick later and one due within
 * 504 ticks at the next multiple of 8 jiffies. The engine's ticks are 4 ms (HZ=250) counted from its clock's 0, the
 * jiffies' count there given (docs/linux-captures.md §57, §73).
 */
class TimerWheelTest {

    @Test
    void aProbeDueInOneTick_firesOnTheTickAfterThat_linuxCalcIndex() {
        // Armed at 20 ms, in the tick that began at 20: expires at tick 5 + 1 = 6, filed at 7, fires at 28 ms: 8 ms on.
        assertEquals(8, Profile.LINUX.timerWheelMs(20, 0, 4));
        // Armed at 22 ms, the same tick: the same 28 ms, 6 ms on. Anywhere in a tick, one to two ticks.
        assertEquals(6, Profile.LINUX.timerWheelMs(22, 0, 4));
        assertEquals(5, Profile.LINUX.timerWheelMs(23, 0, 4));
    }

    @Test
    void aTimeoutIsRoundedUpToWholeTicks_usecsToJiffies() {
        // 2 × srtt 100 + 2 = 202 ms: 51 ticks (204 ms); armed at 101 (tick 25 began at 100): fires at (25 + 52) × 4 = 308.
        assertEquals(207, Profile.LINUX.timerWheelMs(101, 0, 202));
    }

    @Test
    void aLossProbesTimeout_doublesTheSrttInMicroseconds_beforeTheTicks_linuxTcpScheduleLossProbe() {
        // veth-tls-client (runs/everyday-s89): a veth handshake's sample under 1 ms, then the TSecr of an ACK of a
        // probe's copy 9 ms (tcp_rtt_tsopt_us): srtt_us 0 + 9,000 / 8 = 1,125. Two segments out (data, then the FIN):
        // 2 × 1,125 + TCP_TIMEOUT_MIN_US 2,000 = 4,250 µs, two ticks; the kernel's probe had not fired 8.6 ms after the
        // FIN when the server's answer came. Doubling a whole 1 ms instead gave 4 ms: one tick.
        RoundTripEstimator estimator = new RoundTripEstimator(Profile.LINUX, Profile.LINUX.defaults());
        estimator.sample(0, 0, 1, 1);
        estimator.sample(9, 9, 1, 1);
        assertEquals(1_125, estimator.srttUs());
        assertEquals(8, Profile.LINUX.probeTimeoutMs(estimator.srttUs(), 2, Profile.LINUX.defaults()));
        // One segment out: TCP_RTO_MIN (200 ms) instead, 202,250 µs: 51 ticks.
        assertEquals(204, Profile.LINUX.probeTimeoutMs(estimator.srttUs(), 1, Profile.LINUX.defaults()));
    }

    @Test
    void aTimeoutOf63TicksOrMore_firesOnTheNextMultipleOf8Jiffies_linuxCalcWheelIndexLevel1() {
        // 2 × srtt 100 + TCP_RTO_MIN 200 = 400 ms: 100 ticks, level 1. Armed at 101 (tick 25): due at 125, filed at 128.
        assertEquals(411, Profile.LINUX.timerWheelMs(101, 0, 400));
        // The same with the jiffies 3 ahead of the clock's ticks: due at jiffy 128, a multiple of 8, filed at 136.
        assertEquals(431, Profile.LINUX.timerWheelMs(101, 3, 400));
        // 63 ticks (252 ms) is level 1's first: due at 63, filed at 64; 62 ticks (248 ms) still level 0: one tick more.
        assertEquals(256, Profile.LINUX.timerWheelMs(0, 0, 252));
        assertEquals(252, Profile.LINUX.timerWheelMs(0, 0, 248));
    }

    @Test
    void aTimeoutOf504TicksOrMore_firesOnTheNextMultipleOf64Jiffies_linuxCalcWheelIndexLevel2() {
        // 2100 ms: 525 ticks, level 2 (LVL_START(2) = 504): due at 525, filed at 576 = 9 × 64.
        assertEquals(2304, Profile.LINUX.timerWheelMs(0, 0, 2100));
        // 2000 ms: 500 ticks, still level 1: due at 500, filed at 504.
        assertEquals(2016, Profile.LINUX.timerWheelMs(0, 0, 2000));
    }

    /**
     * The persist timer backed off once over loopback and veth (RTO 51 ticks, tcp_probe0_when: 102 ticks, 408 ms):
     * the kernel's next probe came 419.9 ms (lo-slow-reader-1) and 424.0 ms (veth-slow-reader-client-1) after the one
     * before, from where the jiffies stood in the cycle of eight: 7 and 6.
     */
    @Test
    void aPersistTimerOf102Ticks_firesWhereTheCycleOfEightEnds_slowReaderCaptures() {
        assertEquals(420, Profile.LINUX.timerWheelMs(0, 7, 408));
        assertEquals(424, Profile.LINUX.timerWheelMs(0, 6, 408));
        assertEquals(412, Profile.LINUX.timerWheelMs(0, 1, 408));
    }

    @Test
    void theRfcsTimer_isTheDelay_rfc8985Section7_2() {
        assertEquals(4, Profile.RFC9293.timerWheelMs(22, 0, 4));
        assertEquals(408, Profile.RFC9293.timerWheelMs(22, 7, 408));
    }
}
