package lab.handshake.formats;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import lab.handshake.api.Refusal;
import lab.handshake.engine.trace.WireNamed;
import lab.handshake.engine.trace.Trace;

/**
 * How a JSON trace is written ({@code form=}): in full, every step and segment spelled out (the default, for API
 * clients), or compact ({@link CompactTrace}, what the pages ask for: a flood's trace is a ninth of the bytes).
 */
public enum TraceForm implements WireNamed {
    FULL,
    COMPACT;

    /** The parameter as the OpenAPI document describes it. */
    public static final String DESCRIPTION = "full (the default) or compact, for JSON only: the same trace with repeated"
            + " values written once, by columns, and a flood's runs as strides (the pages' js/compact-trace.js reads it back)";

    /** The name in {@code form=}: full, compact. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The form asked for (full when none is); 400 naming the parameter for another word or a form of another format. */
    public static TraceForm choose(String form, TraceFormat format) {
        if (form == null) {
            return FULL;
        }
        TraceForm chosen = QueryChoice.of("form", form, values());
        if (chosen != FULL && format != TraceFormat.JSON) {
            throw Refusal.badParameter("form", words -> words.only_for_json(format.wireName()));
        }
        return chosen;
    }

    /** What Jackson writes for {@code trace} in this form. */
    public Object json(Trace trace, ObjectMapper json) {
        return this == COMPACT ? CompactTrace.of(trace, json) : trace;
    }
}
