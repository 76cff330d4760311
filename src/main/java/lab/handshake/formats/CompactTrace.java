package lab.handshake.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.handshake.engine.trace.Trace;

/**
 * The compact form of a trace's JSON ({@code form=compact}): the same JSON, written so that a flood's
 * thousands of near-identical steps and segments are not spelled out one by one. The page's
 * {@code js/compact-trace.js} gives back exactly the full form (a change to one is a change to both).
 * <ul>
 * <li>A top-level list of objects with the same fields ({@code segments}, {@code steps}) is written by columns,
 *     named in {@code columnar}: {@code {"length": n, "columns": {field: column}}}.</li>
 * <li>A column of numbers, booleans and nulls ({@code "n"}) lists its cells; a column of anything else lists its
 *     distinct values once, strings in {@code "s"} and other values in {@code "v"}, and its cells as indexes
 *     into them ({@code "i"}).</li>
 * <li>In a list of cells, {@code [n, v]} is v n times and {@code [n, v, d]} is v, v+d, … (n numbers): a state
 *     that stays the same, a flood's segments sent at a stride.</li>
 * <li>A string is written as its pieces between runs of digits, kept once in {@code templates}, and its digits:
 *     a template's index alone, or {@code [template, digits…]} (digits as a number when they read back the
 *     same, else as a string). "&lt;SEQ=1796027475&gt;&lt;CTL=SYN&gt; arrives at the server." is one template and a
 *     number.</li>
 * </ul>
 * Everything else is kept as it is. On the syn-flood trace it is a ninth of the full form (README, API).
 */
public final class CompactTrace {
    public static final String FORM = "compact";
    private static final Set<String> OWN_FIELDS = Set.of("form", "columnar", "templates");
    /** Shorter runs cost more than their cells. */
    private static final int SHORTEST_RUN = 3;
    /** A browser's numbers are exact up to 2^53: only such numbers are counted on in a run or read as digits. */
    private static final long LARGEST_EXACT = (1L << 53) - 1;
    private static final int MOST_DIGITS_AS_NUMBER = 15;

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final ArrayNode templates = nodes.arrayNode();
    private final Map<List<String>, Integer> templateIndexes = new HashMap<>();

    private CompactTrace() {
    }

    /** The compact form of {@code trace} as the API writes it with {@code json}. */
    public static ObjectNode of(Trace trace, ObjectMapper json) {
        return of(json.<ObjectNode>valueToTree(trace));
    }

    /** The compact form of a trace's full JSON. */
    static ObjectNode of(ObjectNode full) {
        return new CompactTrace().compact(full);
    }

    private ObjectNode compact(ObjectNode full) {
        ObjectNode compact = nodes.objectNode();
        compact.put("form", FORM);
        ArrayNode columnar = compact.putArray("columnar");
        compact.set("templates", templates);
        for (Map.Entry<String, JsonNode> field : full.properties()) {
            if (OWN_FIELDS.contains(field.getKey())) {
                throw new IllegalArgumentException("a trace field has a name the compact form uses: " + field.getKey());
            }
            if (isTable(field.getValue())) {
                compact.set(field.getKey(), columns(field.getValue()));
                columnar.add(field.getKey());
            } else {
                compact.set(field.getKey(), field.getValue());
            }
        }
        return compact;
    }

    /** A non-empty list of objects that all have the same fields in the same order. */
    private static boolean isTable(JsonNode value) {
        if (!value.isArray() || value.isEmpty() || !value.get(0).isObject()) {
            return false;
        }
        List<String> fields = fieldNames(value.get(0));
        for (JsonNode row : value) {
            if (!row.isObject() || !fieldNames(row).equals(fields)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> fieldNames(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    private ObjectNode columns(JsonNode rows) {
        ObjectNode table = nodes.objectNode();
        table.put("length", rows.size());
        ObjectNode columns = table.putObject("columns");
        for (String field : fieldNames(rows.get(0))) {
            List<JsonNode> cells = new ArrayList<>(rows.size());
            rows.forEach(row -> cells.add(row.get(field)));
            columns.set(field, column(cells));
        }
        return table;
    }

    private ObjectNode column(List<JsonNode> cells) {
        ObjectNode column = nodes.objectNode();
        if (cells.stream().allMatch(cell -> cell.isNumber() || cell.isBoolean() || cell.isNull())) {
            column.set("n", runs(cells));
            return column;
        }
        Map<String, Integer> indexes = new LinkedHashMap<>(); // by the value's JSON text: 5 as an int or a long is one value
        List<JsonNode> distinct = new ArrayList<>();
        List<JsonNode> cellIndexes = new ArrayList<>(cells.size());
        for (JsonNode cell : cells) {
            int index = indexes.computeIfAbsent(cell.toString(), text -> {
                distinct.add(cell);
                return distinct.size() - 1;
            });
            cellIndexes.add(nodes.numberNode(index));
        }
        if (distinct.stream().allMatch(value -> value.isTextual() || value.isNull())) {
            ArrayNode strings = column.putArray("s");
            distinct.forEach(value -> strings.add(value.isNull() ? value : text(value.textValue())));
        } else {
            column.putArray("v").addAll(distinct);
        }
        column.set("i", runs(cellIndexes));
        return column;
    }

    /** The cells, with every run of at least {@link #SHORTEST_RUN} equal cells or numbers at a stride as one. */
    private ArrayNode runs(List<JsonNode> cells) {
        ArrayNode runs = nodes.arrayNode();
        int start = 0;
        while (start < cells.size()) {
            JsonNode first = cells.get(start);
            long stride = start + 1 < cells.size() && countable(first) && countable(cells.get(start + 1))
                    ? cells.get(start + 1).longValue() - first.longValue() : 0;
            int end = start + 1;
            while (end < cells.size() && (stride == 0
                    ? cells.get(end).toString().equals(first.toString())
                    : countable(cells.get(end)) && cells.get(end).longValue() - cells.get(end - 1).longValue() == stride)) {
                end++;
            }
            if (end - start < SHORTEST_RUN) {
                runs.add(first);
                start++;
                continue;
            }
            ArrayNode run = runs.addArray().add(end - start).add(first);
            if (stride != 0) {
                run.add(stride);
            }
            start = end;
        }
        return runs;
    }

    private static boolean countable(JsonNode cell) {
        return cell.isIntegralNumber() && cell.canConvertToLong() && Math.abs(cell.longValue()) <= LARGEST_EXACT;
    }

    /** A string as its template's index, or its template's index and its runs of digits. */
    private JsonNode text(String string) {
        List<String> pieces = new ArrayList<>();
        ArrayNode entry = nodes.arrayNode();
        int pieceStart = 0;
        int at = 0;
        while (at < string.length()) {
            if (!isDigit(string.charAt(at))) {
                at++;
                continue;
            }
            int digitsEnd = at;
            while (digitsEnd < string.length() && isDigit(string.charAt(digitsEnd))) {
                digitsEnd++;
            }
            pieces.add(string.substring(pieceStart, at));
            entry.add(digits(string.substring(at, digitsEnd)));
            pieceStart = digitsEnd;
            at = digitsEnd;
        }
        pieces.add(string.substring(pieceStart));
        int template = templateIndexes.computeIfAbsent(pieces, added -> {
            ArrayNode written = templates.addArray();
            added.forEach(written::add);
            return templates.size() - 1;
        });
        if (entry.isEmpty()) {
            return nodes.numberNode(template);
        }
        entry.insert(0, template);
        return entry;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Digits as a number when the number is written back as the same digits, else as they are. */
    private JsonNode digits(String digits) {
        boolean readsBack = digits.length() <= MOST_DIGITS_AS_NUMBER && (digits.length() == 1 || digits.charAt(0) != '0');
        return readsBack ? nodes.numberNode(Long.parseLong(digits)) : nodes.textNode(digits);
    }
}
