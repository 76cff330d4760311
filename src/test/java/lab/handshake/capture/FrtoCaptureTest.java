package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;

/**
 * F-RTO with SACK held to a kernel capture (docs/linux-captures.md §72; tools/linux-captures/runs/frto-s72, made with
 * {@code hlcap.py run-spec … --profile defaults}, CUBIC, server side): the client's first flight of ten segments and its tail
 * loss probe are dropped at the server, so its retransmission timer sends J+1 again with data waiting. Linux 6.18 sends
 * two new segments on the ACK of it (RFC 5682 §3.1 step 2.b), the SACKs for them say the loss was real (step 3.a,
 * FLAG_DATA_SACKED), and the lost segments go in slow-start rounds. The scenario file run under linux sends the same
 * segments in the same round trips.
 */
class FrtoCaptureTest {
    private static final Path RUN = Path.of("tools", "linux-captures", "runs", "frto-s72");
    /** The rounds compared: the timeout's, F-RTO's new data, the first retransmissions and two slow-start rounds. */
    private static final int ROUNDS = 5;

    @Test
    void aTimeoutWithSackAndDataWaiting_sendsNewDataFirstThenTheLostSegmentsInTheKernelsRounds_rfc5682Section3_1()
            throws IOException {
        byte[] pcap = Files.readAllBytes(RUN.resolve("frto-sack-flight-and-probe-lost-defaults.pcap"));
        CapturedConnection connection = CapturedConnection.split(PcapReader.read(pcap)).get(0);
        long isn = Integer.toUnsignedLong(connection.isn(true));
        List<long[]> kernel = connection.segments().stream().filter(s -> connection.fromClient(s) && s.payloadLength() > 0)
                .map(s -> new long[] {s.timeMicros() / 1_000, relative(Integer.toUnsignedLong(s.seq()), isn)}).toList();
        Trace trace = engineRun();
        long engineIsn = trace.endpoints().get("client").isn();
        List<long[]> engine = trace.segments().stream().filter(s -> s.from().equals("client") && s.len() > 0)
                .map(s -> new long[] {s.sentAt(), relative(s.seq(), engineIsn)}).toList();
        assertEquals(roundsFromTheTimeout(kernel), roundsFromTheTimeout(engine));
    }

    /**
     * With SACK, step 3.a is a SACK of F-RTO's new data (FLAG_DATA_SACKED), not a duplicate ACK by RFC 5681's definition
     * (the server's window grows with each: 67, 70, 73 units in the capture): the retransmission it lets go, J+1449, says
     * that F-RTO's test is over, as without SACK.
     */
    @Test
    void theSackOfFrtosNewData_endsItsTest_andTheRetransmissionSaysSo_rfc5682Section3_1Step3a() throws IOException {
        Trace trace = engineRun();
        long isn = trace.endpoints().get("client").isn();
        int resent = trace.segments().stream().filter(s -> s.from().equals("client") && relative(s.seq(), isn) == 1449)
                .reduce((first, again) -> again).orElseThrow().id();
        String text = trace.steps().stream()
                .filter(step -> step.kind() == StepKind.SEND && Integer.valueOf(resent).equals(step.segmentId()))
                .map(TraceStep::text).findFirst().orElseThrow();
        assertTrue(text.contains("F-RTO's test is over"), text);
    }

    /**
     * After the recovery the client is in congestion avoidance, and each round's ACKs reach it back to back, each
     * letting one segment go. Linux sends the round's first segment at once (its last data left a round trip ago), and
     * then, the congestion window's room one segment, no more than the data waiting, and the oldest segment in flight
     * due to be acknowledged now, waits for the next ACK and sends two segments as one packet, PSH on the second
     * (tcp_tso_should_defer, is_cwnd_limited; __tcp_transmit_skb). The engine's client pushes the same segments as the
     * kernel's from the first new data after the recovery, J+18825, on (docs/linux-captures.md §75); before, it sent
     * one segment per ACK, without PSH, and its server left the round's last segment to its delayed-ACK timer, 42 ms on.
     */
    @Test
    void aCongestionAvoidanceRoundClockedByBackToBackAcks_leavesInPacketsOfTwoAsTheKernelsDid_tcpTsoShouldDefer()
            throws IOException {
        byte[] pcap = Files.readAllBytes(RUN.resolve("frto-sack-flight-and-probe-lost-defaults.pcap"));
        CapturedConnection connection = CapturedConnection.split(PcapReader.read(pcap)).get(0);
        long isn = Integer.toUnsignedLong(connection.isn(true));
        List<Long> kernel = connection.segments().stream()
                .filter(s -> connection.fromClient(s) && s.payloadLength() > 0 && Flags.has(s.flags(), Flags.PSH))
                .map(s -> relative(Integer.toUnsignedLong(s.seq()), isn)).filter(seq -> seq >= 18825).toList();
        Trace trace = engineRun();
        long engineIsn = trace.endpoints().get("client").isn();
        List<Long> engine = trace.segments().stream()
                .filter(s -> s.from().equals("client") && s.len() > 0 && s.flags().contains("PSH"))
                .map(s -> relative(s.seq(), engineIsn)).filter(seq -> seq >= 18825).toList();

        assertEquals(List.of(20273L, 28961L, 31857L, 36201L, 39097L, 41993L), kernel);
        assertEquals(kernel, engine);
    }

    /**
     * The capture explained (docs/linux-captures.md §75): the program wrote all 43,440 bytes at once, and the tail loss
     * probe at 312.4 ms sent J+14481, new data, while the ten segments of the first flight filled the congestion window:
     * a probe sends data written and held before it (tcp_send_loss_probe: tcp_write_xmit with push_one 2) and else the
     * last segment again, so that segment was written by the time the flight left (101.8 ms). Before, the replay took
     * it as written when it left, after the replayed probe timer (308 ms) had found nothing waiting: 34 departures.
     */
    @Test
    void theProbesNewDataBehindAFullCongestionWindow_isReplayedAsWrittenBeforeTheProbe_noDeparture_tcpSendLossProbe()
            throws IOException {
        CapturedConnection connection = CapturedConnection.split(
                PcapReader.read(Files.readAllBytes(RUN.resolve("frto-sack-flight-and-probe-lost-defaults.pcap")))).get(0);
        CaptureReplay.Rebuilt rebuilt = CaptureReplay.rebuild(connection, Profile.LINUX, Language.EN, Map.of("en", "frto"));

        assertEquals(List.of(), rebuilt.trace().steps().stream().filter(step -> step.kind() == StepKind.DEVIATION)
                .map(TraceStep::text).toList());
        int writtenWithTheFlight = rebuilt.scenario().actions().stream()
                .filter(action -> "client".equals(action.host()) && "send".equals(action.call())
                        && "established".equals(action.on()) && action.delayMs() < 100)
                .mapToInt(action -> action.bytes()).sum();
        assertEquals(11 * 1448, writtenWithTheFlight, "the first flight and the probe's segment, written before the probe");
    }

    /** The scenario file the capture was made from, run under linux. */
    private static Trace engineRun() throws IOException {
        ScenarioSpec spec = new ObjectMapper(new YAMLFactory())
                .readValue(RUN.resolve("frto-sack-flight-and-probe-lost.yaml").toFile(), ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
    }

    /** A sequence number relative to the ISN, as hlcap's tables write it (J+1449: 1449). */
    private static long relative(long seq, long isn) {
        return (seq - isn) & 0xFFFFFFFFL;
    }

    /**
     * The relative sequence numbers of the data sent from the timeout's retransmission of J+1 on, in rounds: a round
     * ends where the next data leaves 50 ms or more later (the path's round trip is 100 ms).
     */
    private static List<List<Long>> roundsFromTheTimeout(List<long[]> sent) {
        int start = 1;
        while (sent.get(start)[1] != 1) {
            start++;
        }
        List<List<Long>> rounds = new ArrayList<>();
        long last = 0;
        for (long[] segment : sent.subList(start, sent.size())) {
            if (rounds.isEmpty() || segment[0] - last >= 50) {
                if (rounds.size() == ROUNDS) {
                    break;
                }
                rounds.add(new ArrayList<>());
            }
            rounds.get(rounds.size() - 1).add(segment[1]);
            last = segment[0];
        }
        return rounds;
    }
}
