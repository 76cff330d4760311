package lab.handshake.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits and lifetime of interactive sessions ({@code handshake.sessions.*}, or HANDSHAKE_SESSIONS_* variables). */
@ConfigMapping(prefix = "handshake.sessions")
public interface SessionConfig {
    /** A session nobody has used for this long is deleted. */
    @WithDefault("P7D")
    Duration idleExpiry();

    /** The most moves one session may have. */
    @WithDefault("300")
    int maxMoves();
}
