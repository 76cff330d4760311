package lab.handshake.capture;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.handshake.ChineseWords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Captures made as a reviewer makes them, with everyday programs over a veth pair or loopback in namespaces of their
 * own and one tcpdump on one side (tools/linux-captures/everyday-more.py, docs/linux-captures.md §49), kept in
 * src/test/resources/captures/everyday-more: each is one connection explained under linux with no deviation, no raw
 * message key and, on the Chinese answer, no Latin word a Chinese reader should not see.
 */
@QuarkusTest
class EverydayMoreCapturesTest {
    /** Where the captures are kept, under src/test/resources/captures. */
    private static final String FOLDER = "everyday-more";

    /**
     * `everyday-more.py veth keepalive OUT --snap 128`: SO_KEEPALIVE with TCP_KEEPIDLE and TCP_KEEPINTVL of 1 s, the
     * connection idle 3.5 s, so three probes (at about 1, 2 and 3 s), each answered (RFC 9293 §3.8.4,
     * tcp_keepalive_timer). Each probe is a note; on the Chinese page it is 保活探测, without the English gloss.
     */
    @Test
    void keepAliveProbesAreToldInChineseWithoutAnEnglishWord_rfc9293Section3_8_4() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = explainedAsLinux("veth-keepalive-s128", lang);
            assertEquals(3, explained.getList("trace.steps.findAll { it.detail == 'replay.keep-alive' }").size(), lang);
        }
    }

    /**
     * `everyday-more.py veth ack-lost OUT --side server --snap 128`: the client's ACK of the SYN,ACK is dropped at the
     * server (nft, once); the server's SYN,ACK is sent again at 1025 ms (its 1 s timer, TCP_TIMEOUT_INIT, fired on a
     * 4 ms tick), the client answers it with its ACK at 1025.156 ms, and the server, whose application speaks first,
     * sends its 10-byte greeting at 1025.898 ms, all in one millisecond of the capture. A Linux listener makes the
     * connection only on that ACK (tcp_check_req(); RFC 9293 §3.10.7.4), so the greeting is replayed after the ACK
     * arrived: the server's send(10) is inferred, and nothing of the server departs from Linux (before: seven
     * deviations, the greeting sent in SYN_RECEIVED and all the server's segments after it).
     */
    @Test
    void aServerThatSpeaksFirstAfterItsHandshakeAckWasLost_sendsItsGreetingAfterTheSecondAck_tcpCheckReq() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = explainedAsLinux("veth-ack-lost-s128-server", lang);
            assertEquals(1, explained.getList("scenario.actions.findAll { it.host == 'server' && it.call == 'send' && it.bytes == 10 }").size(), lang);
            assertEquals(1, explained.getList("scenario.faults").size(), lang);
            assertEquals("TIME_WAIT", explained.getString("trace.finalStates.client"), lang);
        }
    }

    /**
     * `everyday-more.py veth killed OUT --side server`, tcpdump's own snap length: the server writes 10,000 bytes as
     * soon as accept() returns, and every 50 ms after; the client reads for 300 ms and is killed, and its kernel resets
     * the connection (RST,ACK, data unread at close). The server's first write leaves 0.78 ms after the client's ACK
     * of the SYN,ACK, in the capture's first millisecond, as one TSO segment of 7,240 bytes (five of 1,448) and one of
     * 2,760; the replay sends it after that ACK made the server's connection (tcp_check_req), so its send() is
     * inferred and the cut segments are Linux's (before: 61 deviations, every segment of the server's).
     */
    @Test
    void aServerThatWritesAsSoonAsItAccepts_isReplayedWritingAfterTheHandshakeAck_tcpCheckReq() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = explainedAsLinux("veth-killed-server", lang);
            // 7,240 + 2,760 at 0 ms, then 10,000 at 56, 109, 162, 212, 263 and 318 ms: 70,000 bytes.
            assertEquals(70_000, serverBytesWritten(explained), lang);
            assertEquals(1, explained.getList("scenario.actions.findAll { it.host == 'client' && it.call == 'abort' }").size(), lang);
        }
    }

    /**
     * `everyday-more.py lo killed OUT --snap 128`: on loopback the client's ACKs follow its reads (35 to 403 µs after
     * each 10,000 bytes), the replay takes them as the capture shows them; the last 10,000 bytes arrive at 302.487 ms,
     * the program is killed unread, and close() with data unread sends RST,ACK at 303.537 ms acknowledging them
     * (tcp_close(); RFC 2525 §2.17). The ACK the replayed client owed for them is told as still owed when the reset
     * left, not as an ACK Linux would have sent (before: that one deviation).
     */
    @Test
    void aLoopbackReaderKilledWithDataUnread_owedItsAckWhenTheResetLeft_tcpClose() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = explainedAsLinux("lo-killed-s128", lang);
            assertEquals(1, explained.getList("trace.steps.findAll { it.detail == 'replay.ack-owed-at-reset' }").size(), lang);
        }
    }

    /**
     * `everyday-more.py veth overflow-abort OUT --side server` (§58), the first client's connection only: the server
     * listens with backlog 0 and net.ipv4.tcp_abort_on_overflow=1 and does not call accept(); this client's handshake
     * ACK is dropped at the server (nft, once), a second client's connection fills the accept queue 100 ms later, the
     * server sends its SYN,ACK again at 1029.5 ms (the 1 s request timer) and the client's ACK of it, 104 µs later,
     * finds the queue full: 21 µs after it the server sends {@code <SEQ=K+1><CTL=RST>}, window 0 (tcp_check_req,
     * listen_overflow, embryonic_reset). Before: the reset was taken for a half-open entry that had expired after one
     * SYN,ACK retransmission (tcp_synack_retries = 1, which cannot expire an entry 0.1 ms after its SYN,ACK), the
     * client's ACK as lost, an abort() inferred, and two deviations (the reset Linux would not send, the RST,ACK of
     * that abort() it would have).
     */
    @Test
    void anAckThatFindsTheAcceptQueueFull_isAnsweredWithABareResetUnderAbortOnOverflow_tcpCheckReq() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = explainedAsLinux("veth-overflow-abort-server-first", lang);
            assertEquals(1, explained.getList("trace.steps.findAll { it.detail == 'replay.accept-queue-full-reset' }").size(), lang);
            // The ACK at 1029.6 ms takes the server from SYN_RECEIVED back to LISTEN; its reset is the capture's. The
            // replay's clock runs 3 ms ahead: the SYN,ACK the timer sent again at 1029.5 ms left on a tick (§80).
            assertEquals(List.of(1032), explained.getList(
                    "trace.steps.findAll { it.endpoint == 'server' && it.kind == 'arrive' && it.stateAfter == 'LISTEN' }.at"), lang);
            assertEquals(List.of(), explained.getList("trace.steps.findAll { it.detail == 'replay.synack-retries' }"), lang);
            assertEquals(List.of(), explained.getList("scenario.actions.findAll { it.call == 'abort' }"), lang);
        }
    }

    /**
     * `everyday-more.py veth overflow OUT --side server` (§58), the first client's connection only: as in
     * overflow-abort, but with net.ipv4.tcp_abort_on_overflow at its default 0. The client's ACK at 0 ms (dropped by
     * nft) and at 1004 ms, and its 2-byte request at 1601, 1808, 2016 and 2448 ms, reach a server still in
     * SYN-RECEIVED: a full accept queue drops them without a word (tcp_check_req, listen_overflow, {@code acked = 1}),
     * which on the wire looks as a loss does. Each is told as lost or so dropped, in the reader's language (before: as
     * lost on the network only). The copy at 3276 ms meets a replayed server already ESTABLISHED and is told as before.
     */
    @Test
    void segmentsToAHalfOpenListenerAreToldAsLostOrDroppedByAFullAcceptQueue_tcpCheckReqListenOverflow() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = explainedAsLinux("veth-overflow-server-first", lang);
            String words = lang.equals("en") ? "accept queue" : "全连接队列";
            assertEquals(List.of(0, 1004, 1601, 1808, 2016, 2448), explained.getList(
                    "trace.steps.findAll { it.kind == 'drop' && it.text.contains('" + words + "') }.at"), lang);
        }
    }

    /**
     * `everyday-more.py veth urgent OUT` (§58): the client sends 3 bytes, then 1 byte with send(..., MSG_OOB), which
     * leaves as {@code [P.U] seq 4:5, urg 1} at 284.5 ms, then 3 bytes. The engine models no urgent data (RFC 9293
     * §3.8.5): the replay says so once, in the reader's language, for the client's one URG segment, and explains the
     * rest as ordinary data (before: no word of it, the URG flag silently left out).
     */
    @Test
    void urgentDataIsToldAsNotModelledAndTheRestExplained_rfc9293Section3_8_5() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = explainedAsLinux("veth-urgent-client", lang);
            assertEquals(List.of("client"), explained.getList("trace.steps.findAll { it.detail == 'replay.urgent-not-modelled' }.endpoint"), lang);
        }
    }

    /**
     * `everyday-more.py lo tfo OUT --snap 128` (§61), the first connection only: net.ipv4.tcp_fastopen=3 and no cookie
     * yet, so sendto(MSG_FASTOPEN) of 4 bytes sends a SYN with a cookie request and no data, and waits for the
     * connection. The SYN,ACK arrives 16 µs after the SYN; 28 µs later the client's 4 bytes leave carrying the ACK of
     * it, with no bare ACK before them: a write waiting on the connection makes Linux save that ACK
     * (tcp_rcv_synsent_state_process(): sk_write_pending, "Save one ACK"; RFC 9293 §3.10.7.3 lets queued data ride on
     * it). The replay has the client write the 4 bytes in SYN_SENT, right after connect(), told in a note; the
     * simulation then sends them with the ACK, as Linux did (before: one deviation, the bare ACK Linux "would have
     * sent", and the send(4) inferred only after it).
     */
    @Test
    void dataWrittenBeforeTheHandshakeEnded_carriesTheAckOfTheSynAck_tcpRcvSynsentStateProcess() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = explainedAsLinux("lo-tfo-first", lang);
            assertEquals(List.of("client"), explained.getList("trace.steps.findAll { it.detail == 'replay.written-while-connecting' }.endpoint"), lang);
            assertEquals(List.of("SYN_SENT"), explained.getList(
                    "trace.steps.findAll { it.endpoint == 'client' && it.kind == 'call' && it.text.contains('send(4)') }.stateBefore"), lang);
        }
    }

    /**
     * `everyday-more.py veth backlog OUT` with HL_CC=bbr, captured at the client (§61, §64), the third client's connection
     * only (port 48282): its first SYN meets the listener's full queue, the copy at 1008.260 ms is answered, and its
     * 2-byte request, captured at 1011.973 ms, is dropped; the client sends it again at 1216.238 ms, when its tail loss
     * probe timer fired (tcp_schedule_loss_probe): srtt 1 ms (the SYN,ACK's echo, tcp_rtt_tsopt_us), 2 × 1 + 200 ms
     * (TCP_RTO_MIN, one segment out) = 202 ms, 51 ticks of 4 ms, filed one tick later on the timer wheel: 52 ticks
     * from the tick the request left in (1008 ms), 1216 ms. The path is timed from the copies' answers (0.08 ms: 0 ms
     * each way). Before, it was timed from the reset that answered the client's FIN after the server's application
     * closed (5 ms each way): the replay had the request at 1016 and the probe at 1224, after the server's ACK of the
     * copy, and the copy at 1216 was a departure.
     */
    @Test
    void aRequestLostAfterASynSentAgain_goesAgainWhenTheProbeTimerFires_tcpScheduleLossProbe() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = explainedAsLinux("veth-backlog-client-third", lang);
            assertEquals(List.of(1216), explained.getList(
                    "trace.steps.findAll { it.endpoint == 'client' && it.kind == 'timer-fired' && it.detail == 'loss-probe' }.at"), lang);
            assertEquals(List.of(1008), explained.getList(
                    "trace.steps.findAll { it.endpoint == 'server' && it.kind == 'arrive' && it.stateAfter == 'SYN_RECEIVED' }.at"), lang);
        }
    }

    /**
     * `everyday-more.py lo tfo OUT --snap 128` (§61), the second connection only (lo-tfo-1.pcap, port 46048), explained
     * with no deviation (§62): the client held the cookie the first connection's SYN,ACK gave (450977297b77929c), so its
     * SYN carries it and the 4 bytes (seq J, length 4: RFC 7413 §4.2.1, Linux tcp_send_syn_data); the server's
     * tcp_try_fastopen takes the cookie and tcp_fastopen_create_child hands the 4 bytes to its application in
     * SYN_RECEIVED, so its SYN,ACK acknowledges J + 1 + 4 = J+5 and carries no cookie (foc->len = -1); the client's ACK
     * of it is a bare ACK with seq J+5. Before: 18 deviations, the engine's SYN carrying no data and its server
     * acknowledging J+1 only.
     */
    @Test
    void dataInTheSynWithAValidCookie_isAcknowledgedByTheSynAck_tcpTryFastopen() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = explainedAsLinux("lo-tfo-second", lang);
            assertEquals(List.of("client"), explained.getList("trace.steps.findAll { it.detail == 'replay.fast-open-cookie' }.endpoint"), lang);
            // The SYN's arrival makes the server's connection by tcp_try_fastopen's rule.
            assertEquals(List.of("arrive"), explained.getList(
                    "trace.steps.findAll { it.endpoint == 'server' && it.rule == 'RFC 7413 §4; Linux tcp_fastopen.c' }.kind"), lang);
            assertEquals(List.of("SYN_RECEIVED"), explained.getList(
                    "trace.steps.findAll { it.endpoint == 'server' && it.kind == 'arrive' && it.rule == 'RFC 7413 §4; Linux tcp_fastopen.c' }.stateAfter"), lang);
            assertEquals(List.of(4), explained.getList("trace.segments.findAll { it.flags == ['SYN'] }.len"), lang);
            assertEquals(List.of("450977297b77929c"), explained.getList(
                    "trace.segments.findAll { it.flags == ['SYN'] }.options.flatten().findAll { it.kind == 'fast-open' }.cookie"), lang);
        }
    }

    /**
     * `everyday-more.py veth tfo-no-cookie` and `tfo-no-cookie-refused` (§69, server side, the first connection of each):
     * a SYN with 4 bytes of data and no Fast Open option (TFO_CLIENT_NO_COOKIE). A server that needs no cookie
     * (TFO_SERVER_COOKIE_NOT_REQD, tcp_try_fastopen) acknowledges J+5 in its SYN,ACK; one that wants a cookie
     * acknowledges J+1, and the client sends the 4 bytes again with its ACK (tcp_rcv_fastopen_synack). Before: 21 and 2
     * deviations (the engine's SYN carried no data). The inferred scenario says fastOpen: no-cookie, and the server's
     * own off where it left the data.
     */
    @Test
    void dataInASynWithoutACookie_isTakenByAServerThatNeedsNone_andSentAgainToOneThatWantsOne_tfoClientNoCookie() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath taken = explainedAsLinux("veth-tfo-no-cookie-first", lang);
            assertEquals(List.of("client"), taken.getList("trace.steps.findAll { it.detail == 'replay.fast-open-no-cookie' }.endpoint"), lang);
            assertEquals(List.of(4), taken.getList("trace.segments.findAll { it.flags == ['SYN'] }.len"), lang);
            assertEquals("no-cookie", taken.getString("scenario.params.fastOpen"), lang);
            JsonPath left = explainedAsLinux("veth-tfo-no-cookie-refused-first", lang);
            assertEquals(List.of("client"), left.getList("trace.steps.findAll { it.detail == 'replay.fast-open-no-cookie-left' }.endpoint"), lang);
            assertEquals("off", left.getString("scenario.params.server.fastOpen"), lang);
        }
    }

    /**
     * `everyday-more.py lo interactive OUT` (§61, everyday-s61/lo-interactive-1.pcap): five 6-byte requests 200 ms
     * apart, each answered at once, over loopback, where each request and its answer fall in one millisecond. The
     * scenario inferred from it runs again segment for segment as the replay: each answer after the first is a reaction
     * to the data that brought its request ({@code on: data}, {@code received}: 12, 18, 24, 30 bytes), not a call at the
     * request's millisecond, which ran before the request arrived (the answer acknowledging only the request before).
     */
    @Test
    void anInferredScenarioOfRequestsAndAnswersUnderAMillisecond_runsAgainAsReplayed_eachAnswerAfterItsRequest() throws Exception {
        JsonPath explained = explainedAsLinux("lo-interactive-1", "en");
        assertEquals(List.of(12, 18, 24, 30),
                explained.getList("scenario.actions.findAll { it.host == 'server' && it.call == 'send' && it.received != null }.received"));
        JsonPath rerun = given().contentType(ContentType.JSON).body(explained.getMap("scenario")).queryParam("lang", "en")
                .when().post("/api/traces").then().statusCode(200).extract().jsonPath();
        String shape = "segments.collect { it.from + ' ' + it.flags.join(',') + ' ' + it.len + ' ' + it.ack }";
        assertEquals(explained.getList("trace." + shape), rerun.getList(shape));
    }

    /**
     * `everyday-more.py lo6 slow-reader OUT --snap 128` (§67): the client reads 4,096 bytes every 10 ms and the server
     * writes 200,000 bytes and closes. The client's window shuts at 187.9 ms with 4,416 bytes still written and
     * unsent; the server's zero-window probe at 396.2 ms (SND.UNA - 1, tcp_write_wakeup) shows they wait, so the replay
     * has them written when the window shut. When the window opens at 681.902 ms the kernel sends them 18 µs later with
     * the FIN the application's close() put on them (tcp_send_fin), in the capture's same millisecond: that segment is
     * data the server had written before, not a new write (RFC 9293 §3.8.6.1). Before: a second send(4416) inferred,
     * 204,416 bytes written, and four deviations, the server's 4,416 bytes and FIN sent again.
     */
    @Test
    void dataWrittenBehindAShutWindow_isWrittenOnceWhenTheWindowOpens_tcpWriteWakeupTcpSendFin() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = explainedAsLinux("lo6-slow-reader", lang);
            assertEquals(200_000, serverBytesWritten(explained), lang);
        }
    }

    /**
     * The exchanges of §67 other than the slow reader held with no deviation, in both languages: TCP_NODELAY's five
     * 10-byte writes over IPv6 on a veth pair, each a segment of its own (tcp_push with TCP_NAGLE_OFF), and, captured
     * at the server, a client that calls shutdown(SHUT_RD) and closes with the 2,000-byte answer unread: its FIN is
     * acknowledged at 41.6 ms and a RST,ACK leaves at 225 ms, when it closes (tcp_close(): data unread at close; RFC 2525 §2.17).
     */
    @ParameterizedTest
    @ValueSource(strings = {"veth6-nodelay-client", "veth-shut-rd-server"})
    void anEverydayExchangeOfSection67_isExplainedWithoutDeviation(String name) throws Exception {
        CaptureExplainerTest.keptExplainedAsLinuxInBothLanguages(FOLDER, name);
    }

    /**
     * A slow reader over loopback (runs/everyday-s66/lo-slow-reader-1): the server's persist timer probes the shut
     * window at 456 ms, the probe goes unanswered (the client answered one 224 ms before: tcp_oow_rate_limited), and the
     * next, backed off to 102 ticks (408 ms), is filed on the timer wheel's second level and fires at the next multiple
     * of 8 jiffies (calc_wheel_index() in kernel/time/timer.c): 419.9 ms later in the capture. The replay infers where
     * the jiffies stand in that cycle from the probe itself (TickPhase.wheelTicksAtStart). Before: the probe 408 ms
     * later, 12 ms early, one deviation (docs/linux-captures.md §73).
     */
    @Test
    void aPersistTimerOnTheWheelsSecondLevel_firesAtTheEndOfItsEightTickBucket_calcWheelIndex() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = explainedAsLinux("lo-slow-reader-persist-wheel", lang);
            List<Long> fired = explained.<Number>getList("trace.steps.findAll { it.endpoint == 'server' && it.kind == "
                    + "'timer-fired' && it.detail == 'persist' }.at").stream().map(Number::longValue).toList();
            assertEquals(420, fired.get(fired.size() - 1) - fired.get(fired.size() - 2), lang + " " + fired);
        }
    }

    /**
     * tcp_sack=0 at the client, the server's first TSO segment (1:7241) dropped by nft, a 50,000-byte answer over veth
     * (runs/everyday-s66): the timeout sends 1:1449 again at 224 ms and its ACK advances SND.UNA, so the kernel sends new
     * data, 14481:20273, before 1449 onward (F-RTO, RFC 5682 §3.1 step 2.b; tcp_process_loss, REXMIT_NEW); the
     * duplicate ACKs for it say the loss was real and the lost segments go (step 3.a). The replay has that data written
     * before the ACK, as F-RTO shows it waited. Before: 31 deviations, every segment of the server from 14481 on (§70),
     * then 2, the last two retransmissions (5793:7241, 7241:8689): the namespaces ran BBR (the host's default), whose
     * window grows by the segment each duplicate ACK delivers (bbr_main; tcp_add_reno_sack), so each let two segments
     * go (docs/linux-captures.md §72). None now.
     */
    @Test
    void newDataAfterTheTimeoutsRetransmissionIsAcked_goesBeforeTheLostSegments_rfc5682TcpProcessLoss() throws Exception {
        byte[] pcap = Files.readAllBytes(Path.of("src", "test", "resources", "captures", "everyday-more", "veth-no-sack-loss-server.pcap"));
        JsonPath explained = given().contentType(CaptureExplainerTest.PCAP).body(pcap).queryParam("lang", "en")
                .when().post("/api/captures/explained").then().statusCode(200).extract().jsonPath();
        List<String> deviations = explained.getList("trace.steps.findAll { it.kind == 'deviation' }.text");
        assertEquals(List.of(), deviations);
    }

    /**
     * The same capture, as a reader of the captures page meets it: where the server sends new data before the lost
     * segments, and where it sends them again after the duplicate ACK, a note says it is F-RTO and why (RFC 5682 §3.1
     * steps 2.b and 3.a), once a step, in English and in Chinese without English words.
     */
    @ParameterizedTest
    @ValueSource(strings = {"en", "zh"})
    void frtosStepsInTheNoSackLossCapture_areToldAsNotes_rfc5682Section3_1(String lang) throws Exception {
        byte[] pcap = Files.readAllBytes(Path.of("src", "test", "resources", "captures", "everyday-more", "veth-no-sack-loss-server.pcap"));
        List<String> notes = given().contentType(CaptureExplainerTest.PCAP).body(pcap).queryParam("lang", lang)
                .when().post("/api/captures/explained").then().statusCode(200).extract().jsonPath()
                .getList("trace.steps.findAll { it.kind == 'note' && it.rule.contains('5682') }.text");
        List<String> said = lang.equals("en") ? List.of("F-RTO: sends", "F-RTO's test is over")
                : List.of("F-RTO：在重传超时判定为丢失的报文段之前", "F-RTO 的检验结束了");
        assertEquals(List.of(1L, 1L), said.stream().map(words -> notes.stream().filter(note -> note.contains(words)).count()).toList(),
                String.join("\n", notes));
        if (lang.equals("zh")) {
            assertEquals(List.of(), notes.stream().flatMap(note -> ChineseWords.foreign(note).stream()).toList());
        }
    }

    /**
     * `everyday-more.py veth retries-dead OUT --snap 128` (§76): tcp_retries2=3 at the client, and after a 2-byte
     * exchange nft drops every segment of the client at the server. The client's 2,000 bytes (1,448 and 552 on the wire,
     * the 552 sent again by a loss probe at 284 ms) go again on the retransmission timer at 492, 932, 1764 and 3428 ms
     * (the replay's clock, 2 ms ahead of the capture's), and nothing comes back; the kernel then gives up without a segment (tcp_write_timeout, tcp_write_err). An end that
     * receives data acknowledges it (RFC 9293 §3.8.6.3), so none of it arrived: the replay loses every segment of the
     * client from the first unanswered data on, and has it give up after the timer's copies the capture shows. Before:
     * the 552 bytes and the last copy were delivered, and the server's three ACKs of them were reported missing.
     */
    @Test
    void dataSentAgainOnTheTimerWithNothingBackUntilTheEnd_neverArrived_tcpWriteTimeout() throws Exception {
        explainedAsLinux("veth-retries-dead-client", "zh");
        JsonPath explained = explainedAsLinux("veth-retries-dead-client", "en");
        List<Integer> vanished = explained.getList("trace.steps.findAll { it.kind == 'drop' && it.text.contains('nothing comes back from the server') }.at");
        assertEquals(List.of(279, 279, 284, 492, 932, 1764, 3428), vanished);
        // The inferred scenario drops all the client sends from the first of them on, and its client gives up after the
        // four retransmissions the capture shows, as the kernel did (no fifth copy).
        assertEquals(List.of(Map.of("match", Map.of("from", "client", "afterMs", 279), "action", "drop")), explained.getList("scenario.faults"));
        assertEquals(4, explained.getInt("scenario.params.client.dataRetries"));
        assertEquals("CLOSED", explained.getString("trace.finalStates.client"));
    }

    /**
     * `everyday-more.py veth rebooted OUT --snap 128` (§76): after a 2-byte exchange the server closes with SO_LINGER
     * {1, 0} and exits, its RST dropped by nft on the way out; 1.3 s later the client's 100 bytes are answered with a
     * bare RST, {@code <SEQ=SEG.ACK><CTL=RST>}, from tcp_v4_send_reset for a segment that found no socket (RFC 9293
     * §3.10.7.1). An open Linux connection acknowledges data, and its own reset carries ACK (tcp_send_active_reset): the
     * server had forgotten the connection, which the replay tells as a crash just before the data arrives. Before: an
     * abort() inferred after the data, a RST,ACK expected and the bare RST unexpected, two deviations.
     */
    @Test
    void aBareResetToDataFromAnEndThatNeverClosed_isAHostThatForgotTheConnection_tcpV4SendReset() throws Exception {
        for (String lang : List.of("en", "zh")) {
            JsonPath explained = explainedAsLinux("veth-rebooted-client", lang);
            assertEquals(List.of("listen", "send", "crash"), explained.getList("scenario.actions.findAll { it.host == 'server' }.call"), lang);
        }
    }

    /**
     * TCP_USER_TIMEOUT 1,500 ms over ::1 (§76): the peer vanishes as in retries-dead, and the client's data goes again
     * until the time-out ends the connection (before: the last copy delivered, the server's ACK of it reported missing,
     * one deviation). Its loss probe, as long after the segment as the first timeout after the probe, is no retry
     * (tcp_schedule_loss_probe: 2 SRTT + 200 ms for a lone segment), so the client gives up after three; and a file with a connection over IPv4 and one over IPv6 (a dual-stack listener on [::], the
     * client's close-first over 127.0.0.1, then over ::1): the chooser lists both, each explained without deviation
     * (none before either).
     */
    @Test
    void section76sUserTimeoutAndTwoFamiliesCaptures_areExplainedWithoutDeviation() throws Exception {
        for (String lang : List.of("en", "zh")) {
            // A loss probe 204.6 ms after the lone segment, then timer copies 212, 420 and 832 ms apart: three retries.
            assertEquals(3, explainedAsLinux("lo6-user-timeout", lang).getInt("scenario.params.client.dataRetries"), lang);
            byte[] pcap = Files.readAllBytes(Path.of("src", "test", "resources", "captures", "everyday-more", "lo-two-families.pcap"));
            for (int connection = 0; connection < 2; connection++) {
                JsonPath explained = given().contentType(CaptureExplainerTest.PCAP).body(pcap).queryParam("lang", lang)
                        .queryParam("connection", connection).when().post("/api/captures/explained").then().statusCode(200)
                        .extract().jsonPath();
                assertEquals(List.of("127.0.0.1:7000", "[::1]:7000"), explained.getList("connections.server"), lang);
                assertEquals(List.of(), explained.getList("trace.steps.findAll { it.kind == 'deviation' }.text"), lang + " " + connection);
                for (String text : explained.<String>getList("trace.steps.text")) {
                    assertEquals(List.of(), lang.equals("zh") ? ChineseWords.foreign(text) : List.of(), text);
                    assertEquals(false, text.contains("replay.") || text.contains("{"), text);
                }
            }
        }
    }

    /** The bytes of all the server's send() calls in the inferred scenario. */
    private static int serverBytesWritten(JsonPath explained) {
        List<Integer> sends = explained.getList("scenario.actions.findAll { it.host == 'server' && it.call == 'send' }.bytes");
        return sends.stream().mapToInt(Integer::intValue).sum();
    }

    /** One connection explained under linux as {@link CaptureExplainerTest#explainedAsLinux} holds it. */
    private static JsonPath explainedAsLinux(String name, String lang) throws Exception {
        return CaptureExplainerTest.keptExplainedAsLinux(FOLDER, name, lang);
    }
}
