package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import lab.handshake.api.Refusal;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.run.ScenarioRunner;
import org.junit.jupiter.api.Test;

/**
 * Every capture the project holds, damaged at random (bytes changed, cut short, a stretch repeated), is either explained
 * or refused as a capture the reader can be told about (a {@link Refusal}, a scenario out of bounds): never a failure
 * of the engine, which the API would answer with 500. Seeded per file, so a failure names what to replay.
 */
class DamagedCaptureTest {
    private static final int DAMAGES_PER_FILE = 8;
    /** The connections of a file replayed: the first ones are enough to reach every part of the replay. */
    private static final int CONNECTIONS_PER_FILE = 3;

    @Test
    void aDamagedCaptureIsExplainedOrRefusedNeverFailsTheEngine() throws IOException {
        List<Path> captures;
        try (Stream<Path> files = Files.walk(Path.of("src", "test", "resources", "captures"))) {
            captures = files.filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng")).sorted().toList();
        }
        assertTrue(captures.size() > 50, "captures found: " + captures.size());
        // The files are damaged and replayed side by side: the replays are pure and this is the longest unit test.
        List<Damaged> results = captures.parallelStream().map(DamagedCaptureTest::damageAndReplay).toList();
        int replays = results.stream().mapToInt(Damaged::replays).sum();
        List<String> failures = results.stream().flatMap(result -> result.failures().stream()).toList();
        assertTrue(replays > 500, "replays: " + replays);
        assertEquals(List.of(), failures);
    }

    @Test
    void aSynAnnouncingAnMssOfZeroOrNoMoreThanItsTimestampsTakeIsExplained() throws IOException {
        // Linux ignores an MSS of 0 (tcp_parse_options); 12 leaves nothing beside the 12 bytes of timestamps every segment
        // carries. Both SYNs of a loopback capture (MSS 65495, option bytes 02 04 ff d7) rewritten so; before, the
        // replay's cutting of offloaded segments divided by an MSS of 0.
        byte[] original = Files.readAllBytes(Path.of("src", "test", "resources", "captures", "loopback", "loopback-netns-get-10k.pcap"));
        for (int mss : new int[] {0, 12}) {
            byte[] rewritten = original.clone();
            int found = 0;
            for (int i = 0; i + 3 < rewritten.length; i++) {
                if (rewritten[i] == 2 && rewritten[i + 1] == 4 && rewritten[i + 2] == (byte) 0xff && rewritten[i + 3] == (byte) 0xd7) {
                    rewritten[i + 2] = (byte) (mss >> 8);
                    rewritten[i + 3] = (byte) mss;
                    found++;
                }
            }
            assertEquals(2, found, "both SYNs' MSS options");
            CapturedConnection connection = CapturedConnection.split(PcapReader.read(rewritten)).get(0);
            for (String profile : List.of("linux", "rfc9293")) {
                try {
                    CaptureReplay.rebuild(connection, Profile.parse(profile), Language.EN, Map.of("en", "mss " + mss));
                } catch (Refusal | ScenarioRunner.InvalidSpecException refused) {
                    // an MSS out of the scenario format's range is told to the reader
                }
            }
        }
    }

    /** What one file's damaged copies gave: how many replays ran, and each failure of the engine. */
    private record Damaged(int replays, List<String> failures) {
    }

    private static Damaged damageAndReplay(Path file) {
        byte[] original;
        try {
            original = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> failures = new ArrayList<>();
        int replays = 0;
        Random random = new Random(file.getFileName().toString().hashCode());
        for (int damage = 0; damage < DAMAGES_PER_FILE; damage++) {
            byte[] damaged = damaged(original, random);
            List<CapturedConnection> connections;
            try {
                connections = CapturedConnection.split(PcapReader.read(damaged));
            } catch (Refusal refused) {
                continue;
            } catch (RuntimeException e) {
                failures.add(file.getFileName() + " damage " + damage + ", read: " + e);
                continue;
            }
            for (CapturedConnection connection : connections.subList(0, Math.min(CONNECTIONS_PER_FILE, connections.size()))) {
                for (String profile : List.of("linux", "rfc9293")) {
                    replays++;
                    try {
                        CaptureReplay.rebuild(connection, Profile.parse(profile), Language.EN, Map.of("en", "damaged"));
                    } catch (Refusal | ScenarioRunner.InvalidSpecException refused) {
                        // told to the reader as 400, 413 or 422
                    } catch (RuntimeException e) {
                        failures.add(file.getFileName() + " damage " + damage + ", " + connection.client() + " under "
                                + profile + ": " + e + " at " + e.getStackTrace()[0]);
                    }
                }
            }
        }
        return new Damaged(replays, failures);
    }

    /** The file with its header kept and one damage after it: bytes changed, cut short, or a stretch repeated. */
    private static byte[] damaged(byte[] original, Random random) {
        byte[] copy = original.clone();
        int from = Math.min(24, copy.length - 1);
        switch (random.nextInt(4)) {
            case 0 -> {
                int end = from + random.nextInt(copy.length - from);
                return java.util.Arrays.copyOf(copy, end);
            }
            case 1 -> {
                int start = from + random.nextInt(copy.length - from);
                int end = Math.min(copy.length, start + 1 + random.nextInt(200));
                byte[] longer = new byte[copy.length + end - start];
                System.arraycopy(copy, 0, longer, 0, end);
                System.arraycopy(copy, start, longer, end, copy.length - start);
                return longer;
            }
            default -> {
                for (int i = 1 + random.nextInt(12); i > 0; i--) {
                    copy[from + random.nextInt(copy.length - from)] = (byte) random.nextInt(256);
                }
                return copy;
            }
        }
    }
}
