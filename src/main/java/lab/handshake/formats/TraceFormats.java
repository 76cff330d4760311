package lab.handshake.formats;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import lab.handshake.api.Refusal;
import lab.handshake.engine.trace.Trace;

/**
 * One trace, four ways out: JSON (the trace model), a classic pcap for Wireshark, a packetdrill-style
 * script, and the ladder diagram as SVG. Chosen by {@code format=}, or by the Accept header for pcap.
 */
public final class TraceFormats {
    public static final String PCAP = "application/vnd.tcpdump.pcap";
    private static final List<String> FORMATS = List.of("json", "pcap", "packetdrill", "svg");

    private TraceFormats() {
    }

    /** The format asked for; 400 naming the parameter for anything else. */
    public static String choose(String format, String accept) {
        if (format == null) {
            return accept != null && accept.contains(PCAP) ? "pcap" : "json";
        }
        if (!FORMATS.contains(format)) {
            throw Refusal.badParameter("format", "must be one of json, pcap, packetdrill, svg");
        }
        return format;
    }

    public static Response respond(Trace trace, String format, String name) {
        String file = name == null ? "trace" : name;
        return switch (format) {
            case "pcap" -> download(PcapWriter.write(trace), PCAP, file + ".pcap");
            case "packetdrill" -> download(PacketdrillWriter.write(trace).getBytes(StandardCharsets.UTF_8),
                    "text/plain; charset=UTF-8", file + ".pkt");
            case "svg" -> download(LadderSvgWriter.write(trace).getBytes(StandardCharsets.UTF_8), "image/svg+xml", file + ".svg");
            default -> Response.ok(trace, MediaType.APPLICATION_JSON_TYPE).build();
        };
    }

    private static Response download(byte[] body, String type, String file) {
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }
}
