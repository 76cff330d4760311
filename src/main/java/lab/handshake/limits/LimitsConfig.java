package lab.handshake.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Every bound on load that one client, or all clients together, may put on an instance
 * ({@code handshake.limits.*}, or HANDSHAKE_LIMITS_* variables).
 */
@ConfigMapping(prefix = "handshake.limits")
public interface LimitsConfig {

    /** Simulations are CPU work: how many may run at once on this instance. */
    Simulations simulations();

    /** Sandbox sessions one client may start per hour (counted in the database, so across replicas). */
    @WithDefault("120")
    int sessionsPerHour();

    /** Quiz attempts one client may start per hour (counted in the database, so across replicas). */
    @WithDefault("300")
    int quizAttemptsPerHour();

    /** Trace requests one client may make per minute: POST /api/traces and catalogue traces not yet cached (per replica). */
    @WithDefault("60")
    int tracesPerMinute();

    /** Capture uploads one client may make per minute (per replica). */
    @WithDefault("20")
    int capturesPerMinute();

    /** Predictions (predict mode) one client may submit per hour (counted in the database, so across replicas). */
    @WithDefault("1000")
    int predictionsPerHour();

    interface Simulations {
        /** Simulations running at once; by default the number of processors. */
        OptionalInt concurrent();

        /** How long a request waits for a running simulation to finish before it is answered 503. */
        @WithDefault("PT0.2S")
        Duration maxWait();
    }
}
