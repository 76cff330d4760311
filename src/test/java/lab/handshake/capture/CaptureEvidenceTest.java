package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Language;
import lab.handshake.engine.Profile;
import lab.handshake.engine.TcpParams;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.StepKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceOption;
import org.junit.jupiter.api.Test;

/** What a one-sided capture's copies say about loss, read from kernel captures (docs/linux-captures.md). */
class CaptureEvidenceTest {
    /** data-fast-retransmit-no-sack, captured at the server: row 6 (J+1449) was dropped after tcpdump saw it. */
    private static final String FAST_RETRANSMIT = "data-fast-retransmit-no-sack";
    private static final int LOST_COPY = 5;
    private static final String SERVER = "10.0.0.2";
    /** A client that asks for ECN and a server that agrees, made with ordinary programs (docs/linux-captures.md §38). */
    private static final String ECN = "everyday-ecn-negotiated";

    private static List<CapturedSegment> capture(String name) throws Exception {
        return PcapReader.read(Files.readAllBytes(Path.of("src", "test", "resources", "captures", "linux", name + ".pcap")));
    }

    /** The first connection of a capture kept under tools/linux-captures/runs/{@code dir}. */
    private static CapturedConnection run(String dir, String name) throws Exception {
        return CapturedConnection.split(PcapReader.read(Files.readAllBytes(Path.of("tools", "linux-captures", "runs", dir,
                name + ".pcap")))).get(0);
    }

    private static CaptureEvidence evidence(List<CapturedSegment> segments) {
        return CaptureEvidence.of(CapturedConnection.split(segments).get(0));
    }

    @Test
    void anAckItsTimerSentWithAWindowFarSmallerThanTheLast_isAReceiverThatDoesNotRead_tcpGrowWindow() throws Exception {
        // s76 veth-abort-in-flight-client: the server's right edge moves on at every ACK (rcv_ssthresh grows into a
        // buffer nobody empties), so its window never shrank the right edge; its delayed-ACK timer's ACK at 88.6 ms,
        // 36 ms after the last data arrived, offers 11 × 1024 bytes after 69: a reader would have emptied its queue.
        // Before: no sign, the replayed server read on arrival and acknowledged at once (11 departures; 3 now).
        CapturedConnection unread = run("everyday-s76", "veth-abort-in-flight-client");
        assertEquals(Optional.of(CaptureEvidence.UnreadSign.WINDOW_SMALLER_ON_ITS_TIMER),
                CaptureEvidence.of(unread).leavesDataUnread(unread, false));
        // A reader's windows move by a unit or two (1024 bytes each) as it reads: frto-sack-flight-and-probe-lost-defaults'
        // server, whose ACK of the held segments 100 ms after a copy offers 72 after 74, is no sign; nor is an ACK
        // 10 ms or more after the last fresh data when a copy arrived just before it.
        CapturedConnection reader = CapturedConnection.split(capture("frto-sack-flight-and-probe-lost-defaults")).get(0);
        assertEquals(Optional.empty(), CaptureEvidence.of(reader).leavesDataUnread(reader, false));
    }

    @Test
    void anAckItsTimerSentSeenAtTheDataSender_isTimedFromTheDataThatHadArrivedWhenItLeft_tcpGrowWindow() throws Exception {
        // everyday-s122 relay-linger0-load-server, captured at the server behind 10 ms each way: the client's ACK K+43441 (win 45
        // after 59) shows at 81.91 ms, so it left about 71.9 ms, 12 ms after the data it acknowledges arrived; the 18
        // segments captured at 81.26 ms, before it, reached the client only at about 91 ms. Timed from those, it was
        // no timer's ACK, and the replayed client read on arrival and acknowledged each of them (18 departures).
        CapturedConnection unread = run("everyday-s122", "relay-linger0-load-server");
        assertEquals(Optional.of(CaptureEvidence.UnreadSign.WINDOW_SMALLER_ON_ITS_TIMER),
                CaptureEvidence.of(unread).leavesDataUnread(unread, true));
    }

    @Test
    void aCopyResentAfterThreeDuplicateAcks_marksTheFirstCopyLost_rfc5681Section3_2() throws Exception {
        CaptureEvidence evidence = evidence(capture(FAST_RETRANSMIT));

        CaptureEvidence.Loss loss = evidence.losses().get(LOST_COPY);
        assertEquals(CaptureEvidence.LossKind.COPY, loss == null ? null : loss.kind(),
                "the copy resent 100 ms later, after six duplicate ACKs of its start: " + evidence.losses());
    }

    @Test
    void acksThatMoveTheWindow_areWindowUpdatesNotDuplicates_soAnEarlyCopyIsNoFastRetransmit_rfc5681Section2() throws Exception {
        // The same capture with each of the server's ACKs of J+1449 offering one more unit of window than the last:
        // by RFC 5681 §2 (e) none of them is a duplicate, so nothing triggers the copy 100 ms later, sooner than any RTO.
        List<CapturedSegment> widening = new ArrayList<>();
        int grow = 0;
        for (CapturedSegment s : capture(FAST_RETRANSMIT)) {
            boolean serverAck = s.srcAddress().equals(SERVER) && s.payloadLength() == 0 && widening.size() > 4 && widening.size() < 18;
            widening.add(serverAck ? withWindow(s, s.window() + ++grow) : s);
        }

        CaptureEvidence evidence = evidence(widening);

        assertEquals(6, grow, "the six duplicate ACKs were changed");
        assertFalse(evidence.losses().containsKey(LOST_COPY), "window updates are no duplicate ACKs: " + evidence.losses());
    }

    @Test
    void aSynWithEceAndCwrAnsweredByASynAckWithEceAlone_negotiatesEcn_rfc3168Section6_1_1() throws Exception {
        // A client with net.ipv4.tcp_ecn = 1, a server with the default 2 (docs/linux-captures.md §38).
        assertEquals(Optional.of(new CaptureEvidence.EcnNegotiation(CaptureEvidence.EcnAnswer.AGREED, 0)),
                CaptureEvidence.ecnNegotiation(CapturedConnection.split(ecnCapture()).get(0)));
    }

    @Test
    void aSynAckWithoutEce_declinesEcn_andLaterEceOrCwrCountAsEchoedMarks_rfc3168Section6_1() throws Exception {
        List<CapturedSegment> declined = new ArrayList<>(ecnCapture());
        declined.set(1, withHeaderFlags(declined.get(1), declined.get(1).headerFlags() & ~CapturedSegment.ECE));
        declined.set(4, withHeaderFlags(declined.get(4), declined.get(4).headerFlags() | CapturedSegment.ECE));

        assertEquals(Optional.of(new CaptureEvidence.EcnNegotiation(CaptureEvidence.EcnAnswer.DECLINED, 1)),
                CaptureEvidence.ecnNegotiation(CapturedConnection.split(declined).get(0)));
    }

    @Test
    void aSynThatDoesNotAskForEcn_negotiatesNothing_linuxTcpEcnDefault() throws Exception {
        assertEquals(Optional.empty(), CaptureEvidence.ecnNegotiation(CapturedConnection.split(capture(FAST_RETRANSMIT)).get(0)));
    }

    /**
     * time-wait-old-segments-noopts (docs/linux-captures.md §37), captured at the server: rows 10 to 19 are the relay's,
     * written in the client's name while both ends were in TIME-WAIT. Indices here are the table's rows less one.
     */
    private static final String WRITTEN_IN_THE_CLIENTS_NAME = "time-wait-old-segments-noopts";

    @Test
    void segmentsTheClientsOwnStreamCannotHaveSent_areStale_rfc9293Section3_4() throws Exception {
        List<CapturedConnection> connections = CapturedConnection.split(capture(WRITTEN_IN_THE_CLIENTS_NAME));

        assertEquals(1, connections.size(), "the SYN below RCV.NXT, never answered by a SYN,ACK, opens no connection");
        assertEquals(Map.of(9, CaptureEvidence.Stale.ACKNOWLEDGED, 11, CaptureEvidence.Stale.ACK_TAKEN_BACK,
                        13, CaptureEvidence.Stale.BEFORE_ISN, 15, CaptureEvidence.Stale.BEFORE_ISN,
                        16, CaptureEvidence.Stale.UNPROMPTED_RESET, 17, CaptureEvidence.Stale.UNPROMPTED_RESET,
                        18, CaptureEvidence.Stale.ACK_TAKEN_BACK),
                CaptureEvidence.staleSegments(connections.get(0)),
                "the 500 bytes the client had heard acknowledged, the old FINs, the SYNs before its ISN and the RSTs from TIME-WAIT");
    }

    /**
     * old-duplicate-syn (runs/old-duplicate-syn-catalogue-defaults, docs/linux-captures.md §95, §101), taken at the
     * server: an old SYN J-10 makes a request (rows 1-2); the client's own SYN J, held by the relay, reaches it in window
     * and tcp_check_req resets it (rows 3-4); the client in SYN-SENT answers the SYN,ACK for J-10 with
     * {@code <SEQ=SEG.ACK><CTL=RST>} and sends its SYN again (rows 5-6); the listener's new request (row 7, a new ISN)
     * finds the client closed by row 4's RST,ACK (row 8).
     */
    private static List<CapturedConnection> oldDuplicateSyn() throws Exception {
        return CapturedConnection.split(PcapReader.read(Files.readAllBytes(Path.of("tools", "linux-captures", "runs",
                "old-duplicate-syn-catalogue-defaults", "old-duplicate-syn.pcap"))));
    }

    @Test
    void anOldDuplicateSynBeforeTheClientsOwn_isStale_andItsSynSentAgainStaysInTheConnection_rfc9293Figure8() throws Exception {
        List<CapturedConnection> connections = oldDuplicateSyn();

        assertEquals(List.of(8), connections.stream().map(connection -> connection.segments().size()).toList(),
                "row 6 repeats the client's own SYN of row 3: the reset of row 4 answered the old SYN's request");
        CapturedConnection connection = connections.get(0);
        List<CapturedSegment> segments = connection.segments();
        assertEquals(Map.of(0, CaptureEvidence.Stale.OLD_DUPLICATE_SYN), CaptureEvidence.staleSegments(connection));
        assertEquals(segments.get(2).seq(), connection.isn(true), "the client's ISN is its connect()'s, J");
        assertEquals(List.of(segments.get(1).seq(), segments.get(6).seq()), connection.isns(false),
                "the listener chose an ISN for each request");
        CaptureEvidence evidence = CaptureEvidence.of(connection);
        assertEquals(CaptureEvidence.Vantage.SERVER, evidence.vantage());
        assertEquals(50, evidence.oneWayDelayMs(), "the client's RST answers the SYN,ACK 100.4 ms after it (RFC 9293 §3.10.7.3)");
    }

    @Test
    void anOldDuplicateSynBeforeTheClientsOwn_isReplayedAsTheNetworksWithoutDeparture_rfc9293Figure8() throws Exception {
        Trace trace = CaptureReplay.rebuild(oldDuplicateSyn().get(0), Profile.parse("linux"), Language.EN, Map.of("en", "Capture")).trace();

        assertEquals(List.of(), trace.steps().stream().filter(step -> step.kind() == StepKind.DEVIATION).map(step -> step.text()).toList(),
                "the request reset by the client's SYN (tcp_check_req), the client's RST from SYN-SENT, the refused connect()");
        assertEquals(1, trace.steps().stream().filter(step -> "replay.stale-old-duplicate-syn".equals(step.detail())).count());
    }

    @Test
    void aNewSynBelowTimeWaitsRcvNxt_itsAckAndTheResetToIt_belongToTheOldConnection_rfc9293Section3_6_1() throws Exception {
        // time-wait-syn-old-isn (docs/linux-captures.md §28, §95), taken at the server: a new connect() from the same port
        // sends SYN 990000, below the server's TIME-WAIT RCV.NXT 1000002 (row 8); TIME-WAIT answers with its own ACK (row 9,
        // tcp_timewait_state_process: no TCP_TW_SYN), the client's SYN-SENT answers that with <SEQ=SEG.ACK><CTL=RST> (row
        // 10, RFC 9293 §3.10.7.3), which ends TIME-WAIT; the SYN sent again opens the next connection (rows 11-13).
        List<CapturedConnection> connections = CapturedConnection.split(PcapReader.read(Files.readAllBytes(
                Path.of("tools", "linux-captures", "runs", "time-wait-syn-old-isn", "time-wait-syn-old-isn.pcap"))));

        assertEquals(List.of(10, 3), connections.stream().map(connection -> connection.segments().size()).toList());
        assertEquals(Map.of(7, CaptureEvidence.Stale.NEW_SYN_BELOW_TIME_WAIT), CaptureEvidence.staleSegments(connections.get(0)));
        for (CapturedConnection connection : connections) {
            Trace trace = CaptureReplay.rebuild(connection, Profile.parse("linux"), Language.EN, Map.of("en", "Capture")).trace();
            assertEquals(List.of(), trace.steps().stream().filter(step -> step.kind() == StepKind.DEVIATION).map(step -> step.text()).toList(),
                    "the server's TIME-WAIT answers the SYN with its ACK and the client's RST ends it, as in the capture");
        }
    }

    @Test
    void aFinRepeatedWithAnAckBehindOneItsSenderHadSent_isStale_notARetransmission_rfc9293Section3_10_7_4() throws Exception {
        // time-wait-rst-old-tsval (docs/linux-captures.md §37, §84): the client acknowledged the server's FIN (row 9, ack
        // K+2); rows 11 and 14, the relay's copies of its FIN, carry ack K+1, as its first FIN did (row 7). A retransmission
        // would carry RCV.NXT of its moment, K+2, as the replay's own does.
        CapturedConnection connection = CapturedConnection.split(capture("time-wait-rst-old-tsval")).get(0);

        assertEquals(Map.of(9, CaptureEvidence.Stale.UNPROMPTED_RESET, 10, CaptureEvidence.Stale.ACK_TAKEN_BACK,
                        12, CaptureEvidence.Stale.UNPROMPTED_RESET, 13, CaptureEvidence.Stale.ACK_TAKEN_BACK),
                CaptureEvidence.staleSegments(connection));
    }

    @Test
    void aTimeWaitThatAnswersWithItsAckAfterAResetAtRcvNxt_showsTcpRfc1337_rfc1337Section3() throws Exception {
        // §37's three files, taken at the server: with tcp_rfc1337 = 1 the server's TIME-WAIT answers the FIN after the
        // RST at RCV.NXT with its ACK (row 20); with 0 it was gone and the listener's RST answers. With timestamps the RST
        // of row 10 is older than the client's clock had shown, so PAWS may have dropped it (tcp_paws_reject): no sign.
        TcpParams linux = Profile.parse("linux").defaults();
        for (Map.Entry<String, Optional<Boolean>> file : Map.of("time-wait-old-segments-rfc1337", Optional.of(false),
                WRITTEN_IN_THE_CLIENTS_NAME, Optional.<Boolean>empty(), "time-wait-rst-old-tsval", Optional.<Boolean>empty()).entrySet()) {
            CapturedConnection connection = CapturedConnection.split(capture(file.getKey())).get(0);

            CaptureEvidence.ShownLimits shown = CaptureEvidence.ShownLimits.of(connection, CaptureEvidence.of(connection), linux);
            assertEquals(file.getValue(), shown.timeWaitIgnoresReset(), file.getKey());
            assertEquals(file.getValue().isPresent(), shown.over(linux).rfc1337(), file.getKey());
        }
    }

    @Test
    void aFinSentAgainAfterTheCaptureSawItsAck_isItsSendersRetransmission_notStale_lastAckLost() throws Exception {
        // last-ack-lost (docs/linux-captures.md §9e): the client's last ACK was dropped at the server after tcpdump saw it.
        CapturedConnection connection = CapturedConnection.split(capture("last-ack-lost")).get(0);

        assertEquals(Map.of(), CaptureEvidence.staleSegments(connection));
    }

    /**
     * everyday-s96 (docs/linux-captures.md §96), veth, captured at the server: after a 2-byte exchange the script wrote
     * in the client's name two RSTs at the server's RCV.NXT + 1 (rows 8 and 10; row 9 is the server's challenge ACK)
     * or, in the other file, a SYN at RCV.NXT + 1000 (row 8); then the client sends its next 5 bytes from J+5, as if
     * nothing had happened. A socket that sent a reset is gone (tcp_send_active_reset, tcp_done), and one that sent a
     * SYN with another ISN goes on from that ISN + 1.
     */
    @Test
    void aResetOrASynAfterWhichItsSendersStreamGoesOn_isWrittenInItsName_rfc5961Section1() throws Exception {
        assertEquals(Map.of(7, CaptureEvidence.Stale.RESET_OUTLIVED, 9, CaptureEvidence.Stale.RESET_OUTLIVED),
                CaptureEvidence.staleSegments(section96("veth-challenge-rst-server")));
        assertEquals(Map.of(7, CaptureEvidence.Stale.SYN_AMID_STREAM),
                CaptureEvidence.staleSegments(section96("veth-challenge-syn-server")));
    }

    @Test
    void twoResetsWrittenInTheClientsName125msApart_drawOneChallengeAck_linuxTcpSendChallengeAck() throws Exception {
        // The same capture replayed: the server answers the first RST with a challenge ACK (row 9) and the second with
        // nothing (nstat: TCPChallengeACK 1, TCPACKSkippedChallenge 1); before §96 the replay took both RSTs for the
        // client's own aborts (11 deviations).
        Trace trace = CaptureReplay.rebuild(section96("veth-challenge-rst-server"), Profile.parse("linux"), Language.EN,
                Map.of("en", "Capture")).trace();

        assertEquals(List.of(), trace.steps().stream().filter(step -> step.kind() == StepKind.DEVIATION).map(step -> step.text()).toList());
        assertEquals(1, trace.steps().stream().filter(step -> "server".equals(step.endpoint())
                && step.text().contains("tcp_send_challenge_ack")).count(), "the second RST is dropped unanswered");
    }

    private static CapturedConnection section96(String name) throws Exception {
        List<CapturedConnection> connections = CapturedConnection.split(PcapReader.read(Files.readAllBytes(Path.of("tools",
                "linux-captures", "runs", "everyday-s96", "explained", name + ".pcap"))));
        assertEquals(1, connections.size(), "the SYN written in the client's name opens no connection");
        return connections.get(0);
    }

    /**
     * everyday-s99 (docs/linux-captures.md §99): TCP_LINGER2 -1 on the client, which sends 4 bytes and closes at once;
     * the server's ACK of the FIN, 43 ms later (delayed), is answered by a bare RST at SEG.ACK (tcp_rcv_state_process in
     * FIN-WAIT-1: tcp_done, then tcp_v4_send_reset). In orphan-data the ACK of the FIN is taken silently (FIN-WAIT-2)
     * and the reset answers the server's data 500 ms later: a FIN-WAIT-2 that was there.
     */
    @Test
    void aBareResetAnsweringTheAckOfItsFin_showsAnOrphanWithoutFinWait2_linuxTcpLinger2() throws Exception {
        assertEquals(Optional.of(new CaptureEvidence.FinWait2Timeout(true, -1, 0)),
                CaptureEvidence.finWait2Skipped(section99("lo-linger2-negative")));
        assertEquals(Optional.of(new CaptureEvidence.FinWait2Timeout(true, -1, 0)),
                CaptureEvidence.finWait2Skipped(section99("veth-linger2-negative-server")));
        assertEquals(Optional.empty(), CaptureEvidence.finWait2Skipped(section99("veth-orphan-data-client")));
        assertEquals(Optional.empty(), CaptureEvidence.finWait2Skipped(section99("veth-linger2-half-close-client")));
    }

    @Test
    void theResetOfTheAckOfAnOrphansFin_isReplayedAsTheKernelsAnswer_noAbortInferred_linuxTcpRcvStateProcess() throws Exception {
        // Before §99: abort() inferred before the held ACK arrived, a RST,ACK expected and the bare RST unexpected.
        for (String name : List.of("lo-linger2-negative", "veth-linger2-negative-client", "veth-linger2-negative-server")) {
            Trace trace = CaptureReplay.rebuild(section99(name), Profile.parse("linux"), Language.EN, Map.of("en", "Capture")).trace();

            assertEquals(List.of(), trace.steps().stream().filter(step -> step.kind() == StepKind.DEVIATION).map(step -> step.text()).toList(), name);
            assertEquals(List.of(), trace.steps().stream().filter(step -> "abort()".equals(step.detail())).toList(), name);
            assertEquals("CLOSED", trace.finalStates().get("client"), name);
        }
    }

    /**
     * everyday-s99 syn-sent-close (docs/linux-captures.md §105): the client's first SYN,ACK is dropped at the client,
     * the client closes in SYN-SENT (tcp_close_state: SYN_SENT → CLOSE, nothing sent; RFC 9293 §3.10.4), and the
     * SYN,ACK sent again at 1 s finds no socket: a bare RST (tcp_v4_send_reset). Before §105 the client was a SYN
     * flood's spoofed source (a flood inject, no client calls). The reset of the first SYN,ACK that arrives stays a
     * flood's (old-duplicate-syn-after-connect's first connection: closing its client there departs three times).
     */
    @Test
    void aClientThatResetsOnlyTheSynAckSentAgain_closedInSynSent_notAFloodsSource_rfc9293Section3_10_4_linuxTcpClose() throws Exception {
        for (String name : List.of("lo-syn-sent-close", "veth-syn-sent-close-client", "veth-syn-sent-close-server")) {
            CapturedConnection connection = section99(name);
            CaptureReplay.Rebuilt rebuilt = CaptureReplay.rebuild(connection, Profile.parse("linux"), Language.EN, Map.of("en", "Capture"));

            assertFalse(CaptureEvidence.of(connection).spoofedClient(), name);
            assertEquals(List.of(), rebuilt.trace().steps().stream().filter(step -> step.kind() == StepKind.DEVIATION)
                    .map(step -> step.text()).toList(), name);
            assertEquals(List.of(), rebuilt.scenario().inject(), name);
            assertEquals(List.of("connect", "close"), rebuilt.scenario().actions().stream()
                    .filter(action -> "client".equals(action.host())).map(action -> action.call()).toList(), name);
            assertEquals(ConnectionOutcome.RESET, ConnectionOutcome.of(connection), name);
            // Run again as a scenario, the close comes before the client's SYN timer: its SYN once, then the RST.
            Trace again = ScenarioRunner.run(rebuilt.scenario(), new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
            assertEquals(List.of(List.of("SYN"), List.of("RST")), again.segments().stream()
                    .filter(segment -> "client".equals(segment.from())).map(segment -> segment.flags()).toList(), name);
        }
        CapturedConnection oldDuplicate = CapturedConnection.split(capture("old-duplicate-syn-after-connect")).get(0);
        assertTrue(CaptureEvidence.of(oldDuplicate).spoofedClient());
    }

    /**
     * everyday-s107 (docs/linux-captures.md §107): tcp_syn_retries = 3 with tcp_syn_linear_timeouts = 0 at the client
     * sends its SYN at 0, 1, 3 and 7 s; with 2 at 0, 1, 2, 3, 5 and 9 s: Linux doubles the RTO from the timeout after the
     * tunable's count (tcp_retransmit_timer). §76's tcp_syn_retries = 3 at the default 4 doubles after five equal gaps;
     * §99's TCP_SYNCNT 1 gave up after two equal gaps, which only bound the tunable.
     */
    @Test
    void copiesOfASynThatDoubleAfterKEqualGaps_showTcpSynLinearTimeoutsKMinusOne_linuxTcpRetransmitTimer() throws Exception {
        assertEquals(OptionalInt.of(0), CaptureEvidence.synLinearTimeouts(section107("veth-syn-linear-0-client")));
        assertEquals(OptionalInt.of(2), CaptureEvidence.synLinearTimeouts(section107("lo-syn-linear-2")));
        assertEquals(OptionalInt.of(4), CaptureEvidence.synLinearTimeouts(CapturedConnection.split(PcapReader.read(
                Files.readAllBytes(Path.of("tools", "linux-captures", "runs", "everyday-s76", "veth-syn-retries-client.pcap")))).get(0)));
        assertEquals(OptionalInt.empty(), CaptureEvidence.synLinearTimeouts(section99("veth-syncnt-client")));
        // Before §107 the replay kept the default 4: SYNs expected at 4, 5 and 7 s (3 departures), or at 7 s (1).
        for (String name : List.of("veth-syn-linear-0-client", "veth6-syn-linear-2-client")) {
            Trace trace = CaptureReplay.rebuild(section107(name), Profile.parse("linux"), Language.EN, Map.of("en", "Capture")).trace();

            assertEquals(List.of(), trace.steps().stream().filter(step -> step.kind() == StepKind.DEVIATION).map(step -> step.text()).toList(), name);
        }
    }

    /**
     * everyday-s107: tcp_max_tw_buckets = 0 at the client, which sends a request and shutdown(SHUT_WR), takes the
     * server's 2,000 bytes and acknowledges its FIN (dropped at the server): tcp_time_wait finds no room for a timewait
     * socket (TCPTimeWaitOverflow 1) and closes at once, so the FIN sent again meets no socket and a bare RST at SEG.ACK.
     * Before §107 that reset made the FIN a close() (the data after it a reset's cause), then an abort() (4 to 6 departures).
     */
    @Test
    void aBareResetAnsweringACopyOfTheFinItAcknowledged_showsNoTimeWait_linuxTcpTimeWaitOverflow() throws Exception {
        for (String name : List.of("lo-tw-overflow-fin-again", "veth-tw-overflow-fin-again-client",
                "veth-tw-overflow-fin-again-server", "veth6-tw-overflow-fin-again-client")) {
            CapturedConnection connection = section107(name);
            assertEquals(Optional.of(true), CaptureEvidence.timeWaitSkipped(connection), name);
            Trace trace = CaptureReplay.rebuild(connection, Profile.parse("linux"), Language.EN, Map.of("en", "Capture")).trace();

            assertEquals(List.of(), trace.steps().stream().filter(step -> step.kind() == StepKind.DEVIATION).map(step -> step.text()).toList(), name);
            assertEquals(List.of("listen()", "connect()", "send(4)", "shutdown()", "send(2000)", "close()"), trace.steps().stream()
                    .filter(step -> step.kind() == StepKind.CALL).map(step -> step.detail()).toList(), name);
        }
        // An orphan whose FIN-WAIT-2 had no room answers the server's first FIN: it never acknowledged it.
        assertEquals(Optional.empty(), CaptureEvidence.timeWaitSkipped(section107("veth-tw-overflow-fin-client")));
    }

    /**
     * everyday-s107 listener-closed-syn-recv (docs/linux-captures.md §107, §109): the client's handshake ACK dropped at the
     * server, the listener closed about 200 ms later, the client's 4 bytes answered at once with a bare RST at SEG.ACK,
     * less than the second after which the request's SYN,ACK would go again. The request socket went with its listener
     * (tcp_v4_rcv: inet_csk_reqsk_queue_drop_and_put, then no socket, tcp_v4_send_reset). Before §109 the reset was
     * taken for a full accept queue's (one departure each); the accept-queue reading of §96 is kept where the reset
     * answers the handshake's ACK at once (everyday-s58 overflow-abort).
     */
    @Test
    void aBareResetOfDataBeforeTheFirstSynAckRetransmission_showsTheAckLostAndTheListenerClosed_linuxTcpV4RcvClosedListener()
            throws Exception {
        for (String name : List.of("lo-listener-closed-syn-recv", "veth-listener-closed-syn-recv-client",
                "veth-listener-closed-syn-recv-server", "veth6-listener-closed-syn-recv-client")) {
            CapturedConnection connection = section107(name);
            assertEquals(Optional.of(new CaptureEvidence.ClosedListener(2, 3, 4)), CaptureEvidence.ClosedListener.of(connection), name);
            assertEquals(Optional.empty(), CaptureEvidence.acceptQueueOverflowReset(connection), name);
            assertEquals(CaptureEvidence.LossKind.NEVER_ACCEPTED, CaptureEvidence.of(connection).losses().get(2).kind(), name);
            CaptureReplay.Rebuilt rebuilt = CaptureReplay.rebuild(connection, Profile.parse("linux"), Language.EN, Map.of("en", "Capture"));

            assertEquals(List.of(), rebuilt.trace().steps().stream().filter(step -> step.kind() == StepKind.DEVIATION)
                    .map(step -> step.text()).toList(), name);
            assertEquals(List.of("server listen", "client connect", "server close", "client send"), rebuilt.scenario().actions().stream()
                    .map(action -> action.host() + " " + action.call()).toList(), name);
            assertEquals(List.of("drop"), rebuilt.scenario().faults().stream().map(fault -> fault.action()).toList(), name);
            // Run again as a scenario: the ACK lost, the listener closed, the data reset; no SYN,ACK again, no FIN.
            Trace again = ScenarioRunner.run(rebuilt.scenario(), new ScenarioRunner.Overrides("linux", null, null, null), Language.EN, Limits.API);
            assertEquals(List.of(List.of("SYN", "ACK"), List.of("RST")), again.segments().stream()
                    .filter(segment -> "server".equals(segment.from())).map(segment -> segment.flags()).toList(), name);
        }
        CapturedConnection overflow = CapturedConnection.split(PcapReader.read(Files.readAllBytes(Path.of("tools", "linux-captures",
                "runs", "everyday-s58", "veth-overflow-abort-client.pcap")))).get(0);
        assertEquals(Optional.empty(), CaptureEvidence.ClosedListener.of(overflow));
        assertTrue(CaptureEvidence.acceptQueueOverflowReset(overflow).isPresent());
    }

    /**
     * everyday-s107: the server's route has rto_min 50 ms (tcp_rto_min takes a locked RTAX_RTO_MIN, 13 ticks at HZ=250);
     * its 1,000-byte answer, the only segment in flight, is lost once and sent again 59 to 64 ms later by the loss
     * probe (tcp_schedule_loss_probe: 2 × srtt + tcp_rto_min with one packet out; TCPLossProbes 1 in each .nstat). The
     * copies show 52 ms over veth (its tick) and 56 over veth6, whose probe came 3.6 ms later. Before §108 the replay
     * kept the profile's 200 ms and the ACK of the copy stopped its probe at 208 ms: 1 departure each.
     */
    @Test
    void aLoneSegmentSentAgainSoonerThanTheProfilesMinimumRto_showsTheRoutesRtoMin_linuxTcpRtoMin() throws Exception {
        for (Map.Entry<String, Integer> file : Map.of("veth-rto-min-route-client", 52, "veth-rto-min-route-server", 52,
                "veth6-rto-min-route-client", 56).entrySet()) {
            String name = file.getKey();
            CapturedConnection connection = CapturedConnection.split(PcapReader.read(Files.readAllBytes(Path.of("tools",
                    "linux-captures", "runs", "everyday-s107", name + ".pcap")))).get(0);
            assertEquals(OptionalInt.of(file.getValue()), CaptureEvidence.minRtoMs(connection, false, 200), name);
            assertEquals(OptionalInt.empty(), CaptureEvidence.minRtoMs(connection, true, 200), name);
            // A minimum the copy's time allows (2 × srtt + 52 ms, in ticks, fires 56 to 60 ms after) shows nothing.
            assertEquals(OptionalInt.empty(), CaptureEvidence.minRtoMs(connection, false, 52), name);
            CaptureReplay.Rebuilt rebuilt = CaptureReplay.rebuild(connection, Profile.parse("linux"), Language.EN, Map.of("en", "Capture"));

            assertEquals(List.of(), rebuilt.trace().steps().stream().filter(step -> step.kind() == StepKind.DEVIATION)
                    .map(step -> step.text()).toList(), name);
            assertEquals(file.getValue(), rebuilt.scenario().params().server().minRtoMs(), name);
        }
    }

    private static CapturedConnection section107(String name) throws Exception {
        return run("everyday-s107/explained", name);
    }

    private static CapturedConnection section99(String name) throws Exception {
        return run("everyday-s99/explained", name);
    }

    @Test
    void aResetThatAnswersThePeerWithinARoundTrip_isTheEndsOwn_soTheReplayStillFlagsItWhereTheProfileSendsNone() throws Exception {
        // Row 16 (the relay's second SYN, 100 ms after the server's ACK) made a RST at RCV.NXT from the client: an answer
        // to that ACK by its timing, so the client's own; in TIME-WAIT Linux sends none (RFC 9293 §3.10.7.4).
        List<CapturedSegment> segments = new ArrayList<>(capture(WRITTEN_IN_THE_CLIENTS_NAME));
        CapturedSegment syn = segments.get(15);
        segments.set(15, new CapturedSegment(syn.timeMicros(), syn.srcAddress(), syn.srcPort(), syn.dstAddress(), syn.dstPort(),
                segments.get(14).ack(), 0, Flags.RST, 0, syn.window(), syn.options()));
        CapturedConnection connection = CapturedConnection.split(segments).get(0);

        assertFalse(CaptureEvidence.staleSegments(connection).containsKey(15));
        Trace trace = CaptureReplay.rebuild(connection, Profile.parse("linux"), Language.EN, Map.of("en", "Capture")).trace();
        assertTrue(trace.steps().stream().anyMatch(step -> step.kind() == StepKind.DEVIATION && "client".equals(step.endpoint())
                && step.text().contains("CTL=RST")), "the client's RST is a deviation");
    }

    /**
     * `everyday-more.py veth backlog OUT` with HL_CC=bbr, captured at the client (docs/linux-captures.md §61, §64), the
     * third client's connection: its first SYN meets a full queue and goes unanswered, the copy at 1008.260 ms is
     * answered 0.077 ms later by a SYN,ACK whose TSecr, 3028953071, is that copy's TSval (the first SYN's was
     * 3028952062); its request (TSval 3028953074) is dropped, the copy at 1216.238 ms (TSval 3028953279) answered
     * 0.081 ms later with that TSval echoed. Every other acknowledged segment is a copy, so before, the only answer
     * counted was the server's RST,ACK 11.465 ms after the client's FIN (sent when its application closed), and the
     * path took 11.465 / 2 = 5 ms each way (whole ms, rounded down). The echo says which copy was answered (RFC 7323
     * §4.1; Linux tcp_ack_update_rtt takes tcp_rtt_tsopt_us for a segment sent again), so the path is timed from the
     * copies: 0.077 ms, under 2 ms both ways, so 0.
     */
    @Test
    void aCopyAnsweredWithItsOwnTsvalEchoed_timesThePath_rfc7323Section4_1() throws Exception {
        List<CapturedSegment> segments = PcapReader.read(Files.readAllBytes(
                Path.of("src", "test", "resources", "captures", "everyday-more", "veth-backlog-client-third.pcap")));

        assertEquals(0, CaptureEvidence.of(CapturedConnection.split(segments).get(0)).oneWayDelayMs());
    }

    @Test
    void aCopyAnsweredWithAnEarlierCopysTsvalEchoed_doesNotTimeThePath_karnsAlgorithm() throws Exception {
        // The same connection with the SYN,ACK echoing the first SYN's TSval and the ACK of the request echoing the
        // first request's: each answer may then be the earlier copy's, arrived late, and times nothing. What is left
        // is the FIN (21055.645 ms) and the RST,ACK (21067.110 ms): 11.465 ms, 5 ms each way (whole ms, rounded down).
        List<CapturedSegment> segments = new ArrayList<>(PcapReader.read(Files.readAllBytes(
                Path.of("src", "test", "resources", "captures", "everyday-more", "veth-backlog-client-third.pcap"))));
        segments.set(2, withEcho(segments.get(2), 3028952062L));
        segments.set(6, withEcho(segments.get(6), 3028953074L));

        assertEquals(5, CaptureEvidence.of(CapturedConnection.split(segments).get(0)).oneWayDelayMs());
    }

    @Test
    void aSynAckCopyTheHandshakeAckDoesNotEcho_neverArrived_tcpRcvSynsentStateProcess() throws Exception {
        // syn-ack-lost-twice-defaults (docs/linux-captures.md §68, §74), taken at the server: SYN,ACKs at 0.062 (index 1),
        // 1011.078 (index 2, the server's timer) and 1029.342 ms (index 4, the answer to the client's SYN sent again,
        // index 3), TSvals 860063730, 860064741, 860064759. The client's ACK (index 5) echoes 860064759: in SYN-SENT
        // it answers the first SYN,ACK it takes at once and echoes it, so index 2, 18 ms before, never arrived (index 1,
        // which acknowledged the SYN the client sent again, neither).
        CaptureEvidence evidence = evidence(capture("syn-ack-lost-twice-defaults"));

        assertEquals(Map.of(1, CaptureEvidence.LossKind.ANSWER, 2, CaptureEvidence.LossKind.COPY), kinds(evidence));
    }

    @Test
    void withoutTimestamps_theSynAckCopyARoundTripBeforeTheHandshakeAck_isTheOneThatArrived() throws Exception {
        // syn-ack-lost-twice-noopts: SYN,ACKs at 0.059, 1009.266 and 1031.872 ms, the ACK at 1132.660 ms; the FIN and
        // its ACK time the round trip, 100 ms. The ACK came 0.8 ms past a round trip after index 4 and 23.4 ms past one
        // after index 2, which it would have answered at once had it arrived.
        CaptureEvidence evidence = evidence(capture("syn-ack-lost-twice-noopts"));

        assertEquals(50, evidence.oneWayDelayMs());
        assertEquals(Map.of(1, CaptureEvidence.LossKind.ANSWER, 2, CaptureEvidence.LossKind.COPY), kinds(evidence));
    }

    @Test
    void aFinOnTheLastDataThatWaitedBehindAShutWindow_isACloseMadeWhileItWaited_tcpSendFin() throws Exception {
        // close-zero-window-defaults (docs/linux-captures.md §68, §74), taken at the server: the client's 4464 bytes
        // wait behind the server's zero window (row 15) and leave when the update of 2101.6 ms arrives, the last 120
        // with the FIN (row 27): tcp_send_fin put it on the last segment not yet sent, so close() came while they
        // waited. The replay closes as the update arrives, so the engine sends that segment too, and says so.
        Trace trace = CaptureReplay.rebuild(CapturedConnection.split(capture("close-zero-window-defaults")).get(0),
                Profile.parse("linux"), Language.EN, Map.of("en", "Capture")).trace();

        assertEquals(List.of(), trace.steps().stream().filter(step -> step.kind() == StepKind.DEVIATION).map(step -> step.text()).toList());
        assertTrue(trace.steps().stream().anyMatch(step -> step.kind() == StepKind.NOTE && "client".equals(step.endpoint())
                && step.text().contains("close() while that data was still queued")));
    }

    @Test
    void aReplayedEndChoosesItsWindowsInTheUnitsItsSynOffered_soAReadThatDoublesTheWindowSendsAnUpdate_tcpCleanupRbuf() throws Exception {
        // read-late-in-two-parts-defaults (docs/linux-captures.md §68, §74): the server's SO_RCVBUF 8192 made its SYN,ACK
        // offer WS=0, and its windows fell to 2136 bytes with 8000 unread. With the profile's shift (10) the engine's
        // fell only to 6144, more than half the clamp, so the read the replay infers at the update of 1602.5 ms sent no
        // update (tcp_cleanup_rbuf: only a window at most half the clamp that the read at least doubles).
        Trace trace = CaptureReplay.rebuild(CapturedConnection.split(capture("read-late-in-two-parts-defaults")).get(0),
                Profile.parse("linux"), Language.EN, Map.of("en", "Capture")).trace();

        assertEquals(List.of(), trace.steps().stream().filter(step -> step.kind() == StepKind.DEVIATION).map(step -> step.text()).toList());
    }

    @Test
    void theWindowACapturedSegmentOffers_isTheEdgeItsSenderTakesDataUpTo_onAnyPath_tcpSelectWindow() throws Exception {
        // relay-nginx-slow-client (docs/linux-captures.md §85, §91): curl --limit-rate behind the relay's 20 ms. At 163 ms
        // curl's ACK of K+102809 offers 80 units (edge K+184729) where the engine's receive memory chooses 79 (K+183705);
        // the server's data to K+184129 comes in, and at 207 ms the kernel offers the 600 bytes left of its edge rounded
        // up to one unit (tcp_select_window never moves the edge back) and takes the server's 1,024-byte probe at 461 ms.
        // Before, the replayed client kept its own edge: it offered 0 at 207 ms, refused the probe, and 26 of the
        // connection's segments departed.
        Path file = Path.of("src", "test", "resources", "captures", "everyday-servers", "relay-nginx-slow-client.pcap");
        Trace trace = CaptureReplay.rebuild(CapturedConnection.split(PcapReader.read(Files.readAllBytes(file))).get(0),
                Profile.parse("linux"), Language.EN, Map.of("en", "Capture")).trace();

        // The client discards only the zero-window probe of 717 ms (SND.UNA - 1, answered with an ACK), no data.
        List<String> discarded = trace.steps().stream().filter(step -> step.kind() == StepKind.DISCARD).map(step -> step.detail()).toList();
        assertEquals(1, discarded.size(), discarded.toString());
        assertFalse(discarded.get(0).contains("DATA"), discarded.get(0));
        // What is left is curl's ACK of K+78193 at 103 ms (§91, Not done).
        List<String> departures = trace.steps().stream().filter(step -> step.kind() == StepKind.DEVIATION).map(step -> step.text()).toList();
        assertTrue(departures.size() <= 1, departures.toString());
    }

    private static Map<Integer, CaptureEvidence.LossKind> kinds(CaptureEvidence evidence) {
        Map<Integer, CaptureEvidence.LossKind> kinds = new java.util.TreeMap<>();
        evidence.losses().forEach((index, loss) -> kinds.put(index, loss.kind()));
        return kinds;
    }

    private static CapturedSegment withEcho(CapturedSegment s, long tsEcr) {
        List<TraceOption> options = s.options().stream()
                .map(o -> o.kind() == OptionKind.TIMESTAMPS ? TraceOption.timestamps(o.tsVal(), tsEcr) : o).toList();
        return new CapturedSegment(s.timeMicros(), s.srcAddress(), s.srcPort(), s.dstAddress(), s.dstPort(),
                s.seq(), s.ack(), s.headerFlags(), s.payloadLength(), s.window(), options);
    }

    private static List<CapturedSegment> ecnCapture() throws Exception {
        return PcapReader.read(Files.readAllBytes(Path.of("tools", "linux-captures", "runs", ECN, ECN + ".pcap")));
    }

    private static CapturedSegment withHeaderFlags(CapturedSegment s, int headerFlags) {
        return new CapturedSegment(s.timeMicros(), s.srcAddress(), s.srcPort(), s.dstAddress(), s.dstPort(),
                s.seq(), s.ack(), headerFlags, s.payloadLength(), s.window(), s.options());
    }

    private static CapturedSegment withWindow(CapturedSegment s, int window) {
        return new CapturedSegment(s.timeMicros(), s.srcAddress(), s.srcPort(), s.dstAddress(), s.dstPort(),
                s.seq(), s.ack(), s.headerFlags(), s.payloadLength(), window, s.options());
    }

    /**
     * runs/frto-s72 (docs/linux-captures.md §75): the tail loss probe's J+14481 (index 13), new data after the ten
     * segments of the first flight, none acknowledged when it left 210 ms after them: written before the probe, held by
     * the congestion window (tcp_send_loss_probe), from the flight's last segment (index 12) on; the replay asks its own
     * sender whether its window was full then.
     */
    @Test
    void aProbesNewDataBehindAFlightNothingAcknowledged_wasWrittenBeforeTheProbe_heldByTheCongestionWindow_tcpSendLossProbe()
            throws Exception {
        CapturedConnection connection = CapturedConnection.split(PcapReader.read(Files.readAllBytes(Path.of("tools",
                "linux-captures", "runs", "frto-s72", "frto-sack-flight-and-probe-lost-defaults.pcap")))).get(0);
        CaptureEvidence evidence = CaptureEvidence.of(connection);

        assertEquals(Optional.of(new CaptureEvidence.WrittenBeforeProbe(12, 13, CaptureEvidence.HeldBy.CONGESTION_WINDOW)),
                evidence.writtenBeforeProbe(connection, 13));
        assertEquals(Optional.empty(), evidence.writtenBeforeProbe(connection, 12), "a segment of the flight: no probe");
    }
}
