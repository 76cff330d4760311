package lab.handshake.formats;

import jakarta.ws.rs.QueryParam;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * A trace's ladder asked for beside it ({@code POST /api/traces}, an uploaded capture's replay, a sandbox session): {@code ladder=wide} or
 * {@code compact}, and which bands are open; taken as one {@code @BeanParam}. A bad value is a 400 naming its parameter.
 */
public class LadderParams {
    @Parameter(description = "wide or compact (the narrow layout of a phone): the answer carries the trace's ladder too,"
            + " laid out as GET /api/scenarios/{id}/ladder lays out a catalogue trace's")
    @QueryParam("ladder")
    String ladder;

    @Parameter(description = "with ladder: the ids of a flood's bands shown one by one, separated by commas (0,2); the others are folded")
    @QueryParam("open")
    String open;

    /** The ladder's options, or empty when no ladder is asked for. */
    public Optional<LadderLayout.Options> options() {
        if (ladder == null) {
            return Optional.empty();
        }
        if (!ladder.equals("wide") && !ladder.equals("compact")) {
            throw Refusal.badParameter("ladder", words -> words.must_be_either("wide", "compact"));
        }
        return Optional.of(new LadderLayout.Options(ladder.equals("compact"), bandIds(open)));
    }

    /** The ladder's options for an answer that always carries one (a sandbox session's): wide when none is asked for. */
    public LadderLayout.Options optionsOrWide() {
        return options().orElse(LadderLayout.Options.DEFAULT);
    }

    /** Band ids as {@code open=} lists them: whole numbers from 0, separated by commas; none when blank. */
    public static Set<Integer> bandIds(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        try {
            Set<Integer> ids = Arrays.stream(value.split(",", -1)).map(String::trim).map(Integer::valueOf).collect(Collectors.toSet());
            if (ids.stream().allMatch(bandId -> bandId >= 0)) {
                return ids;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Refusal.badParameter("open", ProblemMessages::band_ids);
    }
}
