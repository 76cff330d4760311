package lab.handshake.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The coding chosen for an Accept-Encoding header (RFC 9110 §12.5.3), among brotli, gzip and identity. */
class ContentCodingTest {
    private static final Set<ContentCoding> ALL = EnumSet.allOf(ContentCoding.class);

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "NONE | IDENTITY",
            "'' | IDENTITY",
            "gzip, deflate, br | BROTLI",
            "gzip | GZIP",
            "GZIP | GZIP",
            "br;q=0, gzip;q=0.5 | GZIP",
            "br; q=0 , gzip | GZIP",
            "gzip;q=0, br;q=0 | IDENTITY",
            "* | BROTLI",
            "*, br;q=0 | GZIP",
            "*;q=0 | IDENTITY",
            "gzip;q=abc | IDENTITY",
            "deflate | IDENTITY"})
    void theBestCodingTheClientAcceptsIsChosen(String acceptEncoding, ContentCoding expected) {
        assertEquals(expected, ContentCoding.choose(acceptEncoding, ALL));
    }
}
