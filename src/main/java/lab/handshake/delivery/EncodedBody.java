package lab.handshake.delivery;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.zip.GZIPOutputStream;
import org.jboss.logging.Logger;

/**
 * One answer's bytes, compressed once in every coding worth sending, with a strong ETag per coding (RFC 9110
 * §8.8.3: each coding is its own representation). The tag is a hash of the uncompressed bytes, so it changes
 * exactly when the content does, whatever changed it (parameters, content, engine or site version).
 * <p>
 * Brotli comes from brotli4j's native library; on a platform it has no build for, answers are gzip only.
 */
public final class EncodedBody {
    private static final Logger LOG = Logger.getLogger(EncodedBody.class);
    /** Per entry, beyond its bytes: the map, the arrays' headers, the tag. */
    private static final int OVERHEAD_BYTES = 256;
    private static final boolean BROTLI = brotliAvailable();

    /** How hard to compress: hardest for what is made once at start, faster for what a request waits for. */
    public enum Effort {
        AT_START(9, 11),
        ON_DEMAND(6, 5);

        private final int gzipLevel;
        private final int brotliQuality;

        Effort(int gzipLevel, int brotliQuality) {
            this.gzipLevel = gzipLevel;
            this.brotliQuality = brotliQuality;
        }
    }

    private final String contentType;
    private final String tag;
    /**
     * Each coding's bytes outside the heap, made once: Vert.x writes a slice of such a buffer as it is, where a
     * byte array would be copied into a new buffer and then into the socket's direct buffer on every answer (a
     * flood's trace is 62 KB of gzip). The memory is freed when the body is no longer referenced.
     */
    private final Map<ContentCoding, Buffer> bodies;

    private EncodedBody(String contentType, String tag, Map<ContentCoding, byte[]> bytes) {
        this.contentType = contentType;
        this.tag = tag;
        this.bodies = new EnumMap<>(ContentCoding.class);
        bytes.forEach((coding, body) -> bodies.put(coding, outsideTheHeap(body)));
    }

    private static Buffer outsideTheHeap(byte[] bytes) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return Buffer.buffer(Unpooled.wrappedBuffer(direct));
    }

    /** The bytes, and each compressed form that is smaller than they are. */
    public static EncodedBody of(byte[] identity, String contentType, Effort effort) {
        Map<ContentCoding, byte[]> bodies = new EnumMap<>(ContentCoding.class);
        bodies.put(ContentCoding.IDENTITY, identity);
        keepIfSmaller(bodies, ContentCoding.GZIP, gzip(identity, effort.gzipLevel));
        if (BROTLI) {
            keepIfSmaller(bodies, ContentCoding.BROTLI, brotli(identity, effort.brotliQuality));
        }
        return new EncodedBody(contentType, hash(identity), bodies);
    }

    public String contentType() {
        return contentType;
    }

    /** The best coding this body has that the client accepts. */
    public ContentCoding choose(String acceptEncoding) {
        return ContentCoding.choose(acceptEncoding, bodies.keySet());
    }

    /**
     * The coding to send this body in to {@code request}, and its {@code Content-Encoding} (also "identity", so
     * that the server's own compression leaves the bytes as they are).
     */
    public ContentCoding choose(HttpServerRequest request, BiConsumer<String, String> header) {
        ContentCoding coding = choose(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        header.accept(HttpHeaders.CONTENT_ENCODING.toString(), coding.token());
        return coding;
    }

    /**
     * What to answer {@code request} with: puts the ETag (and, for a 200, the Content-Encoding) through
     * {@code header} and gives the coding whose bytes to send, or null when the client already has this content
     * (the answer is 304 with no body).
     */
    public ContentCoding answer(HttpServerRequest request, BiConsumer<String, String> header) {
        boolean notModified = notModified(request.getHeader(HttpHeaders.IF_NONE_MATCH));
        ContentCoding coding = notModified ? choose(request.getHeader(HttpHeaders.ACCEPT_ENCODING)) : choose(request, header);
        header.accept(HttpHeaders.ETAG.toString(), etag(coding));
        return notModified ? null : coding;
    }

    /** This body sent on Vert.x's response, 200 in the best coding or 304, with the caching headers given. */
    public void send(HttpServerRequest request, HttpServerResponse response, String cacheControl, String vary) {
        response.putHeader(HttpHeaders.CACHE_CONTROL, cacheControl).putHeader(HttpHeaders.VARY, vary);
        ContentCoding coding = answer(request, response::putHeader);
        if (coding == null) {
            response.setStatusCode(304).end();
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body(coding));
        }
    }

    /** This body as a Quarkus REST answer: 200 in the best coding or 304, with the caching headers given. */
    public Response response(HttpServerRequest request, String cacheControl, String vary) {
        Response.ResponseBuilder answer = Response.ok();
        ContentCoding coding = answer(request, answer::header);
        if (coding == null) {
            answer.status(Response.Status.NOT_MODIFIED);
        } else {
            answer.entity(body(coding)).type(contentType);
        }
        return answer.header(HttpHeaders.CACHE_CONTROL.toString(), cacheControl).header(HttpHeaders.VARY.toString(), vary).build();
    }

    public Buffer body(ContentCoding coding) {
        return bodies.get(coding);
    }

    public String etag(ContentCoding coding) {
        return "\"" + tag + (coding == ContentCoding.IDENTITY ? "" : "-" + coding.token()) + "\"";
    }

    /**
     * Whether {@code If-None-Match} names this content in any of its codings (a cache that stored the gzip form
     * may revalidate without gzip), or is {@code *}: then the answer is 304.
     */
    public boolean notModified(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String value = candidate.strip();
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.equals("*")) {
                return true;
            }
            for (ContentCoding coding : bodies.keySet()) {
                if (value.equals(etag(coding))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The memory this body holds, for caches bounded by bytes. */
    public int weight() {
        int weight = OVERHEAD_BYTES;
        for (Buffer body : bodies.values()) {
            weight += body.length();
        }
        return weight;
    }

    private static void keepIfSmaller(Map<ContentCoding, byte[]> bodies, ContentCoding coding, byte[] compressed) {
        if (compressed.length < bodies.get(ContentCoding.IDENTITY).length) {
            bodies.put(coding, compressed);
        }
    }

    private static byte[] gzip(byte[] bytes, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(level);
            }
        }) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] brotli(byte[] bytes, int quality) {
        try {
            return Encoder.compress(bytes, new Encoder.Parameters().setQuality(quality));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static boolean brotliAvailable() {
        try {
            if (Brotli4jLoader.isAvailable()) {
                return true;
            }
            LOG.infof("Brotli is not available on this platform (%s); answers are compressed with gzip only",
                    Brotli4jLoader.getUnavailabilityCause());
        } catch (LinkageError e) {
            LOG.infof("Brotli is not available on this platform (%s); answers are compressed with gzip only", e);
        }
        return false;
    }
}
