package lab.handshake.api;

import java.util.List;
import lab.handshake.engine.spec.Violation;

/**
 * What a specification's {@link Violation} breaks, worded from the problem bundle: the engine names the rule and
 * its arguments, this says it in the bundle's language. The one place a violation becomes words, for the API's
 * problems, a teacher's draft and the log.
 */
public final class ViolationWords {

    private ViolationWords() {
    }

    /** What is wrong with the field, without the field: {@code must be between 0 and 1}. */
    public static String message(Violation violation, ProblemMessages words) {
        return switch (violation.rule()) {
            case OUT_OF_RANGE -> words.spec_out_of_range(violation.argument(0), violation.argument(1));
            case AT_LEAST -> words.spec_at_least(violation.argument(0));
            case ABOVE_AND_AT_MOST -> words.spec_above_and_at_most(violation.argument(0), violation.argument(1));
            case NOT_ONE_OF -> words.spec_not_one_of(alternatives(violation, 0, words));
            case UNKNOWN_ITEM -> words.spec_unknown_item(violation.argument(0), alternatives(violation, 1, words));
            case NOT_AN_ID -> words.spec_not_an_id(violation.argument(0));
            case NOT_A_SUBNET -> words.spec_not_a_subnet(violation.argument(0), violation.argument(1));
            case REQUIRED -> words.spec_required();
            case REQUIRED_WITH -> words.spec_required_with(violation.argument(0));
            case ONLY_WITH -> words.spec_only_with(alternatives(violation, 0, words));
            case EXACTLY_ONE_OF -> words.spec_exactly_one_of(alternatives(violation, 0, words));
            case NOT_WITH -> words.spec_not_with(alternatives(violation, 0, words), violation.argument(1));
            case NOT_PER_HOST -> words.spec_not_per_host(violation.argument(0));
            case SAME_AS -> words.spec_same_as(violation.argument(0));
            case TOO_MANY -> words.spec_too_many(violation.argument(0), violation.argument(1));
            case DATA_OVER_TRACE -> words.spec_data_over_trace(violation.argument(0), violation.argument(1), violation.argument(2));
            case FLOOD_OVER_TRACE -> words.spec_flood_over_trace(violation.argument(0), violation.argument(1));
        };
    }

    /** The field and what is wrong with it: {@code params.lossRate must be between 0 and 1}. */
    public static String line(Violation violation, ProblemMessages words) {
        return violation.field() + " " + message(violation, words);
    }

    private static String alternatives(Violation violation, int index, ProblemMessages words) {
        List<String> names = violation.argument(index);
        return words.spec_alternatives(names);
    }
}
