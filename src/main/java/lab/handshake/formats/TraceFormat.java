package lab.handshake.formats;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import lab.handshake.engine.trace.WireNamed;
import lab.handshake.engine.trace.Trace;

/**
 * One trace, four ways out: JSON (the trace model), a classic pcap for Wireshark, a packetdrill-style script, and
 * the ladder diagram as SVG. Chosen by {@code format=}, or by the Accept header for pcap. Each form other than JSON
 * is written by its own {@link jakarta.ws.rs.ext.MessageBodyWriter} in this package, picked by the media type.
 */
public enum TraceFormat implements WireNamed {
    JSON(MediaType.APPLICATION_JSON, "json"),
    PCAP(TraceFormat.PCAP_TYPE, "pcap"),
    PACKETDRILL(TraceFormat.PACKETDRILL_TYPE + "; charset=UTF-8", "pkt"),
    SVG(TraceFormat.SVG_TYPE, "svg");

    public static final String PCAP_TYPE = "application/vnd.tcpdump.pcap";
    public static final String PACKETDRILL_TYPE = "text/plain";
    public static final String SVG_TYPE = "image/svg+xml";

    private final String mediaType;
    private final String extension;

    TraceFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** The name in {@code format=}: json, pcap, packetdrill, svg. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The format asked for; 400 naming the parameter for anything else. */
    public static TraceFormat choose(String format, String accept) {
        if (format == null) {
            return accept != null && accept.contains(PCAP_TYPE) ? PCAP : JSON;
        }
        return QueryChoice.of("format", format, values());
    }

    /** The trace in this form: JSON inline, the others as a download named after {@code name}. */
    public Response respond(Trace trace, String name) {
        return respondWith(trace, name);
    }

    /** The trace in this form, a pcap as taken at {@code vantage} ({@link CaptureVantage#choose}; null: as sent). */
    public Response respond(Trace trace, CaptureVantage vantage, String name) {
        return vantage == null ? respond(trace, name) : respondWith(PcapWriter.write(trace, vantage), name);
    }

    /** This form's answer with a body already made in it (a sandbox's ladder, laid out as its page draws it). */
    public Response respondWith(Object body, String name) {
        Response.ResponseBuilder answer = Response.ok(body, mediaType);
        if (this != JSON) {
            answer.header("Content-Disposition", "attachment; filename=\"" + (name == null ? "trace" : name) + "." + extension + "\"");
        }
        return answer.build();
    }
}
