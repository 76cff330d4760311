package lab.handshake.capture;

import java.util.List;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.formats.LadderLayout;

/**
 * What the captures page gets for an upload: every connection's summary (for the chooser) and, once one is
 * chosen (or the file holds only one), its replay against the profile and the scenario inferred from it.
 *
 * @param connections every TCP connection in the file, in order of first appearance
 * @param connection  the one replayed; null while several wait to be chosen
 * @param trace       its replay, explained against {@code trace.profile}; null while none is chosen
 * @param scenario    the scenario inferred from it, for {@code POST /api/traces}; null while none is chosen
 * @param ladder      the replay's ladder when {@code ladder=} asks for it, else null
 * @param offload     segments the capture shows larger than their sender's MSS (TSO/GSO/GRO), which the replay cut to
 *                    the MSS; null when there are none or none is chosen
 */
public record CaptureExplanation(List<CapturedConnection.Summary> connections, Integer connection, Trace trace,
                                 ScenarioSpec scenario, LadderLayout ladder, SegmentOffload offload) {
}
