package lab.handshake.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The built-in misconception catalogue: the source material's ten errors and those found since, each refuted with the RFC. */
class MisconceptionCatalogueTest {
    private final MisconceptionCatalogue catalogue = new MisconceptionCatalogue(Path.of("content"));

    @Test
    void shouldHoldEveryErrorOfTheSourceMaterialAndThoseFoundSince() {
        Set<Integer> sources = catalogue.all().stream().map(Misconception::source).filter(s -> s != null).collect(Collectors.toSet());
        assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), sources);
        for (String id : List.of("fin-timeout-is-time-wait", "server-holds-time-wait", "ack-always-seq-plus-one", "syn-cookies-always-on")) {
            assertTrue(catalogue.find(id).isPresent(), id);
        }
    }

    @Test
    void shouldCiteAnRfcForEveryEntry() {
        catalogue.all().forEach(m -> assertTrue(m.rfc().contains("RFC"), m.id()));
    }

    @Test
    void shouldHaveAnEntryForEveryMisconceptionAPredictionCanShow() {
        for (MisconceptionDetector detector : MisconceptionDetector.values()) {
            assertTrue(catalogue.find(detector.id()).isPresent(), detector.id());
        }
    }
}
