package lab.handshake.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.handshake.engine.Rules;
import lab.handshake.engine.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Round 19 of kernel captures (tools/linux-captures/round19-s149.py, docs/linux-captures.md §149): the core families
 * over IPv6, on a veth pair (fd92::1 to fd92::2, captured at either end) and on ::1, losses made by nft in the
 * receiving namespace after tcpdump's tap; a keep-alive whose peer vanished, tcp_retries2 3 with the peer gone
 * mid-transfer, and a RST written into TIME-WAIT. Kept in src/test/resources/captures/round19.
 */
@QuarkusTest
class Ipv6CoreFamiliesCaptureTest {
    /** Where the test copies are kept, under src/test/resources/captures. */
    private static final String FOLDER = "round19";

    /**
     * Each is one connection explained under linux with no deviation, no raw message key and, on the Chinese answer,
     * no Latin word a Chinese reader should not see.
     */
    @ParameterizedTest
    @ValueSource(strings = {"veth6-request-close-server", "lo6-three-segment-client", "veth6-server-first-client",
        "veth6-simultaneous-server", "lo6-half-close-client", "veth6-abort-server", "lo6-close-unread-client",
        "veth6-refused-client", "veth6-syn-lost-client", "lo6-synack-lost-client", "veth6-ack-lost-server",
        "veth6-fin-lost-client", "lo6-server-fin-lost-client", "veth6-last-ack-lost-server", "veth6-retries2-3-client"})
    void anIpv6CoreFamilyExchange_isExplainedWithoutDeviation(String name) throws Exception {
        CaptureExplainerTest.keptExplainedAsLinuxInBothLanguages(FOLDER, name);
    }

    /**
     * SO_KEEPALIVE with tcp_keepalive_time 2, _intvl 1 and _probes 3 at the client; after the answer nft drops all the
     * client sends at the server. Its three probes (a bare ACK one below SND.NXT, at 2, 3 and 4 s) draw nothing, then
     * the client resets the connection (tcp_keepalive_timer). An end that receives a probe answers it: it lies below
     * RCV.NXT, and tcp_validate_incoming sends a duplicate ACK (tcp_send_dupack; tcp_oow_rate_limited lets one through
     * each 500 ms). The replay delivered the probes, and its server's three ACKs were departures; now an unanswered
     * probe is lost on the way, at either end's capture.
     */
    @Test
    void keepAliveProbesNothingAnswers_areLostOnTheWay_tcpValidateIncomingAnswersEveryProbe() throws Exception {
        for (String name : List.of("veth6-keepalive-client", "veth6-keepalive-server")) {
            explainedAsLinux(name, "zh");
            JsonPath explained = explainedAsLinux(name, "en");
            assertEquals(3, explained.getList("trace.steps.findAll { it.kind == 'drop' && it.rule == '" + Rules.KEEP_ALIVE + "' }")
                    .size(), name);
        }
    }

    /**
     * tcp_rfc1337 0 at the client, which closed first: after the last ACK a RST of the server's address and port,
     * SEQ the server's FIN's + 1, written by scapy 7 s later, ends the client's TIME-WAIT (tcp_timewait_state_process:
     * TIME-WAIT assassination), and its next connect() from the same port starts a connection afresh (TSecr 0). The
     * RST is the next segment after the client's ACK of the server's FIN, and the replay took it for the server's answer
     * to that ACK, an orphan with no FIN-WAIT-2 (TCP_LINGER2 -1), and so made its client drop the connection in
     * FIN-WAIT-1: three departures. The server had the client's FIN first, so it was in LAST-ACK, where an ACK of its FIN
     * ends the connection silently; only an end in FIN-WAIT-1 answers so (tcp_rcv_state_process, case TCP_FIN_WAIT1).
     */
    @Test
    void aResetWrittenIntoTimeWaitAfterTheLastAck_isNoAnswerOfAnOrphanWithoutFinWait2_tcpRcvStateProcessFinWait1() throws Exception {
        Trace trace = ExplainedRun.replayed("round19-s149/explained", "veth6-rfc1337-0-client");

        assertEquals(List.of(), ExplainedRun.departures(trace));
        assertEquals(List.of(), trace.steps().stream().filter(s -> "replay.no-fin-wait-2".equals(s.detail())).toList());
    }

    /**
     * tcp_retries2 5 at the client, captured at either end: nft began dropping its segments while one GSO packet of
     * 9,996 bytes was on its way, so the server's last ACK (of the data before it) crossed it. The client's timer sends
     * the first MSS of that packet again five times, from 0.52 to 7.0 s (tcp_retransmit_timer sends one segment,
     * __tcp_retransmit_skb cuts it), and gives up at the next (tcp_write_timeout). Before, a vanished peer was looked for
     * only after the peer's last segment, and its copies only as whole packets: the replay delivered the packet the ACK
     * crossed, and its server owed five ACKs.
     */
    @Test
    void dataAnAckCrossedBeforeThePeerVanished_isLostWithItsCopiesOfOneMss_tcpRetransmitTimer() throws Exception {
        for (String name : List.of("veth6-retries2-5-client", "veth6-retries2-5-server")) {
            CaptureExplainerTest.keptExplainedAsLinuxInBothLanguages(FOLDER, name);
        }
    }

    /**
     * tcp_retries2 3 at the client over ::1: the server's last ACK came at 118 ms, the client's 10,000 bytes after it
     * never arrived, and its loss probe at 330 ms sent the 50,000 bytes that waited (tcp_send_loss_probe sends new data
     * first), so its copies at 542, 982 and 1,846 ms are all the retransmission timer's, three before it gave up. The
     * inference took the first copy for the probe (the gap before it as long as the next, as behind a probe of a lone
     * segment) and counted two.
     */
    @Test
    void aLossProbeOfNewData_leavesTheFirstCopyToTheTimer_tcpSendLossProbe() throws Exception {
        CapturedConnection connection = CapturedConnection.split(PcapReader.readCapture(Files.readAllBytes(
                Path.of("tools", "linux-captures", "runs", "round19-s149", "explained", "lo6-retries2-3-client.pcap")))).get(0);

        assertEquals(3, CaptureEvidence.vanishedPeer(connection).orElseThrow().retransmissions());
    }

    /**
     * tcp_retries2 5 at the client over ::1 (docs/linux-captures.md §157): a loss probe and five timer copies of the
     * last 10,000 bytes, the fifth 3,556 ms after the fourth. The RTO doubled to 880 jiffies puts that timer on the
     * wheel's third level, which fires it at the end of a 64-jiffy bucket (calc_index() rounds the expiry up); the copies
     * before it put the jiffies at 4 modulo 8, and the fifth left 4.3 ms into the tick after its bucket's end, its softirq
     * a tick late (__run_timers takes every bucket up to the jiffies it finds). Its vote, 59 modulo 64, disagreed with
     * the level below by that tick and was dropped, so the replay's bucket lay 220 ms later: the fifth copy early and a
     * copy missing. Now a vote a tick short counts where it agrees (TickPhase.wheelTicksAtStart).
     */
    @Test
    void aTimerCopyATickPastItsBucketsEnd_firesInThatBucketInTheReplay_calcIndexRunTimers() throws Exception {
        CaptureExplainerTest.keptExplainedAsLinuxInBothLanguages(FOLDER, "lo6-retries2-5-client");
    }

    /**
     * SO_KEEPALIVE at the client, everything it sends dropped at the server after the answer, the server's program
     * killed once the client gave up (§157). The client's reset after three unanswered probes was dropped too, so the
     * killed program's close sent a FIN (tcp_close), which the client's port, with no connection left, answered with
     * {@code <SEQ=SEG.ACK><CTL=RST>}; those were dropped as well, and the server sent its FIN again twice. The replay
     * delivered the resets: its server never sent the FINs and its client's answers were departures (5). A reset at
     * RCV.NXT ends the connection (RFC 9293 §3.10.7.4; tcp_validate_incoming, tcp_reset), so one after which its peer
     * still sends a FIN is lost, and the FIN a closed port answered arrived, though it came again.
     */
    @Test
    void aResetThePeerStillSendsAFinAfter_isLost_andTheFinItAnsweredArrived_tcpReset() throws Exception {
        for (String name : List.of("veth6-keepalive-killed-client", "veth6-keepalive-killed-server")) {
            explainedAsLinux(name, "zh");
            JsonPath explained = explainedAsLinux(name, "en");
            assertEquals(3, explained.getList("scenario.faults.findAll { it.match.from == 'client' && it.match.flags.contains('RST') }")
                    .size(), name);
            assertEquals(List.of(), explained.getList("scenario.faults.findAll { it.match.from == 'server' }"), name);
        }
    }

    /**
     * tcp_retries2 3 at the client over veth6, the server's program killed once the client had given up without a
     * segment (tcp_write_timeout, tcp_write_err): its close with 50,000 bytes unread sends a RST,ACK (tcp_close:
     * tcp_send_active_reset), the capture's last segment (§157). The vanished peer was looked for only where the
     * capture ends with the sender's copies, so none was found and the replay's server owed ACKs for data that never
     * arrived (4 departures); a reset of the peer's own after the copies answers nothing and is now passed over.
     */
    @Test
    void aResetOfThePeersOwnAfterTheSenderGaveUp_leavesThePeerVanished_tcpClose() throws Exception {
        CaptureExplainerTest.keptExplainedAsLinuxInBothLanguages(FOLDER, "veth6-retries2-3-killed-client");
    }

    /** The kept capture {@code name} explained under linux in {@code lang}, held to no departure ({@link CaptureExplainerTest#explainedAsLinux}). */
    private static JsonPath explainedAsLinux(String name, String lang) throws Exception {
        return CaptureExplainerTest.keptExplainedAsLinux(FOLDER, name, lang);
    }
}
