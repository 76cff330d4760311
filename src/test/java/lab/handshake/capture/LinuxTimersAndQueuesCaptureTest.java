package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Language;
import lab.handshake.engine.Network;
import lab.handshake.engine.Rules;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.ActionSpec;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceOption;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code linux} profile's timers and queues against captures of a real Linux 6.18 kernel
 * (tools/linux-captures, sections 12–20 of docs/linux-captures.md), each replayed with the capture's own
 * application timeline (its own scenario beside the capture in src/test/resources/captures/linux, else the catalogue
 * scenario of the same id) and the option sysctls it was made with (its env.txt).
 * Every segment must match in order per connection: sender, flags apart from PSH, sequence and acknowledgement
 * numbers relative to the ISNs, payload length, window, options, and the time it passed the server's interface
 * (where the capture was taken), relative to the first segment, within 5 ms or 5 %.
 */
class LinuxTimersAndQueuesCaptureTest {
    private static final Path CAPTURES = Path.of("src", "test", "resources", "captures", "linux");
    private static final Path RUNS = Path.of("tools", "linux-captures", "runs");
    private static final String CLIENT = "10.0.0.1";
    private static final String SERVER = "10.0.0.2";

    /**
     * One segment as the capture's interface saw it: who sent it and what it said, when (ms after the first), and how
     * late the kernel may send it ({@link #wheelLateness}; 0 for the kernel's own).
     */
    private record Seen(String line, double atMs, double mayBeLateMs) {
    }

    /**
     * Every capture of one connection, on time: each segment passes the interface where the capture was taken
     * (the server's, or the client's for a one-sided capture named {@code -client-side}) within 5 ms or 5 % of when
     * the engine's segment does, relative to the first segment. Each direction in its own order: which of two
     * segments sent the same moment from both ends passes the interface first is the wire's timing, not TCP's (the
     * order of all of them is held in {@link LinuxCaptureComparisonTest}). A segment after a timer fired may also be
     * later by up to that timer's slot of the kernel's timer wheel ({@link #wheelSlotMs}). And each segment's time since
     * the one before it in its direction, within 5 ms or 5 % of that interval ({@link #assertIntervalOnTime}), which
     * holds a late segment of a long capture to its own interval. Floods are timed per group below.
     */
    @TestFactory
    Stream<DynamicTest> everySegmentOfEveryCapturedConnection_isOnTime() throws IOException {
        List<String> captures;
        try (Stream<Path> files = Files.list(CAPTURES)) {
            captures = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".pcap"))
                    .map(name -> name.substring(0, name.length() - ".pcap".length()))
                    .filter(id -> !LinuxCaptureComparisonTest.COMPARED_AS_GROUPS.contains(id)).sorted().toList();
        }
        return captures.stream().map(id -> DynamicTest.dynamicTest(id, () -> {
            ScenarioSpec spec = specOf(id);
            Trace trace = CapturedTimerWheel.runAsCaptured(id, spec);
            String tappedAt = id.endsWith("-client-side") ? "client" : "server";
            List<Seen> kernel = kernelConnection(capture(id), CLIENT);
            List<Seen> engine = engineConnection(trace, "client", tappedAt, spec.actions());
            long start = firstSeenAt(trace, tappedAt);
            for (String direction : LinuxCaptureComparisonTest.comparedEndpoints(id).stream()
                    .map(endpoint -> endpoint.equals("client") ? "C>S " : "S>C ").toList()) {
                List<Seen> kernelWay = LinuxCaptureComparisonTest.withoutAckBeforeData(inDirection(kernel, direction), Seen::line);
                List<Seen> engineWay = LinuxCaptureComparisonTest.withoutAckBeforeData(inDirection(engine, direction), Seen::line);
                String what = id + " " + direction;
                assertEquals(kernelWay.stream().map(Seen::line).toList(), engineWay.stream().map(Seen::line).toList(),
                        what + ": segments");
                for (int i = 0; i < kernelWay.size(); i++) {
                    double engineMs = engineWay.get(i).atMs();
                    assertOnTime(kernelWay.get(i).atMs(), engineMs, wheelAllowanceMs(trace, start + engineMs),
                            what + ": segment " + (i + 1) + " " + kernelWay.get(i).line());
                    if (i > 0 && !INTERVAL_NOT_HELD.containsKey(id)) {
                        assertIntervalOnTime(kernelWay.get(i - 1), kernelWay.get(i), engineWay.get(i - 1), engineWay.get(i),
                                what + ": segment " + (i + 1) + " " + kernelWay.get(i).line());
                    }
                }
            }
        }));
    }

    @Test
    void unansweredSyn_isSentElevenTimesAndConnectFailsAfterTheTimeBudget_linuxTcpWriteTimeout() throws IOException {
        List<CapturedSegment> captured = capture("syn-unanswered");
        Trace trace = replay("syn-unanswered");

        assertSameSegments(kernelConnection(captured, CLIENT), engineConnection(trace, "client"), "syn-unanswered");
        assertEquals(11, captured.size(), "the kernel sent 11 SYNs");

        // connect() failed 134.2 s after it was called (client.log; 133.7 s in the run the pcap is from).
        assertConnectFailsOnTime("syn-unanswered", trace);
    }

    @Test
    void synRetries2_sendsSixSynsAndConnectFailsAtItsSevenSecondBudget_linuxTcpModelTimeout() throws IOException {
        List<CapturedSegment> captured = capture("syn-retries-2");
        Trace trace = replay("syn-retries-2");

        assertSameSegments(kernelConnection(captured, CLIENT), engineConnection(trace, "client"), "syn-retries-2");
        assertEquals(6, captured.size(), "the kernel sent 6 SYNs");
        // connect() failed 7.17 s after it was called (client.log): at the timer after the sixth SYN.
        assertConnectFailsOnTime("syn-retries-2", trace);
    }

    /** The engine's client gives up when the kernel's connect() failed; the first SYN reached the server 50 ms after the call. */
    private static void assertConnectFailsOnTime(String id, Trace trace) throws IOException {
        double kernelFailure = loggedAt(id, "client", "connect() failed") - loggedAt(id, "client", "connect() called") - 50;
        TraceStep closed = trace.steps().stream()
                .filter(step -> "client".equals(step.endpoint()) && "CLOSED".equals(step.stateAfter())
                        && "SYN_SENT".equals(step.stateBefore()))
                .findFirst().orElseThrow(() -> new AssertionError("the engine's client never gave up"));
        double engineFailure = closed.at() - firstSeenAt(trace, "server");
        assertWithinTolerance(kernelFailure, engineFailure, id + ": connect() fails");
    }

    /**
     * zero-window-probe-give-up (docs/linux-captures.md §33): the server's window is shut and, from 400 ms on, nothing it
     * sends reaches the client. With tcp_retries2 = 3 the client probes three times (the back-off doubling each
     * interval), and when the persist timer fires a fourth time with three probes unanswered the kernel drops the
     * connection without a segment (tcp_probe_timer: icsk_probes_out >= max_probes, tcp_write_err) and the
     * application's recv() fails with ETIMEDOUT; the engine gives up as the kernel does, on time. The pcap is kept with
     * its run (tools/linux-captures/runs), not among the captures the capture explainer must replay: nothing on the
     * wire says that the client's tcp_retries2 was 3 or that the server's answers were lost before the client.
     */
    @Test
    void unansweredWindowProbes_giveUpAfterTcpRetries2ProbesWithoutAReset_rfc9293Section3_8_6_1_linuxTcpProbeTimer()
            throws IOException {
        String id = "zero-window-probe-give-up";
        List<CapturedSegment> captured = PcapReader.read(Files.readAllBytes(RUNS.resolve(id).resolve(id + ".pcap")));
        Trace trace = replay(id);
        for (String direction : List.of("C>S ", "S>C ")) {
            assertSameSegments(inDirection(kernelConnection(captured, CLIENT), direction),
                    inDirection(engineConnection(trace, "client"), direction), id + " " + direction);
        }

        assertEquals(3, captured.stream().filter(s -> s.srcAddress().equals(CLIENT) && s.payloadLength() == 0
                && Flags.has(s.flags(), Flags.ACK) && !Flags.has(s.flags(), Flags.SYN)).count() - 1,
                "the kernel's window probes (its pure ACKs but the handshake's)");
        assertTrue(captured.stream().noneMatch(s -> Flags.has(s.flags(), Flags.RST)), "the kernel sends no RST");
        assertTrue(trace.segments().stream().noneMatch(s -> Flags.has(Flags.parse(s.flags()), Flags.RST)), "nor does the engine");

        TraceStep gaveUp = trace.steps().stream()
                .filter(step -> "client".equals(step.endpoint()) && "CLOSED".equals(step.stateAfter()))
                .findFirst().orElseThrow(() -> new AssertionError("the engine's client never gave up"));
        assertEquals(Rules.ZERO_WINDOW_PROBE, gaveUp.rule());
        // The programs' T0 is the engine's time 0: the client's recv() failed with ETIMEDOUT then (client.log).
        assertWithinTolerance(loggedAt(id, "client", "recv() failed"), gaveUp.at(), id + ": the connection times out");
    }

    @Test
    void synFloodOfAListen8Queue_holdsNineAndPrunesFiveSoTheLateClientGetsIn_linuxReqskTimerHandler() throws IOException {
        // Which of the nine expire early depends on the order in which the kernel's timer wheel runs timers that
        // are due in the same jiffy: four answered five times, five answered three times, one never.
        assertFloodMatches("syn-flood-queue", List.of(4, 5, 1));
    }

    @Test
    void synFloodOfAListen4QueueWithoutCookies_holdsFourAndLocksTheClientOut_linuxTcpConnRequest() throws IOException {
        // Four answered four times (SYN,ACK retries at 1 and 3 s, then 7 s), four dropped; every SYN of the
        // real client dropped too.
        assertFloodMatches("syn-flood-nocookies", List.of(4, 4));
    }

    @Test
    void synFloodOfAListen4QueueWithCookies_queuesFiveAndAnswersTheRestAndTheClientWithCookies_linuxCookieV4Check()
            throws IOException {
        // Five queued: at the third timer (7 s) the queue is five of max(8, 4) with none young, so the first
        // entry to fire loses its last retries and expires; the other four are answered a fourth time. Three
        // are answered once with a cookie, never again; the real client gets a cookie too and its ACK makes the
        // connection.
        assertFloodMatches("syn-flood-cookies", List.of(4, 1, 3));
    }

    @Test
    void synFloodOfAListen8QueueOverItsWholeLife_prunesFiveAtTheThirdRoundAndTheRestExpireAfterFiveRetries_linuxReqskTimerHandler()
            throws IOException {
        // Nine held, all answered again at 1 and 3 s; at the third round (7 s) none is young, so five lose their
        // last retries and expire; the four left, once the queue is down to half of max(8, 8), are answered at 7,
        // 15 and 31 s and expire at 63 s. The real client's SYNs at 4.5, 5.5 and 6.5 s find the queue full; the
        // one at 7.5 s gets in.
        // No segment shows an expiry; the server's `ss` snapshots do: four SYN-RECV at 62.5 s and, the wheel running
        // the 32 s timer late, still at 64.5 s; none at 68 s.
        assertWholeLifeMatches("syn-flood-full-life", List.of(4, 5, 1), "flood", 5);
    }

    @Test
    void synFloodInTwoWaves_theYoungSecondWaveSavesTheFirstWavesRetriesAtItsThirdRound_linuxReqskTimerHandler()
            throws IOException {
        // Five at 0 s and four at 6.6 s fill the queue (nine of max(8, 8)). At the first wave's third round (7 s)
        // the four of the second are young (2 * 4 <= 9 takes one retry, 4 * 4 > 9 no more): none of the first wave
        // expires, as all would with none young. At the second wave's third round (13.6 s) none is young: all four
        // expire; at the first wave's fourth (15 s) the queue is five, so the first to fire expires and the other
        // four are answered at 15 and 31 s.
        assertWholeLifeMatches("syn-flood-young-waves", List.of(4, 1, 4), "wave1", 5);
    }

    @Test
    void synFloodOfHalfAListen16Queue_keepsEveryEntryAndItsFourSynAcksWhileTheClientGetsIn_linuxReqskTimerHandler()
            throws IOException {
        // Eight answered four times (SYN,ACK at 0, then retries at 1, 3 and 7 s), none dropped: once the real
        // client's entry has become its connection the queue holds eight, not more than half of max(8, 16), so
        // no entry loses a retry. The kernel's retries come 17, 37 and 161 ms after the engine's: each timer is
        // armed when the last one ran, and the timer wheel runs it late by up to its granularity at HZ=250 (32 ms
        // for 1 and 2 s, 256 ms for 4 s), within the 5 %.
        assertFloodMatches("syn-flood-half-open", List.of(8));
        Trace trace = replay("syn-flood-half-open");
        TraceStep last = trace.steps().get(trace.steps().size() - 1);
        assertEquals(8, last.synQueue().get("server"), "half-open entries left at the end of the capture");

        // The real client's outcome: connect() and the server's connection, in ms after connect() was called.
        long connectCalled = firstCallAt(trace);
        assertWithinTolerance(eventAt("syn-flood-half-open", "client", "event c_est"),
                establishedAt(trace, "client") - connectCalled, "the client's connection is established");
        assertWithinTolerance(eventAt("syn-flood-half-open", "server", "event s_est"),
                establishedAt(trace, "server") - connectCalled, "the server's connection is established");
    }

    /** When an endpoint's connection with the other named endpoint became ESTABLISHED. */
    private static long establishedAt(Trace trace, String endpoint) {
        return trace.steps().stream()
                .filter(step -> endpoint.equals(step.endpoint()) && step.peer() == null
                        && "ESTABLISHED".equals(step.stateAfter()) && !"ESTABLISHED".equals(step.stateBefore()))
                .findFirst().orElseThrow(() -> new AssertionError("the engine's " + endpoint + " never got in")).at();
    }

    /**
     * The real client's connection segment by segment, and the spoofed ones as groups of equal stories, each
     * group in the order of its SYNs: which entries of a full queue a timer serves first depends on the order in
     * which the kernel's timer wheel runs timers due in the same jiffy. Returns the engine's trace.
     */
    private static Trace assertFloodMatches(String id, List<Integer> storySizes) throws IOException {
        List<CapturedSegment> captured = capture(id);
        Trace trace = replay(id);

        assertSameSegments(kernelConnection(captured, CLIENT), engineConnection(trace, "client"), id + ", the real client");

        Map<List<String>, List<List<Seen>>> kernelFlood = byStory(kernelFloodConnections(captured));
        Map<List<String>, List<List<Seen>>> engineFlood = byStory(engineFloodConnections(trace));
        assertEquals(storySizes, kernelFlood.values().stream().map(List::size).toList(), "the kernel's flood stories in " + id);
        assertEquals(kernelFlood.keySet(), engineFlood.keySet(), "what the spoofed connections of " + id + " went through");
        for (Map.Entry<List<String>, List<List<Seen>>> group : kernelFlood.entrySet()) {
            List<List<Seen>> engine = engineFlood.get(group.getKey());
            assertEquals(group.getValue().size(), engine.size(), "spoofed connections of " + id + " that went through " + group.getKey());
            for (int i = 0; i < engine.size(); i++) {
                assertSameSegments(group.getValue().get(i), engine.get(i), id + ", spoofed connection " + (i + 1) + " of its kind");
            }
        }
        return trace;
    }

    /**
     * A flood captured until every entry expired: its connections as {@link #assertFloodMatches}, the queue at each
     * snapshot as {@link #assertSynQueueAtEachSnapshot}, and how many entries the trace says were pruned.
     */
    private static void assertWholeLifeMatches(String id, List<Integer> storySizes, String floodEvent, int pruned)
            throws IOException {
        Trace trace = assertFloodMatches(id, storySizes);
        assertSynQueueAtEachSnapshot(id, floodEvent, trace);
        assertEquals(pruned, prunedEntries(trace), id + ": entries whose give-up names the pruning");
    }

    /**
     * The listener's SYN queue over the flood's life: at each {@code ss -tano} snapshot of the server (server.log),
     * the engine holds as many half-open entries as the kernel listed SYN-RECV sockets at some moment within 5 ms or
     * 5 % of it (the kernel's timer wheel runs a 32 s timer up to 2 s late at HZ=250). The engine's clock starts when
     * the flood was sent (the client's {@code floodEvent}).
     */
    private static void assertSynQueueAtEachSnapshot(String id, String floodEvent, Trace trace) throws IOException {
        double floodAt = eventAt(id, "client", "event " + floodEvent);
        ObjectMapper json = new ObjectMapper();
        int snapshots = 0;
        for (String line : Files.readAllLines(RUNS.resolve(id).resolve("server.log"))) {
            JsonNode record = json.readTree(line);
            String label = record.path("msg").asText();
            if (label.startsWith("ss ")) {
                long kernel = record.path("ss").asText().lines().filter(row -> row.startsWith("SYN-RECV")).count();
                double atMs = record.path("t_ms").asDouble() - floodAt;
                Set<Long> engine = engineSynQueueWithin(trace, atMs, Math.max(5, 0.05 * atMs));
                assertTrue(engine.contains(kernel), id + ": " + kernel + " half-open entries at " + label
                        + " in the kernel, " + engine + " in the engine then");
                snapshots++;
            }
        }
        assertTrue(snapshots > 0, "no ss snapshot in " + id + "/server.log");
    }

    /** The engine's half-open entries that a crowded queue took the last retries of, as the trace names them. */
    private static long prunedEntries(Trace trace) {
        return trace.steps().stream().filter(step -> Rules.LINUX_SYN_QUEUE_PRUNING.equals(step.rule())).count();
    }

    /** The server's half-open entries in the engine from {@code atMs - toleranceMs} to {@code atMs + toleranceMs}. */
    private static Set<Long> engineSynQueueWithin(Trace trace, double atMs, double toleranceMs) {
        long before = 0;
        Set<Long> within = new TreeSet<>();
        for (TraceStep step : trace.steps()) {
            if (step.synQueue() == null || step.at() > atMs + toleranceMs) {
                continue;
            }
            long queue = step.synQueue().getOrDefault("server", 0);
            if (step.at() <= atMs - toleranceMs) {
                before = queue;
            } else {
                within.add(queue);
            }
        }
        within.add(before);
        return within;
    }

    /** Connections grouped by their segments without times, the groups ordered by how many segments they have. */
    private static Map<List<String>, List<List<Seen>>> byStory(List<List<Seen>> connections) {
        Map<List<String>, List<List<Seen>>> groups = new TreeMap<>(
                Comparator.comparingInt((List<String> story) -> -story.size()).thenComparing(Object::toString));
        for (List<Seen> connection : connections) {
            groups.computeIfAbsent(connection.stream().map(Seen::line).toList(), k -> new ArrayList<>()).add(connection);
        }
        return groups;
    }

    @Test
    void connectFromAPortInTimeWait_takesTheTupleOverAfterTcpTwReuseDelay_rfc6191_linuxTcpTwskUnique() throws IOException {
        List<CapturedSegment> captured = capture("time-wait-reuse");
        Trace trace = replay("time-wait-reuse");

        // The four-way close, then 1.5 s after the client's close() a new handshake on the same 4-tuple, on time.
        assertSameSegments(kernelConnection(captured, CLIENT), engineConnection(trace, "client"), "time-wait-reuse");
        assertEquals("ESTABLISHED", trace.finalStates().get("client"));
        // The second connect() returned 2002.7 ms after the first was called (client.log: c_est2); the one before
        // it, with tcp_tw_reuse=0, failed with EADDRNOTAVAIL and sent nothing.
        long engineReestablished = trace.steps().stream()
                .filter(step -> "client".equals(step.endpoint()) && "ESTABLISHED".equals(step.stateAfter())
                        && "SYN_SENT".equals(step.stateBefore()))
                .mapToLong(TraceStep::at).max().orElseThrow();
        assertWithinTolerance(eventAt("time-wait-reuse", "client", "event c_est2"),
                engineReestablished - firstCallAt(trace), "the second connect() returns");
    }

    /**
     * The relay wrote an old duplicate of 500 bytes at J+501, the next byte the server expected, with the client's
     * TSval of 1 s before (tools/linux-captures/hlcap.py, Injector). The kernel dropped it by PAWS (nstat
     * TcpExtPAWSEstab 1) and answered with a duplicate ACK that still echoes the TSval of the client's data, not the
     * old one (tcp_validate_incoming, tcp_send_dupack); the engine sends the same.
     */
    @Test
    void oldDuplicateInsideTheWindow_isDroppedByPawsAndAcked_rfc7323Section5_3_linuxTcpValidateIncoming() throws IOException {
        List<CapturedSegment> captured = capture("paws-old-duplicate");
        Trace trace = replay("paws-old-duplicate");
        assertSameSegments(kernelConnection(captured, CLIENT), engineConnection(trace, "client"), "paws-old-duplicate");

        List<long[]> kernel = captured.stream().map(s -> timestampsAt(s.timeMicros() / 1000, s.options())).toList();
        List<long[]> engine = trace.segments().stream().map(s -> timestampsAt(s.sentAt(), s.options())).toList();
        for (List<long[]> run : List.of(kernel, engine)) {
            long[] clientData = run.get(3);
            long[] old = run.get(5);
            long[] dupAck = run.get(6);
            long clientClockThen = clientData[1] + (old[0] - clientData[0]);
            assertTrue(Math.abs(clientClockThen - 1000 - old[1]) <= 2, "the old duplicate's TSval: the client's clock 1 s before");
            assertEquals(clientData[1], dupAck[2], "the duplicate ACK echoes TS.Recent, the TSval of the client's data");
        }
        assertTrue(Files.readString(RUNS.resolve("paws-old-duplicate").resolve("env.txt")).matches("(?s).*TcpExtPAWSEstab +1 .*"),
                "the kernel counted one segment dropped by PAWS");
    }

    /**
     * time-wait-paws-old-data-client-side (docs/linux-captures.md §34): old segments from the server's side met the
     * client's TIME-WAIT. The kernel's PAWS rejected all three (nstat TcpExtPAWSTimewait 3), left the second pure ACK
     * unanswered (TcpExtTCPACKSkippedTimeWait 1: tcp_oow_rate_limited) and restarted TIME-WAIT for the old data at
     * T0+10 s: the client's last ss shows 59 s left, where 50 would be without the restart (tcp_timewait_state_process:
     * inet_twsk_reschedule). The engine's client arms its TIME-WAIT timer for the last time as that data arrives, so
     * it has as much left at the moment of that ss, to the second ss prints.
     */
    @Test
    void oldDataMeetingTimeWait_restartsItsTimer_rfc7323Section5_3_linuxTcpTimewaitStateProcess() throws IOException {
        String id = "time-wait-paws-old-data-client-side";
        String nstat = Files.readString(RUNS.resolve(id).resolve("env.txt"));
        assertTrue(nstat.matches("(?s).*TcpExtPAWSTimewait +3 .*"), "three segments rejected by PAWS in TIME-WAIT");
        assertTrue(nstat.matches("(?s).*TcpExtTCPACKSkippedTimeWait +1 .*"), "one answer left out by the rate limit");
        Matcher last = Pattern
                .compile("\"t_ms\": ([0-9.]+), \"msg\": \"ss end\".*TIME-WAIT[^\\n]*timer:\\(timewait,([0-9]+)sec")
                .matcher(Files.readString(RUNS.resolve(id).resolve("client.log")));
        assertTrue(last.find(), "the client's last ss shows its TIME-WAIT");
        double ssAtMs = Double.parseDouble(last.group(1));
        int kernelLeftS = Integer.parseInt(last.group(2));

        Trace trace = replay(id);
        long armedAt = trace.steps().stream().filter(s -> "client".equals(s.endpoint()) && s.kind() == StepKind.TIMER_ARMED
                && s.detail().startsWith("time-wait")).mapToLong(TraceStep::at).max().orElseThrow();
        assertEquals(10_050, armedAt, "restarted by the old data (injected at 10 s, 50 ms on the way)");
        assertEquals(kernelLeftS, (int) ((armedAt + 60_000 - ssAtMs) / 1000), "seconds of TIME-WAIT left at the last ss");
    }

    /**
     * time-wait-old-segments-noopts and -rfc1337 (docs/linux-captures.md §37): a RST at the server's RCV.NXT at T0+3 s
     * ended its TIME-WAIT with tcp_rfc1337 = 0 (its last ss shows none: inet_twsk_deschedule_put) and was ignored with
     * tcp_rfc1337 = 1, where the client's FIN again at T0+3.5 s restarted the 60 s (the last ss shows 59 s left). The
     * engine's server ends TIME-WAIT at that RST, or arms its timer for the last time as that FIN arrives.
     */
    @ParameterizedTest
    @CsvSource({"time-wait-old-segments-noopts, false", "time-wait-old-segments-rfc1337, true"})
    void rstAtRcvNxtMeetingTimeWait_endsItUnlessTcpRfc1337_linuxTcpTimewaitStateProcess(String id, boolean survives)
            throws IOException {
        Matcher last = Pattern.compile("\"t_ms\": ([0-9.]+), \"msg\": \"ss end\", \"ss\": \"([^\"]*)\"")
                .matcher(Files.readString(RUNS.resolve(id).resolve("server.log")));
        assertTrue(last.find(), "the server's last ss");
        Matcher timeWait = Pattern.compile("TIME-WAIT.*timer:\\(timewait,([0-9]+)sec").matcher(last.group(2));
        assertEquals(survives, timeWait.find(), "the kernel's TIME-WAIT at the server's last ss");

        Trace trace = replay(id);
        boolean ended = trace.steps().stream().anyMatch(s -> "server".equals(s.endpoint())
                && "TIME_WAIT".equals(s.stateBefore()) && "CLOSED".equals(s.stateAfter()) && s.at() == 3050);
        assertEquals(!survives, ended, "the engine's TIME-WAIT ended by the RST");
        if (survives) {
            long armedAt = trace.steps().stream().filter(s -> "server".equals(s.endpoint()) && s.kind() == StepKind.TIMER_ARMED
                    && s.detail().startsWith("time-wait")).mapToLong(TraceStep::at).max().orElseThrow();
            assertEquals(3550, armedAt, "restarted by the old FIN (injected at 3.5 s, 50 ms on the way)");
            assertEquals(Integer.parseInt(timeWait.group(1)), (int) ((armedAt + 60_000 - Double.parseDouble(last.group(1))) / 1000),
                    "seconds of TIME-WAIT left at the last ss");
        }
    }

    /** {time ms, TSval, TSecr} of a segment. */
    private static long[] timestampsAt(long atMs, List<TraceOption> options) {
        TraceOption ts = options.stream().filter(o -> o.kind() == OptionKind.TIMESTAMPS).findFirst().orElseThrow();
        return new long[] {atMs, ts.tsVal(), ts.tsEcr()};
    }

    /** When the client's first call (connect()) was made: the role programs' T0. */
    private static long firstCallAt(Trace trace) {
        return trace.steps().stream().filter(step -> "client".equals(step.endpoint()) && step.kind() == StepKind.CALL)
                .mapToLong(TraceStep::at).min().orElseThrow();
    }

    @Test
    void closeWithUnreadData_sendsRstAckInsteadOfFin_rfc9293Section3_6_1_linuxTcpClose() throws IOException {
        List<CapturedSegment> captured = capture("close-unread-data");
        Trace trace = replay("close-unread-data");

        assertSameSegments(kernelConnection(captured, CLIENT), engineConnection(trace, "client"), "close-unread-data");
        assertEquals("LISTEN", trace.finalStates().get("server"), "its connection is gone; the replayed listener still listens");
        assertEquals("CLOSED", trace.finalStates().get("client"));
    }

    @Test
    void unreadDataShrinksTheWindowAndTheReadReopensItWithAWindowUpdate_rfc9293Section3_8_6_2_2_linuxTcpCleanupRbuf()
            throws IOException {
        List<CapturedSegment> captured = capture("receive-window-unread");
        Trace trace = replay("receive-window-unread");

        // Three quick ACKs, then one delayed ACK for two segments (the window would shrink, so the second
        // segment does not force an ACK), then the window update 300 ms after accept(): all on time. Each
        // direction in its own order: the five segments arrive within 0.1 ms, and whether an ACK passes the
        // interface between two of them is the wire's timing, not TCP's.
        for (String direction : List.of("C>S ", "S>C ")) {
            assertSameSegments(inDirection(kernelConnection(captured, CLIENT), direction),
                    inDirection(engineConnection(trace, "client"), direction), "receive-window-unread " + direction);
        }
        List<Integer> kernelWindows = captured.stream().filter(s -> s.srcAddress().equals(SERVER))
                .map(CapturedSegment::window).toList();
        List<Integer> engineWindows = trace.segments().stream().filter(s -> "server".equals(s.from()))
                .map(TraceSegment::window).toList();
        // SYN,ACK; grown once by the first full segment; shrinking while 7300 bytes wait; reopened by the read.
        assertEquals(List.of(7300, 8760, 7300, 5840, 2920, 8760), kernelWindows, "the kernel's windows");
        assertEquals(kernelWindows, engineWindows, "the server's windows");
    }

    // ---------------------------------------------------------------------------------------------------

    /**
     * small-window-partial-segment (docs/linux-captures.md §41): 1030 unread bytes leave the server's window at 430,
     * less than the client's 730-byte segments. The 3350 bytes written at 400 ms do not go (tcp_snd_wnd_test: the first
     * segment of a pass must fit the window whole); nothing is in flight, so the probe timer is armed for an RTO, and
     * when it fires tcp_write_wakeup sends the 430 bytes the window allows, with PSH (RFC 9293 §3.8.6.2.1 rule 4, the
     * override timeout). Every segment and its time are held by the test of every capture above; this one says that
     * the partial segment is there, in the kernel's capture and in the engine alike, and why the engine sent it.
     */
    @Test
    void windowBelowOneSegment_theDataWaitsForTheProbeTimerWhichSendsWhatTheWindowAllows_rfc9293Section3_8_6_2_1_linuxTcpWriteWakeup()
            throws IOException {
        String id = "small-window-partial-segment";
        CapturedSegment kernelPartial = capture(id).stream().filter(s -> s.srcAddress().equals(CLIENT) && s.payloadLength() == 430)
                .findFirst().orElseThrow(() -> new AssertionError("no partial segment in the capture"));
        assertTrue(Flags.has(kernelPartial.flags(), Flags.PSH), "the kernel's tcp_write_wakeup sets PSH");
        Trace trace = replay(id);
        TraceSegment partial = trace.segments().stream().filter(s -> s.from().equals("client") && s.len() == 430)
                .findFirst().orElseThrow(() -> new AssertionError("no partial segment in the engine"));
        assertTrue(partial.flags().contains("PSH"), "the engine's too");
        assertTrue(trace.steps().stream().anyMatch(step -> Rules.SENDER_SWS_WHEN_TO_SEND.equals(step.rule())
                && "client".equals(step.endpoint()) && step.at() == partial.sentAt()), "the trace says why it is short");
    }

    private static List<CapturedSegment> capture(String id) throws IOException {
        return PcapReader.read(Files.readAllBytes(CAPTURES.resolve(id + ".pcap")));
    }

    /** The capture's own timeline beside it where there is one (the catalogue may teach something else), else the catalogue's. */
    static Trace replay(String id) throws IOException {
        return CapturedTimerWheel.runAsCaptured(id, specOf(id));
    }

    static Trace replay(ScenarioSpec spec) {
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
    }

    /** The scenario a capture ran, with the sysctls it ran with. */
    static ScenarioSpec specOf(String id) throws IOException {
        Path file = LinuxCaptureComparisonTest.scenarioOf(id);
        return LinuxCaptureComparisonTest.withSysctls(
                new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), ScenarioSpec.class), id);
    }

    /** The time (ms after connect() was called) a role's log line records for an event. */
    private static double eventAt(String id, String role, String message) throws IOException {
        return logged(id, role, message, "at_ms");
    }

    /** The time (ms after the programs' T0) at which a played scenario's role logged a message (spec_roles.py). */
    private static double loggedAt(String id, String role, String message) throws IOException {
        return logged(id, role, message, "t_ms");
    }

    private static double logged(String id, String role, String message, String field) throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(RUNS.resolve(id).resolve(role + ".log"))) {
            JsonNode record = json.readTree(line);
            if (message.equals(record.path("msg").asText())) {
                return record.path(field).asDouble();
            }
        }
        throw new AssertionError("no '" + message + "' in " + id + "/" + role + ".log");
    }

    /** One segment of a connection before it is numbered against the ISNs. */
    private record Raw(boolean toServer, int flags, int seq, int ack, int len, int window, List<TraceOption> options, double atMs,
                       double mayBeLateMs) {
    }

    /**
     * Writes a connection's segments against each side's ISN: the sequence number of its latest SYN (a later
     * connection on the same 4-tuple starts from a new one, random in the kernel for the server).
     */
    private static List<Seen> numbered(List<Raw> connection) {
        Integer peerIsn = null;
        Integer serverIsn = null;
        List<Seen> seen = new ArrayList<>();
        for (Raw raw : connection) {
            if (Flags.has(raw.flags(), Flags.SYN)) {
                if (raw.toServer()) {
                    peerIsn = raw.seq();
                } else {
                    serverIsn = raw.seq();
                }
            }
            int own = raw.toServer() ? orZero(peerIsn) : orZero(serverIsn);
            int other = raw.toServer() ? orZero(serverIsn) : orZero(peerIsn);
            seen.add(new Seen(describe(raw.toServer(), raw.flags(), raw.seq(), raw.ack(), raw.len(), own, other)
                    + windowAndOptions(raw.window(), raw.options(), other), raw.atMs(), raw.mayBeLateMs()));
        }
        return seen;
    }

    private static int orZero(Integer isn) {
        return isn == null ? 0 : isn;
    }

    /** The captured segments between the server and {@code peer}. */
    private static List<Seen> kernelConnection(List<CapturedSegment> captured, String peer) {
        long start = captured.get(0).timeMicros();
        List<Raw> connection = new ArrayList<>();
        for (CapturedSegment segment : captured) {
            boolean fromPeer = segment.srcAddress().equals(peer);
            if (fromPeer || segment.dstAddress().equals(peer)) {
                connection.add(new Raw(fromPeer, segment.flags(), segment.seq(), segment.ack(), segment.payloadLength(),
                        segment.window(), segment.options(), (segment.timeMicros() - start) / 1000.0, 0));
            }
        }
        return numbered(connection);
    }

    /** The spoofed connections of a capture, in the order their SYNs arrived. */
    private static List<List<Seen>> kernelFloodConnections(List<CapturedSegment> captured) {
        List<List<Seen>> connections = new ArrayList<>();
        for (String peer : captured.stream().map(s -> s.srcAddress().equals(SERVER) ? s.dstAddress() : s.srcAddress())
                .distinct().filter(peer -> !peer.equals(CLIENT)).toList()) {
            connections.add(kernelConnection(captured, peer));
        }
        return connections;
    }

    /** The engine's segments between the server and the client, timed where the server's interface is. */
    private static List<Seen> engineConnection(Trace trace, String peer) {
        return engineConnection(trace, peer, "server", List.of());
    }

    /** The engine's segments between the server and {@code peer}, timed at the interface of {@code tappedAt}. */
    private static List<Seen> engineConnection(Trace trace, String peer, String tappedAt, List<ActionSpec> actions) {
        long start = firstSeenAt(trace, tappedAt);
        Map<Integer, Double> lateness = wheelLateness(trace, actions);
        List<Raw> connection = new ArrayList<>();
        for (LinuxCaptureComparisonTest.Tapped tapped : LinuxCaptureComparisonTest.asTapped(trace, tappedAt)) {
            TraceSegment segment = tapped.segment();
            if (segment.from().equals(peer) || segment.to().equals(peer)) {
                connection.add(raw(segment, tapped.seenAt() - start, lateness));
            }
        }
        return numbered(connection);
    }

    /** The engine's spoofed connections, in the order their SYNs arrived (the engine's addresses are random). */
    private static List<List<Seen>> engineFloodConnections(Trace trace) {
        long start = firstSeenAt(trace, "server");
        Map<String, List<Raw>> byPeer = new LinkedHashMap<>();
        for (TraceSegment segment : trace.segments()) {
            boolean fromAttacker = Network.ATTACKER.equals(segment.from());
            if (fromAttacker || Network.FORGED_SOURCE.equals(segment.to())) {
                byPeer.computeIfAbsent(fromAttacker ? segment.src() : segment.dst(), k -> new ArrayList<>())
                        .add(raw(segment, seenAt(segment, "server") - start, Map.of()));
            }
        }
        return byPeer.values().stream().map(LinuxTimersAndQueuesCaptureTest::numbered).toList();
    }

    /** sinceStartMs: when the capture's interface saw it, after the first segment it saw. */
    private static Raw raw(TraceSegment segment, long sinceStartMs, Map<Integer, Double> lateness) {
        return new Raw("server".equals(segment.to()), Flags.parse(segment.flags()), (int) segment.seq(),
                segment.ack() == null ? 0 : (int) (long) segment.ack(), segment.len(),
                segment.window(), segment.options(), sinceStartMs,
                lateness.getOrDefault(segment.id(), 0.0));
    }

    /**
     * How late the kernel may send each of the engine's segments, by id: the wheel slots of the timers along its chain
     * of causes ({@link #wheelSlotMs(long)}). A segment sent at the moment a timer fired is late by that timer's slot and
     * by whatever the event that armed the timer was; one sent in answer to an arriving segment, by that segment's; one
     * an application call sent, by nothing, unless the call reacts ({@code on:}, {@code delayMs} later) to what happened
     * at its endpoint then: by that (a reply to data a retransmission timer sent, data-lost-twice-rto-backoff-noopts).
     */
    static Map<Integer, Double> wheelLateness(Trace trace, List<ActionSpec> actions) {
        Map<Integer, Double> bySegment = new HashMap<>();
        Map<String, Map<Long, Double>> causeAt = new HashMap<>();
        for (TraceStep step : trace.steps()) {
            Map<Long, Double> causes = causeAt.computeIfAbsent(step.endpoint(), endpoint -> new HashMap<>());
            switch (step.kind()) {
                case CALL -> causes.put(step.at(), actions.stream()
                        .filter(action -> action.on() != null && step.endpoint().equals(action.host()))
                        .map(action -> causes.get(step.at() - (action.delayMs() == null ? 0 : action.delayMs())))
                        .filter(Objects::nonNull).max(Double::compare).orElse(0.0));
                case ARRIVE -> causes.put(step.at(), bySegment.getOrDefault(step.segmentId(), 0.0));
                case TIMER_FIRED -> {
                    long armedAt = armedAt(trace, step);
                    causes.put(step.at(), causes.getOrDefault(armedAt, 0.0) + wheelSlotMs(step.at() - armedAt));
                }
                case SEND -> bySegment.put(step.segmentId(), causes.getOrDefault(step.at(), 0.0));
                default -> {
                    // no cause of a segment
                }
            }
        }
        return bySegment;
    }

    /**
     * " win=64240 MSS=1460": no TSecr is told apart from a TSval of the peer (times are what this test adds); SACK
     * blocks are written relative to {@code peerIsn}, the ISN of the side whose data they hold.
     */
    private static String windowAndOptions(int window, List<TraceOption> options, int peerIsn) {
        return " win=" + window + LinuxCaptureComparisonTest.options(options, Set.of(), peerIsn);
    }

    /**
     * A segment to the tapped endpoint passes its interface when it arrives (a dropped one too: tcpdump taps before
     * netfilter drops), one from it when it is sent.
     */
    private static long seenAt(TraceSegment segment, String tappedAt) {
        if (tappedAt.equals(segment.to())) {
            return segment.arrivesAt() != null ? segment.arrivesAt() : segment.sentAt() + 50;
        }
        return segment.sentAt();
    }

    private static long firstSeenAt(Trace trace, String tappedAt) {
        return trace.segments().stream().mapToLong(segment -> seenAt(segment, tappedAt)).min().orElse(0);
    }

    /** "C>S SYN seq=+0 ack=- len=0": flags without PSH; a RST with sequence 0 keeps its absolute 0. */
    private static String describe(boolean toServer, int flags, int seq, int ack, int len, int ownIsn, int peerIsn) {
        boolean rstWithoutSequence = Flags.has(flags, Flags.RST) && seq == 0;
        String seqText = rstWithoutSequence ? "0" : "+" + (seq - ownIsn);
        String ackText = Flags.has(flags, Flags.ACK) ? "+" + (ack - peerIsn) : "-";
        return (toServer ? "C>S " : "S>C ") + Flags.join(flags & ~Flags.PSH) + " seq=" + seqText + " ack=" + ackText
                + " len=" + len;
    }

    private static List<Seen> inDirection(List<Seen> connection, String direction) {
        return connection.stream().filter(seen -> seen.line().startsWith(direction)).toList();
    }

    private static void assertSameSegments(List<Seen> kernel, List<Seen> engine, String what) {
        assertEquals(kernel.stream().map(Seen::line).toList(), engine.stream().map(Seen::line).toList(), what + ": segments");
        for (int i = 0; i < kernel.size(); i++) {
            assertWithinTolerance(kernel.get(i).atMs(), engine.get(i).atMs(), what + ": segment " + (i + 1) + " " + kernel.get(i).line());
        }
    }

    /**
     * Within 5 ms or 5 % of the kernel's time, whichever is larger, and the kernel also up to {@code wheelLateMs}
     * later than that.
     */
    private static void assertOnTime(double kernelMs, double engineMs, double wheelLateMs, String what) {
        double tolerance = Math.max(5, 0.05 * Math.abs(kernelMs));
        assertTrue(kernelMs - engineMs <= tolerance + wheelLateMs && engineMs - kernelMs <= tolerance,
                what + " at " + engineMs + " ms in the engine, " + kernelMs + " ms in the kernel (tolerance " + tolerance
                        + " ms, and " + wheelLateMs + " ms more for the kernel's timer wheel)");
    }

    /**
     * Captures whose segments' times since the one before are not held by {@link #assertIntervalOnTime}, each with why
     * (they are held by {@link #assertOnTime} like every other): in each, one segment came late for a reason the check
     * cannot see, and every answer to it inherits the lateness. Found when that check was added (docs/linux-captures.md
     * §53); the relay and the programs of the capture script run in user space and may each be a millisecond or two late.
     */
    private static final Map<String, String> INTERVAL_NOT_HELD = Map.of(
            "fin-lost-client-side",
            "the server's program called close() 46 ms after its EOF + 300 ms (server.log), so its FIN and the ACK of it came late",
            "quick-ack-after-idle",
            "row 24 seen 35.5 ms after row 22 where the writes were 30.35 ms apart (client.log): the relay or the sender 5 ms late once",
            "small-window-reads",
            "a window probe 37.2 ms after the engine's, 0.2 ms more than its timer's slot and the 5 ms");

    /**
     * The time since the direction's previous segment, within 5 ms or 5 % of the kernel's, where the kernel may be later
     * by the wheel slots of the timers along the segment's chain of causes ({@link #wheelLateness}), or earlier by the
     * previous segment's: so that a segment late in a long capture is held to its own interval, not to 5 % of the whole
     * time since the start (an RTO of 531 ms for the kernel's 614 is 13 % short, though 85 ms is within 5 % of 1.7 s).
     */
    private static void assertIntervalOnTime(Seen kernelBefore, Seen kernel, Seen engineBefore, Seen engine, String what) {
        double kernelGap = kernel.atMs() - kernelBefore.atMs();
        double engineGap = engine.atMs() - engineBefore.atMs();
        double tolerance = Math.max(5, 0.05 * kernelGap);
        assertTrue(kernelGap - engineGap <= tolerance + engine.mayBeLateMs()
                        && engineGap - kernelGap <= tolerance + engineBefore.mayBeLateMs(),
                what + ": " + engineGap + " ms after the previous segment in the engine, " + kernelGap + " ms in the kernel"
                        + " (tolerance " + tolerance + " ms; the kernel's timer wheel may make it up to "
                        + engine.mayBeLateMs() + " ms later, or " + engineBefore.mayBeLateMs() + " ms earlier)");
    }

    /** How much later the kernel may be by {@code atMs} (engine time): one wheel slot for each timer fired by then. */
    private static double wheelAllowanceMs(Trace trace, double atMs) {
        double allowance = 0;
        for (TraceStep fired : trace.steps()) {
            if (fired.kind() == StepKind.TIMER_FIRED && fired.at() <= atMs) {
                allowance += wheelSlotMs(trace, fired);
            }
        }
        return allowance;
    }

    /** Up to how late the kernel runs the timer the engine fired at this step: its slot, by how long it ran. */
    static double wheelSlotMs(Trace trace, TraceStep fired) {
        return wheelSlotMs(fired.at() - armedAt(trace, fired));
    }

    /** When the timer that fired at this step was armed. */
    private static long armedAt(Trace trace, TraceStep fired) {
        return trace.steps().stream()
                .filter(step -> step.timers().stream().anyMatch(timer -> timer.endpoint().equals(fired.endpoint())
                        && timer.expiresAt() == fired.at()))
                .mapToLong(TraceStep::at).min().orElse(fired.at());
    }

    /**
     * Up to how late Linux runs a timer of this length: its timer wheel (calc_wheel_index() and calc_index() in
     * kernel/time/timer.c) files a timer due in 63 ticks or more in a coarser level of 8, 64, 512 … ticks a slot and
     * runs it at the end of its slot, so up to 32 ms late for 0.25–2 s at HZ=250, 256 ms for 2–16 s, 2 s for
     * 16–129 s. The engine fires its timers on time. The syn-unanswered capture shows it: its SYNs came 24, 24, 24, 24,
     * 16, 196, 188, 128 and 512 ms after their 1, 1, 1, 1, 2, 4, 8, 16 and 32 s time-outs.
     */
    static double wheelSlotMs(long delayMs) {
        long ticks = delayMs / CapturedTimerWheel.TICK_MS;
        long slotTicks = 1;
        for (long levelStart = 63; ticks >= levelStart; levelStart <<= 3) {
            slotTicks <<= 3;
        }
        return slotTicks * CapturedTimerWheel.TICK_MS;
    }

    /** Within 5 ms or 5 % of the kernel's time, whichever is larger. */
    private static void assertWithinTolerance(double kernelMs, double engineMs, String what) {
        double tolerance = Math.max(5, 0.05 * Math.abs(kernelMs));
        assertTrue(Math.abs(kernelMs - engineMs) <= tolerance,
                what + " at " + engineMs + " ms in the engine, " + kernelMs + " ms in the kernel (tolerance " + tolerance + " ms)");
    }
}
