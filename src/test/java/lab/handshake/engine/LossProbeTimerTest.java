package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * When a tail loss probe fires (RFC 8985 §7.2; Linux tcp_schedule_loss_probe → tcp_reset_xmit_timer, and the timer
 * wheel's calc_index() in kernel/time/timer.c, which files a timer due within 63 ticks one tick later). The engine's
 * ticks are 4 ms (HZ=250) counted from its clock's 0 (docs/linux-captures.md §57).
 */
class LossProbeTimerTest {

    @Test
    void aProbeDueInOneTick_firesOnTheTickAfterThat_linuxCalcIndex() {
        // Armed at 20 ms, in the tick that began at 20: expires at tick 5 + 1 = 6, filed at 7, fires at 28 ms: 8 ms on.
        assertEquals(8, Profile.LINUX.lossProbeTimerMs(20, 4));
        // Armed at 22 ms, the same tick: the same 28 ms, 6 ms on. Anywhere in a tick, one to two ticks.
        assertEquals(6, Profile.LINUX.lossProbeTimerMs(22, 4));
        assertEquals(5, Profile.LINUX.lossProbeTimerMs(23, 4));
    }

    @Test
    void aTimeoutIsRoundedUpToWholeTicks_usecsToJiffies() {
        // 2 × srtt 100 + 2 = 202 ms: 51 ticks (204 ms); armed at 101 (tick 25 began at 100): fires at (25 + 52) × 4 = 308.
        assertEquals(207, Profile.LINUX.lossProbeTimerMs(101, 202));
    }

    @Test
    void aTimeoutOf63TicksOrMore_isLeftAsItIs_coarserWheelLevelsNotModelled() {
        // 2 × srtt 100 + TCP_RTO_MIN 200 = 400 ms: 100 ticks, level 1 (8-tick granularity whose phase is unknown).
        assertEquals(400, Profile.LINUX.lossProbeTimerMs(101, 400));
        // 63 ticks (252 ms) is level 1's first; 62 ticks (248 ms) still level 0: one tick more, 252.
        assertEquals(252, Profile.LINUX.lossProbeTimerMs(0, 252));
        assertEquals(252, Profile.LINUX.lossProbeTimerMs(0, 248));
    }

    @Test
    void theRfcsTimer_isTheDelay_rfc8985Section7_2() {
        assertEquals(4, Profile.RFC9293.lossProbeTimerMs(22, 4));
    }
}
