package lab.handshake.formats;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Tables for a spreadsheet (class results, assignment results) as CSV: RFC 4180 quoting by Commons CSV, and every
 * text cell that a spreadsheet would read as a formula (starting with {@code =}, {@code +}, {@code -}, {@code @}, a
 * tab or a carriage return) neutralised by a leading apostrophe (OWASP's advice against CSV injection): names
 * and answers come from students. Numbers are written as numbers. The text starts with a byte order mark, so that
 * Excel reads Chinese names as UTF-8.
 */
public final class SpreadsheetCsv {
    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private SpreadsheetCsv() {
    }

    /** The table: a header row, then one row per entry; a null cell is empty. */
    public static String write(List<String> header, List<List<Object>> rows) {
        StringWriter out = new StringWriter().append(BYTE_ORDER_MARK);
        try (CSVPrinter printer = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get().print(out)) {
            printer.printRecord(header.stream().map(SpreadsheetCsv::cell));
            for (List<Object> row : rows) {
                printer.printRecord(row.stream().map(SpreadsheetCsv::cell));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string failed", e);
        }
        return out.toString();
    }

    /** A cell as written: numbers as they are, text neutralised where a spreadsheet would start a formula. */
    static Object cell(Object value) {
        if (value == null || value instanceof Number) {
            return value;
        }
        String text = value.toString();
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
