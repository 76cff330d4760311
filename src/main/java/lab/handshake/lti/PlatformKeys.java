package lab.handshake.lti;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each platform's public keys, fetched from its JWKS URL by nimbus-jose-jwt: cached (five minutes), and fetched
 * again at once when a token names a key the cache lacks (at most once per half minute, so a stream of made-up
 * key ids cannot make us hammer the platform). Fetches are bounded in time and size.
 */
@ApplicationScoped
public class PlatformKeys {
    static final int CONNECT_TIMEOUT_MS = 3000;
    static final int READ_TIMEOUT_MS = 3000;
    static final int MAX_JWKS_BYTES = 256 * 1024;
    static final long CACHE_MS = 5 * 60_000;
    static final long REFRESH_TIMEOUT_MS = 10_000;

    private final Map<Long, Cached> sources = new ConcurrentHashMap<>();

    private record Cached(String jwksUrl, JWKSource<SecurityContext> source) {
    }

    /** The key source of this platform, built anew when its JWKS URL changed. */
    JWKSource<SecurityContext> of(LtiPlatform platform) {
        return sources.compute(platform.id, (id, cached) -> cached != null && cached.jwksUrl().equals(platform.jwksUrl)
                ? cached : new Cached(platform.jwksUrl, build(platform.jwksUrl))).source();
    }

    void forget(long platformId) {
        sources.remove(platformId);
    }

    private static JWKSource<SecurityContext> build(String jwksUrl) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(URI.create(jwksUrl).toURL(),
                            new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, MAX_JWKS_BYTES))
                    .cache(CACHE_MS, REFRESH_TIMEOUT_MS)
                    .refreshAheadCache(false)
                    .rateLimited(true)
                    .retrying(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("registered JWKS URL is not a URL", e);
        }
    }
}
