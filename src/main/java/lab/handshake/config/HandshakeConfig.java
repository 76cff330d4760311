package lab.handshake.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import io.quarkus.runtime.configuration.MemorySize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Every setting of the platform's own ({@code handshake.*}, or HANDSHAKE_* environment variables), in one
 * typed place; the README's configuration table lists them. Features take this and read their group.
 */
@ConfigMapping(prefix = "handshake")
public interface HandshakeConfig {

    /** Lessons, scenarios and quiz banks (the built-in curriculum, or one mounted in its place). */
    @WithDefault("content")
    Path contentDir();

    /** Where the embedded H2 database file lives; read by {@code quarkus.datasource.jdbc.url}. */
    @WithDefault("./data")
    Path dataDir();

    /**
     * The campus's time zone (an IANA name such as {@code Asia/Shanghai}): dates are entered and shown in it
     * ({@link CampusTime}); the API and the database keep instants.
     */
    @WithDefault("UTC")
    @WithConverter(TimeZoneSetting.class)
    java.time.ZoneId timeZone();

    /** The first administrator, created on the first start when no teacher account exists. */
    Admin admin();

    /** How teachers' logins are throttled and how long a login lasts. */
    Login login();

    /** Limits and lifetime of interactive sandbox sessions. */
    Sessions sessions();

    /** Every bound on load that one client, or all clients together, may put on an instance. */
    Limits limits();

    /** The key of the forms' tokens. */
    Csrf csrf();

    /** How served traces are kept. */
    Traces traces();

    /** LTI Advantage: sending scores to an LMS, fetching its rosters, letting it register itself. */
    Lti lti();

    /** The key that encrypts secrets kept in the database (the LTI tool's private signing keys). */
    Secrets secrets();

    interface Admin {
        Optional<String> username();

        Optional<String> password();
    }

    interface Login {
        /** Failed logins to one account before each further try must wait. */
        @WithDefault("5")
        @Min(1)
        int accountFailuresBeforeWait();

        /** Failed logins from one client address, over all accounts, before each further try must wait. */
        @WithDefault("20")
        @Min(1)
        int clientFailuresBeforeWait();

        /** The first wait; it doubles with every further failure. */
        @WithDefault("PT30S")
        Duration firstWait();

        /** The longest wait, so that nobody is ever locked out for good. */
        @WithDefault("PT15M")
        Duration longestWait();

        /** Failures older than this are forgotten. */
        @WithDefault("PT1H")
        Duration forgetFailuresAfter();

        /** A login nobody has used for this long ends. */
        @WithDefault("PT8H")
        Duration sessionIdleTimeout();
    }

    interface Sessions {
        /** A session nobody has used for this long is deleted. */
        @WithDefault("P7D")
        Duration idleExpiry();

        /** The most moves one session may have. */
        @WithDefault("300")
        int maxMoves();
    }

    interface Limits {
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

        /** Join codes that name no class one client may try per hour (counted in the database, so across replicas). */
        @WithDefault("60")
        int wrongJoinCodesPerHour();

        /** LTI Dynamic Registrations ({@code /lti/register}) one client may try per hour (per replica). */
        @WithDefault("20")
        int ltiRegistrationsPerHour();

        /** Recovery codes one client may make per hour (counted in the database, so across replicas). */
        @WithDefault("20")
        int recoveryCodesPerHour();

        /** Recovery codes that name no learner one client may try per hour (per replica). */
        @WithDefault("20")
        int wrongRecoveryCodesPerHour();

        /**
         * The largest request body other than an uploaded capture: JSON documents, a teacher's text (at most 60,000
         * characters as UTF-8), forms, content archives. Captures may be as large as quarkus.http.limits.max-body-size.
         */
        @WithDefault("256K")
        MemorySize bodySize();

        /** Request bodies above {@link #bodySize()} (uploaded captures) received at once; another is answered 503. */
        @WithDefault("4")
        int largeBodiesAtOnce();

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

    interface Traces {
        /** Bytes the catalogue traces' JSON and its compressed forms may take in memory, all together. */
        MemorySize cacheBytes();
    }

    interface Csrf {
        /**
         * The HMAC key of form tokens (at least 32 characters), the same on every replica; without it each start
         * draws one, and forms opened before a restart must be reloaded.
         */
        Optional<String> key();
    }

    interface Lti {
        /**
         * How long one call to an LMS (a token, a line item, a score, a roster page) may take before it counts as
         * unanswered. A score or line item a replica is sending is left to it for three times this before another
         * replica may take it over (a replica that died while sending).
         */
        @WithDefault("PT10S")
        Duration requestTimeout();

        /** How often the scores waiting for an LMS are looked at (and sent when due). */
        @WithDefault("10s")
        Duration scoreSendEvery();

        /** The wait after a score the LMS did not accept; it doubles with each try, up to {@link #scoreRetryMax()}. */
        @WithDefault("PT30S")
        Duration scoreRetryFirst();

        @WithDefault("PT1H")
        Duration scoreRetryMax();

        /**
         * Dynamic registration may fetch an LMS's configuration from plain http://localhost (a developer's or the
         * tests' LMS). Off in production: anyone may open /lti/register, and this machine's own services are no LMS.
         */
        @WithDefault("false")
        boolean registrationAllowsLocalhost();
    }

    interface Secrets {
        /**
         * Base64 of 32 random bytes, the same on every replica. Without it the key is the file {@code secrets.key}
         * in {@link HandshakeConfig#dataDir()}, made on the first start.
         */
        Optional<String> key();
    }
}
