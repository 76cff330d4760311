package lab.handshake.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import lab.handshake.capture.CapturedTimerWheel;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Test;

/**
 * The Linux numbers the lessons and quizzes teach are the ones the {@code linux} profile produces (and the
 * profile is held to kernel captures in LinuxTimersAndQueuesCaptureTest): the SYN retransmission schedule and
 * when connect() gives up, and the SYN,ACK schedule and when a half-open entry is dropped. A change to the
 * profile that moves a number makes this test name the texts to correct. Also the ACK of a FIN, a simultaneous
 * open's segment count, the challenge-ACK limits (those from the kernel's own defaults), and what a new SYN meets in
 * TIME-WAIT.
 */
class LessonLinuxNumbersTest {
    private static final Path CONTENT = Path.of("content");
    private static final Pattern RTO = Pattern.compile("RTO = (\\d+) ms");
    private static final List<Path> SYN_SCHEDULE_TEXTS = List.of(
            CONTENT.resolve("lessons/en/02-three-way-handshake.md"), CONTENT.resolve("lessons/zh/02-three-way-handshake.md"),
            CONTENT.resolve("lessons/en/03-syn-flood.md"), CONTENT.resolve("lessons/zh/03-syn-flood.md"),
            CONTENT.resolve("quizzes/syn-flood.yaml"));

    /** Every client SYN is lost; the client waits for its TCP to give up. */
    private static final String SYN_NEVER_ANSWERED = """
            id: syn-never-answered
            params: {oneWayDelayMs: 50}
            actions:
              - {at: 0, host: server, call: listen}
              - {at: 0, host: client, call: connect}
            faults:
              - {match: {from: client, flags: [SYN]}, action: drop}
            untilMs: 300000
            """;

    /** Every ACK of the client is lost, so the server's SYN,ACK is never acknowledged. */
    private static final String SYN_ACK_NEVER_ACKNOWLEDGED = """
            id: syn-ack-never-acknowledged
            params: {oneWayDelayMs: 50}
            actions:
              - {at: 0, host: server, call: listen}
              - {at: 0, host: client, call: connect}
            faults:
              - {match: {from: client, flags: [ACK]}, action: drop}
            untilMs: 300000
            """;

    @Test
    void synScheduleAndGiveUpTimeInTheLessons_areTheLinuxProfiles() throws IOException {
        // With the timer wheel where it stood in the capture of the same scenario (syn-unanswered), so that the
        // schedule is the kernel's: the 32 s timeout fires at the end of a 512-tick bucket (docs/linux-captures.md §77).
        Trace trace = CapturedTimerWheel.runAsCaptured("syn-unanswered", new ObjectMapper(new YAMLFactory()).readValue(SYN_NEVER_ANSWERED, ScenarioSpec.class));
        List<Long> synTimes = trace.segments().stream().filter(s -> s.from().equals("client")).map(TraceSegment::sentAt).toList();
        long first = synTimes.get(0);
        List<Long> resent = synTimes.subList(1, synTimes.size()).stream().map(at -> (at - first) / 1_000).toList();
        long giveUp = (stateChange(trace, "client", "SYN_SENT", "CLOSED").at() - first) / 1_000;
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 7L, 11L, 19L, 35L, 68L), resent, "the linux profile's SYN schedule");

        for (Path text : SYN_SCHEDULE_TEXTS) {
            String content = Files.readString(text, StandardCharsets.UTF_8);
            if (!text.toString().contains("/zh/")) {
                assertContains(content, english(resent) + " s after", text);
                assertContains(content, "about " + giveUp + " s after the first SYN", text);
            }
            if (!text.toString().contains("/en/")) {
                assertContains(content, "第 " + chinese(resent) + " 秒", text);
                assertContains(content, "约 " + giveUp + " 秒", text);
            }
        }
    }

    @Test
    void synAckScheduleAndHalfOpenLifetimeInTheLessons_areTheLinuxProfiles() throws IOException {
        Trace trace = linux(SYN_ACK_NEVER_ACKNOWLEDGED);
        List<Long> synAckTimes = trace.segments().stream().filter(s -> s.from().equals("server")).map(TraceSegment::sentAt).toList();
        long first = synAckTimes.get(0);
        List<Long> resent = synAckTimes.subList(1, synAckTimes.size()).stream().map(at -> (at - first) / 1_000).toList();
        long dropped = (stateChange(trace, "server", "SYN_RECEIVED", "LISTEN").at() - first) / 1_000;
        assertEquals(List.of(1L, 3L, 7L, 15L, 31L), resent, "the linux profile's SYN,ACK schedule");

        String handshakeEn = Files.readString(CONTENT.resolve("lessons/en/02-three-way-handshake.md"), StandardCharsets.UTF_8);
        assertContains(handshakeEn, "the SYN,ACK is resent at " + english(resent) + " s, and the SYN_RCVD entry is dropped at about "
                + dropped + " s", Path.of("lessons/en/02-three-way-handshake.md"));
        String handshakeZh = Files.readString(CONTENT.resolve("lessons/zh/02-three-way-handshake.md"), StandardCharsets.UTF_8);
        assertContains(handshakeZh, "SYN,ACK 在第 " + chinese(resent) + " 秒重传，约 " + dropped + " 秒时丢弃",
                Path.of("lessons/zh/02-three-way-handshake.md"));
        String floodEn = Files.readString(CONTENT.resolve("lessons/en/03-syn-flood.md"), StandardCharsets.UTF_8);
        assertContains(floodEn, "the SYN,ACK goes out at 0, " + english(resent) + " s and the entry is dropped at about " + dropped + " s",
                Path.of("lessons/en/03-syn-flood.md"));
        String floodZh = Files.readString(CONTENT.resolve("lessons/zh/03-syn-flood.md"), StandardCharsets.UTF_8);
        assertContains(floodZh, "SYN,ACK 在第 0、" + chinese(resent) + " 秒发出，大约 " + dropped + " 秒后条目才被丢弃",
                Path.of("lessons/zh/03-syn-flood.md"));
    }

    /** The client closes 300 ms after connecting, after sending {@code bytes} first when there are any. */
    private static final String CLIENT_CLOSES = """
            id: client-closes
            params: {oneWayDelayMs: 50}
            actions:
              - {at: 0, host: server, call: listen}
              - {at: 10, host: client, call: connect}
            %s
              - {on: established, delayMs: 300, host: client, call: close}
            untilMs: 2000
            """;

    @Test
    void ackOfAFinInLessonFourAndTheQuiz_isTheLinuxProfiles_aTickWithoutDataFortyMsAfterData() throws IOException {
        long withoutData = finAckDelay(linux(CLIENT_CLOSES.formatted("")));
        long afterDataAck = finAckDelay(linux(CLIENT_CLOSES.formatted("  - {on: established, host: client, call: send, bytes: 100}")));
        assertEquals(4, withoutData, "the next tick at HZ=250 (captures: four-way-close +2.6 ms, half-close +0.4 ms)");
        // The FIN arrives at the start of a tick: jiffies + ato, which the timer wheel runs a tick later
        // (Profile.delayedAckTimerFiresOnTick), so the ACK leaves ato and one tick after it.
        assertEquals(44, afterDataAck, "the delayed-ACK timer after data (captures: data-transfer +42.5 ms)");
        long afterData = afterDataAck - 4; // less the wheel's tick at HZ=250: the timer's own wait, ato

        Path lessonEn = CONTENT.resolve("lessons/en/04-four-way-teardown.md");
        Path lessonZh = CONTENT.resolve("lessons/zh/04-four-way-teardown.md");
        Path quiz = CONTENT.resolve("quizzes/why-four-steps.yaml");
        String en = Files.readString(lessonEn, StandardCharsets.UTF_8);
        assertContains(en, "about " + withoutData + " ms later (HZ=250)", lessonEn);
        assertContains(en, "the delayed-ACK timer waits about " + afterData + " ms", lessonEn);
        String zh = Files.readString(lessonZh, StandardCharsets.UTF_8);
        assertContains(zh, "约 " + withoutData + " 毫秒后（HZ=250）", lessonZh);
        assertContains(zh, "延迟确认定时器约 " + afterData + " 毫秒", lessonZh);
        String quizText = Files.readString(quiz, StandardCharsets.UTF_8);
        assertContains(quizText, "about " + withoutData + " ms when no data came before, about " + afterData + " ms after data", quiz);
        assertContains(quizText, "约 " + withoutData + " 毫秒，收到过数据后约 " + afterData + " 毫秒", quiz);
        for (Path text : List.of(lessonEn, lessonZh, quiz)) {
            String content = Files.readString(text, StandardCharsets.UTF_8);
            assertFalse(content.contains("at least about 40") || content.contains("about 40 ms at least") || content.contains("至少约 40"),
                    text + " still says the ACK of a FIN waits at least 40 ms");
        }
    }

    /** From the FIN's arrival at the server to the server's ACK of it. */
    private static long finAckDelay(Trace trace) {
        TraceSegment fin = trace.segments().stream().filter(s -> s.from().equals("client") && s.flags().contains("FIN"))
                .findFirst().orElseThrow();
        TraceSegment ack = trace.segments().stream()
                .filter(s -> s.from().equals("server") && s.sentAt() >= fin.arrivesAt() && (long) s.ack() == fin.seq() + fin.len() + 1)
                .findFirst().orElseThrow(() -> new AssertionError("the server never ACKed the FIN"));
        return ack.sentAt() - fin.arrivesAt();
    }

    @Test
    void simultaneousOpenInLessonSeven_isFourSegmentsInTheRfcAndSixOnLinux() throws IOException {
        ScenarioSpec spec = new ObjectMapper(new YAMLFactory()).readValue(CONTENT.resolve("scenarios/simultaneous-open.yaml").toFile(), ScenarioSpec.class);
        int rfc = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("rfc9293", null, null, null), Language.EN, Limits.API).segments().size();
        int linux = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API).segments().size();
        assertEquals(4, rfc);
        assertEquals(6, linux);
        Path en = CONTENT.resolve("lessons/en/07-edge-cases.md");
        Path zh = CONTENT.resolve("lessons/zh/07-edge-cases.md");
        assertContains(Files.readString(en, StandardCharsets.UTF_8), "with four segments in all", en);
        assertContains(Files.readString(en, StandardCharsets.UTF_8), "Linux sends six", en);
        assertContains(Files.readString(zh, StandardCharsets.UTF_8), "总共四个报文段", zh);
        assertContains(Files.readString(zh, StandardCharsets.UTF_8), "Linux 发送六个", zh);
    }

    /**
     * Lesson 3 and the syn-flood scenario's summary: under rfc9293 the real client never gets in; under linux a full
     * queue's old entries leave sooner (reqsk_timer_handler), and the client's SYN of about 14.3 s finds a freed slot.
     */
    @Test
    void synFloodInLessonThree_locksTheClientOutUnderRfc9293_andLetsItsRetryInUnderLinux() throws IOException {
        ScenarioSpec spec = new ObjectMapper(new YAMLFactory()).readValue(CONTENT.resolve("scenarios/syn-flood.yaml").toFile(), ScenarioSpec.class);
        Trace rfc = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("rfc9293", null, null, null), Language.EN, Limits.API);
        Trace linux = ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
        assertTrue(rfc.steps().stream().noneMatch(step -> "client".equals(step.endpoint()) && "ESTABLISHED".equals(step.stateAfter())),
                "under rfc9293 the client never connects");
        long answered = stateChange(linux, "client", "SYN_SENT", "ESTABLISHED").at();
        TraceSegment syn = linux.segments().stream()
                .filter(s -> s.from().equals("client") && s.flags().equals(List.of("SYN")) && s.arrivesAt() != null && s.arrivesAt() <= answered)
                .reduce((first, second) -> second).orElseThrow();
        assertEquals("14.3", String.format(java.util.Locale.ROOT, "%.1f", syn.sentAt() / 1000.0), "the SYN that gets in");
        Path en = CONTENT.resolve("lessons/en/03-syn-flood.md");
        Path zh = CONTENT.resolve("lessons/zh/03-syn-flood.md");
        assertContains(Files.readString(en, StandardCharsets.UTF_8), "the client's SYN at about 14.3 s does", en);
        assertContains(Files.readString(zh, StandardCharsets.UTF_8), "客户端约 14.3 秒时的 SYN 就进去了", zh);
    }

    @Test
    void challengeAckLimitsInLessonSeven_areTheKernelsDefaults() throws IOException {
        // The sysctls of a fresh namespace on the capture host (Linux 6.18), written by hlcap.py defaults.
        List<String> defaults = Files.readAllLines(Path.of("tools", "linux-captures", "runs", "kernel-defaults.txt"));
        String limit = sysctl(defaults, "net.ipv4.tcp_challenge_ack_limit");
        String perConnectionMs = sysctl(defaults, "net.ipv4.tcp_invalid_ratelimit");
        assertEquals("2147483647", limit);
        Path en = CONTENT.resolve("lessons/en/07-edge-cases.md");
        Path zh = CONTENT.resolve("lessons/zh/07-edge-cases.md");
        String enText = Files.readString(en, StandardCharsets.UTF_8);
        assertContains(enText, "at most one every " + perConnectionMs + " ms (`net.ipv4.tcp_invalid_ratelimit`)", en);
        assertContains(enText, "since Linux 6.0 it is " + limit, en);
        String zhText = Files.readString(zh, StandardCharsets.UTF_8);
        assertContains(zhText, "每 " + perConnectionMs + " 毫秒最多一个（`net.ipv4.tcp_invalid_ratelimit`）", zh);
        assertContains(zhText, "从 Linux 6.0 起它是 " + limit, zh);
    }

    @Test
    void pawsInTimeWaitInLessonFive_isTheKernelsRateLimitAndTheLinuxProfiles() throws IOException {
        // time-wait-paws-old-data-client-side (docs/linux-captures.md §34): the second old ACK, 100 ms after the first,
        // went unanswered; the kernel's default and the linux profile's interval are the lesson's.
        List<String> defaults = Files.readAllLines(Path.of("tools", "linux-captures", "runs", "kernel-defaults.txt"));
        String intervalMs = sysctl(defaults, "net.ipv4.tcp_invalid_ratelimit");
        assertEquals(intervalMs, String.valueOf(Profile.LINUX.outOfWindowAckIntervalMs()));
        Path en = CONTENT.resolve("lessons/en/05-time-wait-2msl.md");
        Path zh = CONTENT.resolve("lessons/zh/05-time-wait-2msl.md");
        assertContains(Files.readString(en, StandardCharsets.UTF_8),
                "every " + intervalMs + " ms (`net.ipv4.tcp_invalid_ratelimit`)", en);
        assertContains(Files.readString(zh, StandardCharsets.UTF_8),
                "每 " + intervalMs + " 毫秒最多一个（`net.ipv4.tcp_invalid_ratelimit`）", zh);
    }

    @Test
    void timeWaitAssassinationInLessonFive_isTheKernelsDefaultAndTheLinuxProfiles() throws IOException {
        // time-wait-old-segments-noopts and -rfc1337 (docs/linux-captures.md §37): tcp_rfc1337 = 0 by default, so a RST
        // at RCV.NXT ended TIME-WAIT; with 1 the server's last ss showed 59 s of TIME-WAIT left.
        List<String> defaults = Files.readAllLines(Path.of("tools", "linux-captures", "runs", "kernel-defaults.txt"));
        assertEquals("0", sysctl(defaults, "net.ipv4.tcp_rfc1337"));
        assertFalse(Profile.LINUX.defaults().rfc1337(), "the linux profile's default is the kernel's");
        assertTrue(Files.readString(Path.of("tools", "linux-captures", "runs", "time-wait-old-segments-rfc1337", "server.log"))
                .contains("timer:(timewait,59sec"), "the capture's 59 s");
        Path en = CONTENT.resolve("lessons/en/05-time-wait-2msl.md");
        Path zh = CONTENT.resolve("lessons/zh/05-time-wait-2msl.md");
        assertContains(Files.readString(en, StandardCharsets.UTF_8), "still had 59 s to run", en);
        assertContains(Files.readString(zh, StandardCharsets.UTF_8), "还剩 59 秒", zh);
    }

    @Test
    void timeWaitReuseInLessonFive_isTheKernelsDefaultsAndTheLinuxProfilesIsn() throws IOException {
        List<String> defaults = Files.readAllLines(Path.of("tools", "linux-captures", "runs", "kernel-defaults.txt"));
        String reuse = sysctl(defaults, "net.ipv4.tcp_tw_reuse");
        String delayMs = sysctl(defaults, "net.ipv4.tcp_tw_reuse_delay");
        // The catalogue scenario under the linux profile: the second SYN against the first connection's SND.NXT.
        Trace trace = linux(Files.readString(CONTENT.resolve("scenarios/time-wait-reuse.yaml"), StandardCharsets.UTF_8));
        List<TraceSegment> syns = trace.segments().stream().filter(s -> s.from().equals("client") && s.flags().equals(List.of("SYN"))).toList();
        long oldSndNxt = trace.segments().stream().filter(s -> s.from().equals("client") && s.flags().contains("FIN"))
                .findFirst().orElseThrow().seq() + 1;
        long gap = syns.get(1).seq() - oldSndNxt;
        Path en = CONTENT.resolve("lessons/en/05-time-wait-2msl.md");
        Path zh = CONTENT.resolve("lessons/zh/05-time-wait-2msl.md");
        String enText = Files.readString(en, StandardCharsets.UTF_8);
        assertContains(enText, "`net.ipv4.tcp_tw_reuse_delay` (default " + delayMs + " ms)", en);
        assertContains(enText, "The default `tcp_tw_reuse` = " + reuse + " allows this on loopback only", en);
        assertContains(enText, "SND.NXT + " + gap, en);
        String zhText = Files.readString(zh, StandardCharsets.UTF_8);
        assertContains(zhText, "`net.ipv4.tcp_tw_reuse_delay`（默认 " + delayMs + " 毫秒）", zh);
        assertContains(zhText, "默认值 `tcp_tw_reuse` = " + reuse + " 只在回环接口上允许", zh);
        assertContains(zhText, "SND.NXT + " + gap, zh);
    }

    @Test
    void newSynInTimeWaitInLessonFive_isTheLinuxProfiles_oldSndNxtPlus65537AndTheSynAgainTwoTicksAfterAnUnacceptableAck()
            throws IOException {
        Trace accepted = linux(Files.readString(CONTENT.resolve("scenarios/time-wait-syn-accepted.yaml"), StandardCharsets.UTF_8));
        List<TraceSegment> serverSyns = accepted.segments().stream().filter(s -> s.from().equals("server") && s.flags().contains("SYN")).toList();
        long oldSndNxt = accepted.segments().stream().filter(s -> s.from().equals("server") && s.flags().contains("FIN"))
                .findFirst().orElseThrow().seq() + 1;
        long gap = serverSyns.get(1).seq() - oldSndNxt;
        // Figure 8 under linux: the client's RST for the SYN,ACK of the old SYN, then its own SYN again.
        Trace figure8 = linux(Files.readString(CONTENT.resolve("scenarios/old-duplicate-syn.yaml"), StandardCharsets.UTF_8));
        long rstAt = figure8.segments().stream().filter(s -> s.flags().contains("RST")).findFirst().orElseThrow().sentAt();
        long synAgainAt = figure8.segments().stream().filter(s -> s.from().equals("client") && s.flags().equals(List.of("SYN"))
                && s.sentAt() > rstAt).findFirst().orElseThrow().sentAt();
        long soonMs = synAgainAt - rstAt;
        Path en = CONTENT.resolve("lessons/en/05-time-wait-2msl.md");
        Path zh = CONTENT.resolve("lessons/zh/05-time-wait-2msl.md");
        String enText = Files.readString(en, StandardCharsets.UTF_8);
        assertContains(enText, "answers from the old **SND.NXT + " + gap + "**", en);
        assertContains(enText, "one tick later still (" + soonMs + " ms in the linux profile", en);
        String zhText = Files.readString(zh, StandardCharsets.UTF_8);
        assertContains(zhText, "从旧的 **SND.NXT + " + gap + "** 开始应答", zh);
        assertContains(zhText, "再晚一个节拍运行它：linux 配置下为 " + soonMs + " 毫秒", zh);
    }

    @Test
    void ecnInLessonOne_isTheKernelsDefault_andItsFlagsAreTheLinuxProfiles() throws IOException {
        // net.ipv4.tcp_ecn of a fresh namespace is the linux profile's default; everyday-s96 veth-ecn-ce-client (docs/
        // linux-captures.md §96, §141) shows [SEW], [S.E], [.E] and [P.W], which the lesson names and its simulation,
        // ecn-congestion-mark, shows under the linux profile.
        List<String> defaults = Files.readAllLines(Path.of("tools", "linux-captures", "runs", "kernel-defaults.txt"));
        String ecn = sysctl(defaults, "net.ipv4.tcp_ecn");
        assertEquals(ecn, String.valueOf(Profile.LINUX.defaults().ecn()), "the linux profile's default is the kernel's");
        Path en = CONTENT.resolve("lessons/en/01-header-fields.md");
        Path zh = CONTENT.resolve("lessons/zh/01-header-fields.md");
        String enText = Files.readString(en, StandardCharsets.UTF_8);
        String zhText = Files.readString(zh, StandardCharsets.UTF_8);
        assertContains(enText, "`net.ipv4.tcp_ecn` is " + ecn + " by default", en);
        assertContains(zhText, "`net.ipv4.tcp_ecn` 默认是 " + ecn, zh);
        Trace trace = linux(Files.readString(CONTENT.resolve("scenarios/ecn-congestion-mark.yaml"), StandardCharsets.UTF_8));
        List<List<String>> flags = trace.segments().stream().map(TraceSegment::flags).toList();
        assertEquals(List.of("SYN", "ECE", "CWR"), flags.get(0), "[SEW]");
        assertEquals(List.of("SYN", "ACK", "ECE"), flags.get(1), "[S.E]");
        assertTrue(flags.contains(List.of("ACK", "ECE")), "[.E]");
        assertTrue(trace.segments().stream().anyMatch(s -> "server".equals(s.from()) && s.len() > 0 && s.flags().contains("CWR")),
                "the server's data with CWR");
        for (String tcpdump : List.of("`[SEW]`", "`[S.E]`", "`[.E]`", "`[P.W]`")) {
            assertContains(enText, tcpdump, en);
            assertContains(zhText, tcpdump, zh);
        }
    }

    @Test
    void keptRoundTripInLessonFive_isTheRtoTheLinuxProfileArmsWithAndWithoutTcpMetrics_linuxTcpInitMetrics() throws IOException {
        // The catalogue scenario: 200 ms round trips, then a 20 ms handshake and the request lost with its loss probe.
        String yaml = Files.readString(CONTENT.resolve("scenarios/tcp-metrics-round-trip.yaml"), StandardCharsets.UTF_8);
        long kept = firstRequestRtoMs(linux(yaml));
        long fresh = firstRequestRtoMs(linux(yaml.replace("oneWayDelayMs: 10}", "oneWayDelayMs: 10, noMetricsSave: true}")));
        assertEquals(600, kept, "metrics-s136/rtt-client: the copy 616 ms after the probe, an RTO of 600 ms on the wheel");
        assertEquals(220, fresh, "metrics-s136/rtt-nosave-client: the handshake's 20 ms + tcp_rto_min, copies 228 ms apart");
        for (Path lesson : List.of(CONTENT.resolve("lessons/en/05-time-wait-2msl.md"), CONTENT.resolve("lessons/zh/05-time-wait-2msl.md"))) {
            String text = Files.readString(lesson, StandardCharsets.UTF_8);
            String ms = lesson.toString().contains("/zh/") ? " 毫秒**" : " ms**";
            assertContains(text, "**" + kept + ms, lesson);
            assertContains(text, "**" + fresh + ms, lesson);
        }
    }

    /** The first RTO the client's timer steps state between the second connection's request and its last copy. */
    private static long firstRequestRtoMs(Trace trace) {
        List<Long> requestCopies = trace.segments().stream().filter(s -> s.from().equals("client") && s.len() > 0)
                .map(TraceSegment::sentAt).toList();
        long lastCopy = requestCopies.get(requestCopies.size() - 1);
        long request = trace.segments().stream().filter(s -> s.from().equals("client") && s.len() > 0 && !s.retransmission())
                .map(TraceSegment::sentAt).reduce((first, last) -> last).orElseThrow();
        Matcher rto = trace.steps().stream()
                .filter(step -> step.endpoint().equals("client") && step.at() >= request && step.at() <= lastCopy)
                .map(step -> RTO.matcher(step.text())).filter(Matcher::find).findFirst()
                .orElseThrow(() -> new AssertionError("no RTO armed for the request"));
        return Long.parseLong(rto.group(1));
    }

    private static String sysctl(List<String> lines, String name) {
        return lines.stream().filter(line -> line.startsWith(name + " = ")).map(line -> line.substring(name.length() + 3).trim())
                .findFirst().orElseThrow(() -> new AssertionError(name + " missing from kernel-defaults.txt"));
    }

    private static Trace linux(String yaml) throws IOException {
        ScenarioSpec spec = new ObjectMapper(new YAMLFactory()).readValue(yaml, ScenarioSpec.class);
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
    }

    private static TraceStep stateChange(Trace trace, String endpoint, String from, String to) {
        return trace.steps().stream()
                .filter(step -> endpoint.equals(step.endpoint()) && from.equals(step.stateBefore()) && to.equals(step.stateAfter()))
                .findFirst().orElseThrow(() -> new AssertionError(endpoint + " never went from " + from + " to " + to));
    }

    /** "1, 2, 3 and 5" */
    private static String english(List<Long> seconds) {
        String head = seconds.subList(0, seconds.size() - 1).stream().map(String::valueOf).collect(Collectors.joining(", "));
        return head + " and " + seconds.get(seconds.size() - 1);
    }

    /** "1、2、3、5" */
    private static String chinese(List<Long> seconds) {
        return seconds.stream().map(String::valueOf).collect(Collectors.joining("、"));
    }

    private static void assertContains(String content, String expected, Path where) {
        assertTrue(content.contains(expected), where + " must say \"" + expected + "\" (the linux profile's numbers)");
    }
}
