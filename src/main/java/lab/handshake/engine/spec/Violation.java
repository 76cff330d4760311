package lab.handshake.engine.spec;

import java.util.List;

/**
 * One thing wrong with a specification: the field (a JSON path such as {@code actions[2].bytes}), the rule it
 * breaks and that rule's arguments. The engine says no words: the edge words the rule in the reader's language.
 * Build one with the factory of its rule, which fixes the arguments' order and types.
 */
public record Violation(String field, Rule rule, List<Object> arguments) {

    /** The rules a specification can break; each names its arguments in order. */
    public enum Rule {
        /** {@code min}, {@code max}: a number outside {@code [min, max]}. */
        OUT_OF_RANGE,
        /** {@code min}: a number below it. */
        AT_LEAST,
        /** {@code min}, {@code max}: a number outside {@code (min, max]}. */
        ABOVE_AND_AT_MOST,
        /** {@code allowed}: a name not among them. */
        NOT_ONE_OF,
        /** {@code item}, {@code allowed}: a list holding a name not among them. */
        UNKNOWN_ITEM,
        /** {@code maxLength}: not an id (lower-case letters, digits and hyphens, starting with a letter or digit). */
        NOT_AN_ID,
        /** {@code minPrefix}, {@code maxPrefix}: not an IPv4 subnet with a prefix in that range. */
        NOT_A_SUBNET,
        /** Missing or empty. */
        REQUIRED,
        /** {@code with}: missing although {@code with} is given. */
        REQUIRED_WITH,
        /** {@code with}: given without any of them. */
        ONLY_WITH,
        /** {@code names}: none or both of two fields. */
        EXACTLY_ONE_OF,
        /** {@code names}, {@code present}: some of {@code names} given together with {@code present}. */
        NOT_WITH,
        /** {@code scenarioField}: a setting of the whole scenario given for one host; it goes in {@code scenarioField}. */
        NOT_PER_HOST,
        /** {@code other}: the same value as the field {@code other}. */
        SAME_AS,
        /** {@code max}, {@code counted}: more than {@code max} of something. */
        TOO_MANY,
        /** {@code mss}, {@code needed}, {@code max}: the data sent needs more segments than a trace holds. */
        DATA_OVER_TRACE,
        /** {@code needed}, {@code max}: a flood and its answers need more segments than a trace holds. */
        FLOOD_OVER_TRACE;

        /** A size bound (413) rather than a malformed value (400). */
        public boolean tooLarge() {
            return this == TOO_MANY || this == DATA_OVER_TRACE || this == FLOOD_OVER_TRACE;
        }
    }

    /** What {@link Rule#TOO_MANY} counts. */
    public enum Counted {
        TAGS, CHARACTERS, ACTIONS, BYTES_SENT, FAULTS, INJECTIONS, FLOOD_SEGMENTS
    }

    public Violation {
        arguments = List.copyOf(arguments);
    }

    public boolean tooLarge() {
        return rule.tooLarge();
    }

    /** The argument at {@code index}, of the type its rule's factory gave it (every number a {@code long}, every list of names a {@code List<String>}). */
    @SuppressWarnings("unchecked")
    public <T> T argument(int index) {
        return (T) arguments.get(index);
    }

    public static Violation outOfRange(String field, long min, long max) {
        return new Violation(field, Rule.OUT_OF_RANGE, List.of(min, max));
    }

    public static Violation atLeast(String field, long min) {
        return new Violation(field, Rule.AT_LEAST, List.of(min));
    }

    public static Violation aboveAndAtMost(String field, long min, long max) {
        return new Violation(field, Rule.ABOVE_AND_AT_MOST, List.of(min, max));
    }

    public static Violation notOneOf(String field, List<String> allowed) {
        return new Violation(field, Rule.NOT_ONE_OF, List.of(List.copyOf(allowed)));
    }

    public static Violation unknownItem(String field, String item, List<String> allowed) {
        return new Violation(field, Rule.UNKNOWN_ITEM, List.of(String.valueOf(item), List.copyOf(allowed)));
    }

    public static Violation notAnId(String field, long maxLength) {
        return new Violation(field, Rule.NOT_AN_ID, List.of(maxLength));
    }

    public static Violation notASubnet(String field, long minPrefix, long maxPrefix) {
        return new Violation(field, Rule.NOT_A_SUBNET, List.of(minPrefix, maxPrefix));
    }

    public static Violation required(String field) {
        return new Violation(field, Rule.REQUIRED, List.of());
    }

    public static Violation requiredWith(String field, String with) {
        return new Violation(field, Rule.REQUIRED_WITH, List.of(with));
    }

    public static Violation onlyWith(String field, List<String> with) {
        return new Violation(field, Rule.ONLY_WITH, List.of(List.copyOf(with)));
    }

    public static Violation exactlyOneOf(String field, List<String> names) {
        return new Violation(field, Rule.EXACTLY_ONE_OF, List.of(List.copyOf(names)));
    }

    public static Violation notWith(String field, List<String> names, String present) {
        return new Violation(field, Rule.NOT_WITH, List.of(List.copyOf(names), present));
    }

    public static Violation notPerHost(String field, String scenarioField) {
        return new Violation(field, Rule.NOT_PER_HOST, List.of(scenarioField));
    }

    public static Violation sameAs(String field, String other) {
        return new Violation(field, Rule.SAME_AS, List.of(other));
    }

    public static Violation tooMany(String field, long max, Counted counted) {
        return new Violation(field, Rule.TOO_MANY, List.of(max, counted));
    }

    public static Violation dataOverTrace(String field, long mss, long needed, long max) {
        return new Violation(field, Rule.DATA_OVER_TRACE, List.of(mss, needed, max));
    }

    public static Violation floodOverTrace(String field, long needed, long max) {
        return new Violation(field, Rule.FLOOD_OVER_TRACE, List.of(needed, max));
    }
}
