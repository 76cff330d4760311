package lab.handshake.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.handshake.engine.Language;

/**
 * What a JSON or YAML reader could not map onto the expected form, as a value: a property the form does not know,
 * or a value of the wrong shape. Jackson's own words name Java classes ({@code java.util.LinkedHashMap}, a record's
 * binary name), which mean nothing to a teacher or an API client and leak the code; these are worded from the problem
 * bundle in the reader's language instead ("'title' must be an object (named fields), not text"). Shared by the API's
 * refusals and a teacher's unreadable drafts.
 */
public sealed interface ReadingProblem extends Refusal.Worded<String> {

    /** The value's path from the top ({@code params.lossRate}, {@code questions[0].options}), empty at the top. */
    String field();

    /** The shapes a value can have, as a reader of JSON or YAML sees them (not as Java types). */
    enum Shape {
        OBJECT, LIST, TEXT, WORD, WHOLE_NUMBER, NUMBER, TRUE_OR_FALSE, NOTHING, OTHER;

        private static final Pattern FOUND_IN_MESSAGE = Pattern.compile("from (Object|Array|String|Integer|Floating-point|Boolean|Null) value");

        /** The shape a value of {@code type} is written in. */
        static Shape expectedFor(Class<?> type) {
            if (type == null) {
                return OTHER;
            }
            if (type.isArray() || Collection.class.isAssignableFrom(type)) {
                return LIST;
            }
            if (type.isEnum()) {
                return WORD;
            }
            if (type == String.class || type == char.class || type == Character.class) {
                return TEXT;
            }
            if (type == int.class || type == long.class || type == short.class || type == byte.class
                    || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                    || type == BigInteger.class) {
                return WHOLE_NUMBER;
            }
            if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
                return NUMBER;
            }
            if (type == boolean.class || type == Boolean.class) {
                return TRUE_OR_FALSE;
            }
            return Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.") ? OBJECT : OTHER;
        }

        /**
         * The shape Jackson's message says it found ("from Array value"), for when the parser was closed before the
         * exception got here (reading a whole document closes it, and a closed YAML parser forgets its token).
         */
        static Shape foundIn(String message) {
            Matcher found = message == null ? null : FOUND_IN_MESSAGE.matcher(message);
            if (found == null || !found.find()) {
                return OTHER;
            }
            return switch (found.group(1)) {
                case "Object" -> OBJECT;
                case "Array" -> LIST;
                case "String" -> TEXT;
                case "Integer" -> WHOLE_NUMBER;
                case "Floating-point" -> NUMBER;
                case "Boolean" -> TRUE_OR_FALSE;
                default -> NOTHING;
            };
        }

        /** The shape of the token the reader stood on when it gave up. */
        static Shape found(JsonToken token) {
            if (token == null) {
                return OTHER;
            }
            return switch (token) {
                case START_OBJECT, END_OBJECT, FIELD_NAME -> OBJECT;
                case START_ARRAY, END_ARRAY -> LIST;
                case VALUE_STRING, VALUE_EMBEDDED_OBJECT -> TEXT;
                case VALUE_NUMBER_INT -> WHOLE_NUMBER;
                case VALUE_NUMBER_FLOAT -> NUMBER;
                case VALUE_TRUE, VALUE_FALSE -> TRUE_OR_FALSE;
                case VALUE_NULL -> NOTHING;
                case NOT_AVAILABLE -> OTHER;
            };
        }
    }

    /** A property the form does not know; {@code at} is the path of the object holding it (empty at the top). */
    record UnknownProperty(String field, String at, String property, List<String> known) implements ReadingProblem {
        @Override
        public String in(Language language) {
            return ProblemMapper.words(language).unknown_property(property, at, known.toString());
        }
    }

    /**
     * A value written in the wrong shape: {@code expected} is what the form takes, {@code found} what was written;
     * {@code value} is the written text when the reader kept it (a word that is not one of an enum's), else null.
     */
    record WrongShape(String field, Shape expected, Shape found, String value) implements ReadingProblem {
        private static final int MAX_QUOTED = 40;

        public WrongShape {
            if (value != null && value.length() > MAX_QUOTED) {
                value = value.substring(0, MAX_QUOTED) + "…";
            }
        }

        @Override
        public String in(Language language) {
            ProblemMessages words = ProblemMapper.words(language);
            String written = value != null ? words.shape_quoted(value) : found == Shape.OTHER ? null : words.shape(found);
            return words.shape_wrong(field, words.shape(expected), written);
        }
    }

    /** A number too large for the field's type ({@code 1e999} for a whole number of milliseconds). */
    record OutOfRange(String field, Shape expected) implements ReadingProblem {
        @Override
        public String in(Language language) {
            ProblemMessages words = ProblemMapper.words(language);
            return words.shape_out_of_range(field, words.shape(expected));
        }
    }

    /** Any other value that could not be mapped (a value a type's constructor refused); Jackson's words name classes. */
    record Unmappable(String field) implements ReadingProblem {
        @Override
        public String in(Language language) {
            return ProblemMapper.words(language).value_unmappable(field);
        }
    }

    /** What {@code e} says could not be mapped, or empty when it is another kind of failure (a syntax error). */
    static Optional<ReadingProblem> of(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        String field = path(path, path.size());
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return Optional.of(new UnknownProperty(field, path(path, Math.max(0, path.size() - 1)),
                    unknown.getPropertyName(), known));
        }
        if (e instanceof MismatchedInputException mismatch) {
            Shape expected = Shape.expectedFor(mismatch.getTargetType());
            if (e instanceof InvalidFormatException invalid) {
                Object value = invalid.getValue();
                return Optional.of(new WrongShape(field, expected, value instanceof String ? Shape.TEXT : Shape.OTHER,
                        value == null ? null : String.valueOf(value)));
            }
            JsonToken token = e.getProcessor() instanceof JsonParser parser ? parser.currentToken() : null;
            return Optional.of(new WrongShape(field, expected, token != null ? Shape.found(token) : Shape.foundIn(e.getOriginalMessage()), null));
        }
        if (e.getCause() instanceof InputCoercionException tooLarge) {
            return Optional.of(new OutOfRange(field, Shape.expectedFor(tooLarge.getTargetType())));
        }
        // A syntax error met while mapping a value comes wrapped with the value's path: it is not about the value.
        boolean syntax = e.getCause() instanceof StreamReadException;
        return path.isEmpty() || syntax ? Optional.empty() : Optional.of(new Unmappable(field));
    }

    /** The path of the first {@code length} references: names joined with dots, indexes in brackets. */
    private static String path(List<JsonMappingException.Reference> references, int length) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references.subList(0, length)) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
