package lab.handshake.delivery;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The site's own static files ({@code src/main/resources/META-INF/resources}: scripts, styles, the icon), read
 * once at start into memory and compressed there (gzip and brotli), and served from the event loop.
 * <p>
 * Pages name them through {@code {static:url('/js/simulator-page.js')}}, which gives
 * {@code /static/<version>/js/simulator-page.js}: the version is a hash of every file, so a deploy that changes
 * any of them changes every URL and browsers may keep each one for a year without asking again. The version
 * is a folder rather than part of each file name so that the ES modules' relative imports ({@code ./dom.js})
 * stay inside the same version without rewriting them or an import map (an inline script the
 * Content-Security-Policy forbids). The plain URLs ({@code /js/simulator.js}) still answer, kept only for
 * {@value #SHORT_MAX_AGE_SECONDS} s, and so does an old version's URL (a page opened before a deploy), with
 * today's file and the same short caching.
 */
@Startup
@ApplicationScoped
public class StaticFiles {
    static final String PREFIX = "/static/";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final int SHORT_MAX_AGE_SECONDS = 300;
    static final String SHORT = "public, max-age=" + SHORT_MAX_AGE_SECONDS;
    private static final String ROOT = "META-INF/resources";
    /** A file every build has, to find where the folder lies (a directory in tests, a jar when packaged). */
    private static final String ANCHOR = "favicon.svg";
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    /** By path from the site's root ("/js/dom.js"). */
    private final Map<String, EncodedBody> files;
    private final String version;

    public StaticFiles() {
        this.files = load();
        this.version = version(files);
    }

    /** The version every file's URL carries: a hash of them all. */
    public String version() {
        return version;
    }

    /** The versioned URL of one of the site's files; a name that is not one fails the page at once. */
    public String url(String path) {
        if (!files.containsKey(path)) {
            throw new IllegalArgumentException("no static file " + path + " under " + ROOT);
        }
        return PREFIX + version + path;
    }

    /** For templates, which may only call static methods: the bean's {@link #url}. */
    public static String urlOf(String path) {
        return Arc.container().instance(StaticFiles.class).get().url(path);
    }

    void install(@Observes Router router) {
        router.route(PREFIX + "*").order(RouteOrder.PUBLIC_BYTES).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::versioned);
        for (String path : files.keySet()) {
            router.route(path).order(RouteOrder.PUBLIC_BYTES).method(HttpMethod.GET).method(HttpMethod.HEAD)
                    .handler(context -> send(context, path, SHORT));
        }
    }

    private void versioned(RoutingContext context) {
        String rest = context.normalizedPath().substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String path = slash < 0 ? "" : rest.substring(slash);
        if (!files.containsKey(path)) {
            context.next(); // the site's 404
            return;
        }
        boolean current = rest.substring(0, slash).equals(version);
        send(context, path, current ? IMMUTABLE : SHORT);
    }

    private void send(RoutingContext context, String path, String cacheControl) {
        files.get(path).send(context.request(), context.response(), cacheControl, "Accept-Encoding");
    }

    private static Map<String, EncodedBody> load() {
        URL anchor = Thread.currentThread().getContextClassLoader().getResource(ROOT + "/" + ANCHOR);
        if (anchor == null) {
            throw new IllegalStateException("the site's static files are missing from the class path (" + ROOT + ")");
        }
        try {
            URI uri = anchor.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(jar.getPath("/" + ROOT));
                }
            }
            return read(Path.of(uri).getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, EncodedBody> read(Path root) throws IOException {
        Map<String, EncodedBody> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String path = "/" + root.relativize(file).toString().replace('\\', '/');
                String name = file.getFileName().toString();
                String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
                files.put(path, EncodedBody.of(Files.readAllBytes(file), type, EncodedBody.Effort.AT_START));
            }
        }
        return Map.copyOf(files);
    }

    private static String version(Map<String, EncodedBody> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(files).forEach((path, file) -> {
                digest.update(path.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(file.etag(ContentCoding.IDENTITY).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            });
            return HexFormat.of().formatHex(digest.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
