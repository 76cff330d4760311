package lab.handshake.formats;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import lab.handshake.engine.trace.Trace;

/** The writers of a {@link Trace} in each of its non-JSON forms ({@link TraceFormat}); JSON is Jackson's. */
final class TraceBodyWriters {
    private TraceBodyWriters() {
    }

    /** A trace written whole by one of this package's writers, for one media type. */
    private abstract static class TraceWriter implements MessageBodyWriter<Trace> {
        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return Trace.class.isAssignableFrom(type);
        }

        @Override
        public void writeTo(Trace trace, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                            MultivaluedMap<String, Object> headers, OutputStream body) throws java.io.IOException {
            body.write(bytes(trace));
        }

        abstract byte[] bytes(Trace trace);
    }

    @Provider
    @Produces(TraceFormat.PCAP_TYPE)
    static final class Pcap extends TraceWriter {
        @Override
        byte[] bytes(Trace trace) {
            return PcapWriter.write(trace);
        }
    }

    @Provider
    @Produces(TraceFormat.PACKETDRILL_TYPE)
    static final class Packetdrill extends TraceWriter {
        @Override
        byte[] bytes(Trace trace) {
            return PacketdrillWriter.write(trace).getBytes(StandardCharsets.UTF_8);
        }
    }

    @Provider
    @Produces(TraceFormat.SVG_TYPE)
    static final class LadderSvg extends TraceWriter {
        private final LadderSvgWriter writer;

        LadderSvg(LadderSvgWriter writer) {
            this.writer = writer;
        }

        @Override
        byte[] bytes(Trace trace) {
            return writer.write(trace).getBytes(StandardCharsets.UTF_8);
        }
    }
}
