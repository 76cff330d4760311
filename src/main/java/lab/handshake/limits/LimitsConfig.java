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

    /** Join codes no class has that one client may try per hour (per replica): guessing codes stays hopeless. */
    @WithDefault("60")
    int wrongJoinCodesPerHour();

    /**
     * How long a client may take to send a request's body once its headers have come; a slower one is answered 408
     * and disconnected (the idle timeout alone lets a client that sends a byte every few seconds stay forever).
     */
    @WithDefault("PT30S")
    Duration requestBodyTime();

    interface Simulations {
        /** Simulations running at once; by default the number of processors. */
        OptionalInt concurrent();

        /** How long a request waits for a running simulation to finish before it is answered 503. */
        @WithDefault("PT0.2S")
        Duration maxWait();
    }
}
