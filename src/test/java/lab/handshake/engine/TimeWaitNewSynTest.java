package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioParams;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.trace.OptionKind;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceOption;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A new SYN from the peer while this end holds TIME-WAIT: the server closed first, and the client connects again
 * from the same port (the catalogue's time-wait-syn-accepted). RFC 9293 §3.6.1 (MAY-2) allows the TIME-WAIT end to
 * accept it if the new ISN is above the old connection's numbers, RFC 6191 the same by timestamps; the rfc9293
 * profile does not take the option (§3.10.7.4 answers the SYN with an ACK). Linux accepts it in
 * tcp_timewait_state_process() (net/ipv4/tcp_minisocks.c, TCP_TW_SYN) and tcp_v4_rcv() hands it to the listener
 * with the ISN old SND.NXT + 65537. The server's TIME-WAIT begins at 810 ms; the client's second SYN, at 1500 ms, lies
 * 436498 above the server's RCV.NXT.
 */
class TimeWaitNewSynTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The catalogue's time-wait-syn-accepted, with timestamps on or off. */
    private static Trace run(String profile, boolean timestamps) throws IOException {
        ScenarioSpec spec = YAML.readValue(Path.of("content", "scenarios", "time-wait-syn-accepted.yaml").toFile(), ScenarioSpec.class);
        ScenarioParams params = spec.paramsOrEmpty().toBuilder().timestamps(timestamps).build();
        spec = new ScenarioSpec(spec.id(), spec.title(), spec.summary(), spec.tags(), spec.profile(), params, spec.actions(),
                spec.faults(), spec.inject(), spec.untilMs());
        return ScenarioRunner.run(spec, new ScenarioRunner.Overrides(profile, null, null, null), Language.EN, Limits.API);
    }

    private static List<String> sentAfter(Trace trace, long at) {
        return trace.segments().stream().filter(s -> s.sentAt() >= at)
                .map(s -> s.sentAt() + " " + s.from() + " " + String.join(",", s.flags()) + " " + s.seq()).toList();
    }

    private static TraceStep timeWaitEnds(Trace trace) {
        return trace.steps().stream().filter(step -> "server".equals(step.endpoint())
                && "TIME_WAIT".equals(step.stateBefore()) && "CLOSED".equals(step.stateAfter())).findFirst().orElseThrow();
    }

    @Nested
    class Rfc9293 {
        @Test
        void newSynInTimeWait_getsTheOldConnectionsAck_theClientsRstEndsTimeWait_andTheRetransmittedSynGetsIn_rfc9293Section3_10_7()
                throws IOException {
            Trace trace = run("rfc9293", false);
            // The SYN lies outside the window (§3.10.7.4 first step): an ACK of the old connection (SEQ=K+2, ACK=J+2).
            // SYN-SENT finds it acknowledges nothing it sent and answers <SEQ=SEG.ACK><CTL=RST> (§3.10.7.3); the RST is
            // in TIME-WAIT's window (second step): CLOSED. The SYN sent again at 1 s finds only the listener.
            assertEquals(List.of("1500 client SYN 437500", "1550 server ACK 5002", "1600 client RST 1002",
                    "2500 client SYN 437500", "2550 server SYN,ACK 691500", "2600 client ACK 437501"), sentAfter(trace, 1500));
            TraceStep ends = timeWaitEnds(trace);
            assertEquals(1650, ends.at());
            assertTrue(ends.rule().contains("second: RST bit"), ends.rule());
        }
    }

    @Nested
    class Linux {
        @Test
        void synAboveRcvNxt_endsTimeWait_andTheListenerAnswersAtOldSndNxtPlus65537_rfc9293Section3_6_1May2_linuxTcpTimewaitStateProcess()
                throws IOException {
            Trace trace = run("linux", false);
            // Old SND.NXT K+2 = 5002, + 65537.
            assertEquals(List.of("1500 client SYN 437500", "1550 server SYN,ACK 70539", "1600 client ACK 437501"), sentAfter(trace, 1500));
            TraceStep ends = timeWaitEnds(trace);
            assertEquals(1550, ends.at());
            assertTrue(ends.rule().contains("MAY-2") && ends.rule().contains("tcp_timewait_state_process"), ends.rule());
            assertEquals("ESTABLISHED", trace.finalStates().get("server"));
        }

        @Test
        void withTimestamps_bothClocksRunOn_theSynAckEchoesTheNewSyn_linuxSecureTcpSeqAndTsOff() throws IOException {
            Trace trace = run("linux", true);
            TraceSegment syn = trace.segments().stream().filter(s -> s.sentAt() == 1500).findFirst().orElseThrow();
            TraceSegment synAck = trace.segments().stream().filter(s -> s.sentAt() == 1550).findFirst().orElseThrow();
            TraceSegment clientFin = trace.segments().stream().filter(s -> s.from().equals("client") && s.flags().contains("FIN"))
                    .findFirst().orElseThrow();
            TraceSegment serverLastAck = trace.segments().stream().filter(s -> s.from().equals("server") && s.sentAt() < 1500)
                    .reduce((a, b) -> b).orElseThrow();
            assertEquals(List.of("SYN", "ACK"), synAck.flags());
            assertEquals(timestamps(clientFin).tsVal() + (1500 - clientFin.sentAt()), timestamps(syn).tsVal(), "the client's clock");
            assertEquals(timestamps(serverLastAck).tsVal() + (1550 - serverLastAck.sentAt()), timestamps(synAck).tsVal(), "the server's clock");
            assertEquals(timestamps(syn).tsVal(), timestamps(synAck).tsEcr());
        }

        private static TraceOption timestamps(TraceSegment segment) {
            return segment.options().stream().filter(o -> o.kind() == OptionKind.TIMESTAMPS).findFirst().orElseThrow();
        }
    }

    /** The TIME-WAIT connection alone: which SYNs tcp_timewait_state_process turns into TCP_TW_SYN. */
    @Nested
    class TimeWaitArrivals {
        private static final SocketAddress SERVER = new SocketAddress("10.0.0.2", 80);
        private static final SocketAddress CLIENT = new SocketAddress("10.0.0.1", 49152);
        private FakeEnvironment env;
        private TcpConnection connection;

        /** A passive connection that closed first: ISS 5000, IRS 1000; TIME-WAIT with RCV.NXT 1002, SND.NXT 5002. */
        private void timeWait(Profile profile) {
            env = new FakeEnvironment(profile);
            env.params = profile.defaults().toBuilder().timestamps(false).sack(false).windowScaling(false).build();
            env.listening = true;
            connection = TcpConnection.create(env, SERVER, CLIENT, true);
            connection.synArrivedAtListener(new Segment(CLIENT, SERVER, 1000, 0, Flags.SYN, 0, 64240), 5000);
            connection.segmentArrives(new Segment(CLIENT, SERVER, 1001, 5001, Flags.ACK, 0, 64240));
            connection.close();
            connection.segmentArrives(new Segment(CLIENT, SERVER, 1001, 5002, Flags.ACK, 0, 64240));
            connection.segmentArrives(new Segment(CLIENT, SERVER, 1001, 5002, Flags.FIN | Flags.ACK, 0, 64240));
            assertEquals(TcpState.TIME_WAIT, connection.state());
            env.takeSent();
        }

        @Test
        void linux_synAboveRcvNxt_isHandedToTheListener() {
            timeWait(Profile.LINUX);
            Segment syn = new Segment(CLIENT, SERVER, 1003, 0, Flags.SYN, 0, 64240);
            connection.segmentArrives(syn);
            assertSame(syn, env.synAfterTimeWait);
            assertEquals(TcpState.CLOSED, connection.state());
            assertTrue(env.deleted);
            assertTrue(env.takeSent().isEmpty(), "the listener answers, not the TIME-WAIT connection");
        }

        @Test
        void linux_synAtOrBelowRcvNxtWithoutTimestamps_getsTheTimeWaitAck_linuxTcpTwAck() {
            timeWait(Profile.LINUX);
            connection.segmentArrives(new Segment(CLIENT, SERVER, 1002, 0, Flags.SYN, 0, 64240));
            assertNull(env.synAfterTimeWait);
            assertEquals(TcpState.TIME_WAIT, connection.state());
            Segment ack = env.onlySent();
            assertEquals(Flags.ACK, ack.flags());
            assertEquals(5002, ack.seq());
            assertEquals(1002, ack.ack());
        }

        @Test
        void linux_synWithoutAListener_getsTheTimeWaitAck_linuxTcpV4RcvFallsThroughToAck() {
            timeWait(Profile.LINUX);
            env.listening = false;
            connection.segmentArrives(new Segment(CLIENT, SERVER, 500_000, 0, Flags.SYN, 0, 64240));
            assertNull(env.synAfterTimeWait);
            assertEquals(TcpState.TIME_WAIT, connection.state());
            assertEquals(Flags.ACK, env.onlySent().flags());
        }

        @Test
        void rfc9293_synAboveRcvNxt_staysInTimeWait_mayTwoNotTaken_rfc9293Section3_10_7_4() {
            timeWait(Profile.RFC9293);
            connection.segmentArrives(new Segment(CLIENT, SERVER, 500_000, 0, Flags.SYN, 0, 64240));
            assertNull(env.synAfterTimeWait);
            assertFalse(env.deleted);
            assertEquals(Flags.ACK, env.onlySent().flags());
        }
    }
}
