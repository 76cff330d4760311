package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever bytes arrive, the reader answers with segments or a {@link CaptureFormatException}, never a crash. */
class PcapReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"loopback/loopback-data-and-close.pcap", "loopback/loopback-data-and-close.pcapng"})
    void aCorruptedCaptureIsReadOrRefusedButNeverCrashesTheReader(String capture) throws Exception {
        byte[] original = Files.readAllBytes(Path.of("src", "test", "resources", "captures").resolve(capture));
        Random random = new Random(12);
        for (int round = 0; round < 5_000; round++) {
            byte[] corrupted = original.clone();
            for (int change = 1 + random.nextInt(4); change > 0; change--) {
                int at = random.nextInt(corrupted.length);
                // Lengths are where readers break: sometimes write a whole extreme 32-bit value.
                if (random.nextBoolean() && at + 4 <= corrupted.length) {
                    int value = random.nextBoolean() ? Integer.MAX_VALUE - random.nextInt(8) : random.nextInt();
                    corrupted[at] = (byte) value;
                    corrupted[at + 1] = (byte) (value >> 8);
                    corrupted[at + 2] = (byte) (value >> 16);
                    corrupted[at + 3] = (byte) (value >> 24);
                } else {
                    corrupted[at] = (byte) random.nextInt(256);
                }
            }
            int length = random.nextInt(4) == 0 ? random.nextInt(corrupted.length + 1) : corrupted.length;
            byte[] input = java.util.Arrays.copyOf(corrupted, length);
            try {
                CapturedConnection.split(PcapReader.read(input));
            } catch (CaptureFormatException refused) {
                // the expected answer to a broken file
            } catch (RuntimeException crash) {
                fail("round " + round + " of " + capture + " crashed the reader", crash);
            }
        }
    }
}
