package lab.handshake.teacher;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * How teachers' logins are throttled and how long a login lasts ({@code handshake.login.*}, or
 * HANDSHAKE_LOGIN_* variables).
 */
@ConfigMapping(prefix = "handshake.login")
public interface LoginConfig {
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
