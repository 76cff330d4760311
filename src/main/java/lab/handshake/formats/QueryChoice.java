package lab.handshake.formats;

import lab.handshake.api.Refusal;
import lab.handshake.engine.trace.WireNamed;

/** A query parameter that names one of an enum's values by its wire name; 400 naming the parameter for another word. */
final class QueryChoice {
    private QueryChoice() {
    }

    static <E extends WireNamed> E of(String parameter, String given, E[] values) {
        return WireNamed.find(values, given).orElseThrow(() -> Refusal.badParameter(parameter,
                words -> words.must_be_one_of(String.join(", ", WireNamed.wireNames(values)))));
    }
}
