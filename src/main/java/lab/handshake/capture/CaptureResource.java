package lab.handshake.capture;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.handshake.api.ClientKey;
import lab.handshake.api.Problem;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.api.LanguageParams;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.trace.Trace;
import lab.handshake.formats.LadderLayout;
import lab.handshake.formats.LadderParams;
import lab.handshake.limits.ClientLimit;
import lab.handshake.limits.ClientLimits;
import lab.handshake.scenario.TraceService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A student's own capture in: the engine rebuilds both endpoints' states from it and says where the captured
 * stack differs from a profile's (Linux by default). Nothing is written to disk; the body is bounded by the
 * server's request size limit.
 */
@Path("/api/captures")
@Tag(name = "Captures")
public class CaptureResource {
    private final TraceService traces;
    private final ClientLimits limits;

    public CaptureResource(TraceService traces, ClientLimits limits) {
        this.traces = traces;
        this.limits = limits;
    }

    @POST
    @Consumes({"application/vnd.tcpdump.pcap", "application/x-pcapng", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a pcap or pcapng of a TCP connection; answer: the trace the engine rebuilds from it, "
            + "compared with the profile (linux unless profile=rfc9293)")
    public Trace upload(byte[] capture, @QueryParam("connection") Integer connection, @QueryParam("profile") String profile,
                        @BeanParam LanguageParams readers,
                        @Context HttpServerRequest http) {
        List<CapturedConnection> connections = read(capture, http);
        Profile against = profile(profile);
        int chosen;
        if (connection != null) {
            chosen = checked(connection, connections);
        } else if (connections.size() == 1) {
            chosen = 0;
        } else {
            List<CapturedConnection.Summary> choices = new ArrayList<>();
            for (int i = 0; i < connections.size(); i++) {
                CapturedConnection.Summary summary = connections.get(i).summary(i);
                choices.add(summary);
            }
            throw new Refusal.Conflict("choose-connection", Worded.of(CaptureProblemMessages.class, CaptureProblemMessages::several_connections_title),
                    Worded.of(CaptureProblemMessages.class, words -> words.several_connections(connections.size())),
                    language -> choices.stream().map(choice -> new Problem.FieldError("connection=" + choice.index(),
                            ProblemMapper.words(CaptureProblemMessages.class, language).connection_choice(choice.client(),
                                    choice.server(), choice.outcome(), choice.segments()))).toList());
        }
        Language language = readers.language();
        return traces.replay(() -> rebuild(connections.get(chosen), against, language,
                KeptRoundTrips.before(connections, chosen, against))).trace();
    }

    /**
     * The captures page's upload: every connection's summary, and (when the file holds one, or one is chosen) its
     * replay and the scenario inferred from it. Several connections and none chosen is no error here: the page
     * shows the chooser.
     */
    @POST
    @Path("/explained")
    @Consumes({"application/vnd.tcpdump.pcap", "application/x-pcapng", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a capture; answer: its connections' summaries and, for the chosen one, the replay "
            + "and the scenario inferred from it (and the replay's ladder with ladder=)")
    public CaptureExplanation explain(byte[] capture, @QueryParam("connection") Integer connection,
                                      @QueryParam("profile") String profile, @BeanParam LadderParams ladder,
                                      @BeanParam LanguageParams readers, @Context HttpServerRequest http) {
        Optional<LadderLayout.Options> layout = ladder.options();
        List<CapturedConnection> connections = read(capture, http);
        Profile against = profile(profile);
        List<CapturedConnection.Summary> summaries = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            summaries.add(connections.get(i).summary(i));
        }
        if (connection == null && connections.size() > 1) {
            return new CaptureExplanation(summaries, null, null, null, null, null);
        }
        int chosen = connection == null ? 0 : checked(connection, connections);
        Language language = readers.language();
        CaptureReplay.Rebuilt rebuilt = traces.replay(() -> rebuild(connections.get(chosen), against, language,
                KeptRoundTrips.before(connections, chosen, against)));
        return new CaptureExplanation(summaries, chosen, rebuilt.trace(), rebuilt.scenario(),
                layout.map(options -> LadderLayout.of(rebuilt.trace(), options)).orElse(null), rebuilt.offload());
    }

    /** The replay of one connection, titled in every language (its inferred scenario keeps the titles). */
    private static CaptureReplay.Rebuilt rebuild(CapturedConnection connection, Profile profile, Language language,
                                                 KeptRoundTrips kept) {
        Map<String, String> title = new LinkedHashMap<>();
        for (Language each : Language.values()) {
            title.put(each.code(), ProblemMapper.words(CaptureProblemMessages.class, each).replay_title(connection.client(), connection.server()));
        }
        return CaptureReplay.rebuild(connection, profile, language, title, kept);
    }

    /** The capture's TCP connections, after the client's allowance is taken and the file is checked. */
    private List<CapturedConnection> read(byte[] capture, HttpServerRequest http) {
        limits.take(ClientLimit.CAPTURES, ClientKey.of(http));
        if (capture == null || capture.length == 0) {
            throw new Refusal.Invalid("invalid-capture", Worded.of(CaptureProblemMessages.class, CaptureProblemMessages::invalid_capture_title), Worded.of(CaptureProblemMessages.class, CaptureProblemMessages::capture_required),
                    Worded.of(ProblemMessages.class, words -> List.of(new Problem.FieldError("body", words.body_required()))));
        }
        List<CapturedConnection> connections = CapturedConnection.split(PcapReader.readCapture(capture));
        if (connections.isEmpty()) {
            throw new Refusal.Invalid("no-tcp", Worded.of(CaptureProblemMessages.class, CaptureProblemMessages::no_tcp_title), Worded.of(CaptureProblemMessages.class, CaptureProblemMessages::no_tcp), null);
        }
        return connections;
    }

    private static int checked(int connection, List<CapturedConnection> connections) {
        if (connection < 0 || connection >= connections.size()) {
            throw Refusal.badParameter("connection", words -> words.from_to(0, connections.size() - 1));
        }
        return connection;
    }

    /** The profile the capture is compared with: Linux unless the request names another. */
    private static Profile profile(String name) {
        if (name == null || name.isBlank()) {
            return Profile.LINUX;
        }
        try {
            return Profile.parse(name);
        } catch (IllegalArgumentException e) {
            throw Refusal.badParameter("profile", words -> words.must_be_either("rfc9293", "linux"));
        }
    }
}
