package lab.handshake.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API's bound on the data one scenario sends: 12 MB, so that the scenario inferred from a capture of a 10 MB
 * download runs again, and below what {@link Limits#API}'s 200 actions of at most 65,535 bytes could send, so that
 * it is a bound of its own.
 */
class DataBoundTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A server that answers with {@code sends} writes of 65,535 bytes. */
    private static List<Violation> serverSending(int sends) throws IOException {
        StringBuilder yaml = new StringBuilder("""
                id: download
                actions:
                  - {at: 0, host: server, call: listen}
                  - {at: 0, host: client, call: connect}
                """);
        for (int i = 0; i < sends; i++) {
            yaml.append("  - {at: 200, host: server, call: send, bytes: 65535}\n");
        }
        return SpecValidator.validate(YAML.readValue(yaml.toString(), ScenarioSpec.class), Limits.API);
    }

    @Test
    void aTenMegabyteDownloadIsWithinTheBound() throws IOException {
        assertEquals(List.of(), serverSending(10_000_000 / 65_535 + 1));
    }

    @Test
    void moreThanTwelveMegabytesSentInAllIsRefusedAsTooMuchData() throws IOException {
        assertEquals(List.of(), serverSending(12_000_000 / 65_535));
        List<Violation> refused = serverSending(12_000_000 / 65_535 + 1);
        assertEquals(List.of(Violation.tooMany("actions", 12_000_000, Violation.Counted.BYTES_SENT)), refused);
    }
}
