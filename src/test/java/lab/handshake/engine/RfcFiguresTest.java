package lab.handshake.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import lab.handshake.engine.run.ScenarioRunner;
import lab.handshake.engine.spec.ActionSpec;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The figures of RFC 9293 §3.5 and §3.6, replayed with the figures' own numbers: TCP Peer A is the client,
 * TCP Peer B the server, and each host's ISNs are given in the order the figure uses them. Every segment
 * is compared in the figure's notation, and the states at each end after each event.
 */
class RfcFiguresTest {

    /** Two hosts on the simulated network with chosen ISNs, 50 ms apart. */
    static final class Figure {
        final Network network;
        final TraceLog log = new TraceLog(Limits.API.maxSegments(), Limits.API.maxSteps());
        final Host a;
        final Host b;

        Figure(Profile profile, List<Integer> isnsOfA, List<Integer> isnsOfB) {
            network = new Network(profile, profile.defaults(), 1, log, 100_000);
            SocketAddress addressA = new SocketAddress("10.0.0.1", 49152);
            SocketAddress addressB = new SocketAddress("10.0.0.2", 80);
            a = network.addHost("client", addressA, fixed(isnsOfA));
            b = network.addHost("server", addressB, fixed(isnsOfB));
            a.setPrimaryPeer(addressB);
            b.setPrimaryPeer(addressA);
            network.setInitialSequenceNumbers(isnsOfA.get(0), isnsOfB.get(0));
        }

        Figure(List<Integer> isnsOfA, List<Integer> isnsOfB) {
            this(Profile.RFC9293, isnsOfA, isnsOfB);
        }

        private static IsnGenerator fixed(List<Integer> isns) {
            Deque<Integer> queue = new ArrayDeque<>(isns);
            return now -> queue.isEmpty() ? 999_999 : queue.poll();
        }

        Figure call(long at, String host, String call) {
            return call(at, host, call, null);
        }

        Figure call(long at, String host, String call, Integer bytes) {
            network.schedule(at, () -> ScenarioRunner.perform(network, new ActionSpec(at, null, null, null, host, call, bytes, null)));
            return this;
        }

        Figure inject(long at, String from, String to, int seq, int flags) {
            Host source = network.host(from);
            Host target = network.host(to);
            network.schedule(at, () -> network.inject(new Segment(source.address(), target.address(), seq, 0, flags, 0, 65_535),
                    Explanation.of(Rules.NETWORK, "inject.segment")));
            return this;
        }

        Figure runUntil(long until) {
            network.runUntil(until);
            return this;
        }

        /** Every segment in RFC notation with its direction: "A --> <SEQ=100><CTL=SYN>". */
        List<String> segments() {
            List<String> lines = new ArrayList<>();
            for (TraceSegment s : log.fold().segments()) {
                StringBuilder line = new StringBuilder(s.from().equals("client") ? "A --> " : "B --> ");
                line.append("<SEQ=").append(s.seq()).append('>');
                if (s.ack() != null) {
                    line.append("<ACK=").append(s.ack()).append('>');
                }
                if (s.len() > 0) {
                    line.append("<DATA=").append(s.len()).append('>');
                }
                line.append("<CTL=").append(String.join(",", s.flags().stream().filter(f -> !f.equals("PSH")).toList())).append('>');
                lines.add(line.toString());
            }
            return lines;
        }

        /** Every segment's numbers as the lessons name them: "SYN seq=X", "SYN,ACK seq=K0 ack=X+1". */
        List<String> symbolic() {
            List<String> lines = new ArrayList<>();
            for (TraceSegment s : log.fold().segments()) {
                lines.add(String.join(",", s.flags()) + " seq=" + s.seqSymbolic() + (s.ack() == null ? "" : " ack=" + s.ackSymbolic()));
            }
            return lines;
        }

        /** The state changes of one endpoint, in order: "SYN_SENT", "ESTABLISHED", … */
        List<String> statesOf(String endpoint) {
            List<String> states = new ArrayList<>();
            for (FoldedStep folded : log.fold().steps()) {
                TraceStep step = folded.step();
                if (step.endpoint().equals(endpoint) && step.peer() == null && step.stateBefore() != null
                        && !step.stateBefore().equals(step.stateAfter())) {
                    states.add(step.stateAfter());
                }
            }
            return states;
        }
    }

    @Nested
    class Section3_5_EstablishingAConnection {
        @Test
        void figure6_basicThreeWayHandshake() {
            Figure figure = new Figure(List.of(100), List.of(300))
                    .call(0, "server", "listen").call(10, "client", "connect").call(200, "client", "send", 10).runUntil(1_000);
            assertEquals(List.of(
                    "A --> <SEQ=100><CTL=SYN>",
                    "B --> <SEQ=300><ACK=101><CTL=SYN,ACK>",
                    "A --> <SEQ=101><ACK=301><CTL=ACK>",
                    "A --> <SEQ=101><ACK=301><DATA=10><CTL=ACK>",
                    "B --> <SEQ=301><ACK=111><CTL=ACK>"), figure.segments());
            assertEquals(List.of("SYN_SENT", "ESTABLISHED"), figure.statesOf("client"));
            assertEquals(List.of("LISTEN", "SYN_RECEIVED", "ESTABLISHED"), figure.statesOf("server"));
        }

        @Test
        void figure7_simultaneousConnectionSynchronization() {
            Figure figure = new Figure(List.of(100), List.of(300))
                    .call(10, "client", "connect").call(10, "server", "connect").runUntil(1_000);
            assertEquals(List.of(
                    "A --> <SEQ=100><CTL=SYN>",
                    "B --> <SEQ=300><CTL=SYN>",
                    "B --> <SEQ=300><ACK=101><CTL=SYN,ACK>",
                    "A --> <SEQ=100><ACK=301><CTL=SYN,ACK>"), figure.segments());
            assertEquals(List.of("SYN_SENT", "SYN_RECEIVED", "ESTABLISHED"), figure.statesOf("client"));
            assertEquals(List.of("SYN_SENT", "SYN_RECEIVED", "ESTABLISHED"), figure.statesOf("server"));
        }

        @Test
        void figure8_recoveryFromOldDuplicateSyn() {
            // The old SYN (90) reaches B before A's new SYN (100), which A sends later than in Figure 6.
            Figure figure = new Figure(List.of(100), List.of(300, 400))
                    .call(0, "server", "listen").inject(5, "client", "server", 90, Flags.SYN)
                    .call(110, "client", "connect").runUntil(1_000);
            assertEquals(List.of(
                    "A --> <SEQ=90><CTL=SYN>",
                    "B --> <SEQ=300><ACK=91><CTL=SYN,ACK>",
                    "A --> <SEQ=91><CTL=RST>",
                    "A --> <SEQ=100><CTL=SYN>",
                    "B --> <SEQ=400><ACK=101><CTL=SYN,ACK>",
                    "A --> <SEQ=101><ACK=401><CTL=ACK>"), figure.segments());
            assertEquals(List.of("LISTEN", "SYN_RECEIVED", "LISTEN", "SYN_RECEIVED", "ESTABLISHED"), figure.statesOf("server"));
        }

        @Test
        void figure8_theServersIsnForTheOldSynIsK0AndForTheRealSynK() {
            // The lesson's names for Figure 8: J=100, X=90, K0=300 (the bogus attempt), K=400 (the real connection).
            Figure figure = new Figure(List.of(100), List.of(300, 400))
                    .call(0, "server", "listen").inject(5, "client", "server", 90, Flags.SYN)
                    .call(110, "client", "connect").runUntil(1_000);
            assertEquals(List.of(
                    "SYN seq=X",
                    "SYN,ACK seq=K0 ack=X+1",
                    "RST seq=X+1",
                    "SYN seq=J",
                    "SYN,ACK seq=K ack=J+1",
                    "ACK seq=J+1 ack=K+1"), figure.symbolic());
        }

        @Test
        void anOldSynAnsweredFromSynSentKeepsTheIsnOfTheConnectionThatWasAlreadyThere() {
            // §3.10.7.3: a SYN reaching SYN-SENT is answered from the same ISS (a simultaneous open, Figure 7), so the
            // client's numbers stay J: only a connection the old SYN opened gets the name K0 or J0.
            Figure figure = new Figure(List.of(100), List.of(300))
                    .call(0, "client", "connect").inject(20, "server", "client", 200, Flags.SYN).runUntil(70);
            assertEquals(List.of("SYN,ACK seq=J ack=X+1"), figure.symbolic().stream().filter(s -> s.startsWith("SYN,ACK")).toList());
        }
    }

    @Nested
    class Section3_5_1_HalfOpenConnections {
        /** A and B exchanged data until B has sent up to 300 and received up to 100 (ISNs 99 and 299). */
        Figure synchronizedAt300And100(List<Integer> isnsOfA) {
            return new Figure(isnsOfA, List.of(299)).call(0, "server", "listen").call(10, "client", "connect");
        }

        @Test
        void figure9_halfOpenConnectionDiscovery() {
            Figure figure = synchronizedAt300And100(List.of(99, 400))
                    .call(500, "client", "crash").call(600, "client", "connect").runUntil(1_700);
            List<String> segments = figure.segments();
            assertEquals(List.of(
                    "A --> <SEQ=400><CTL=SYN>",
                    "B --> <SEQ=300><ACK=100><CTL=ACK>",
                    "A --> <SEQ=100><CTL=RST>",
                    "A --> <SEQ=400><CTL=SYN>"), segments.subList(3, 7));
            assertEquals(List.of("LISTEN", "SYN_RECEIVED", "ESTABLISHED", "CLOSED", "LISTEN", "SYN_RECEIVED"), figure.statesOf("server"),
                    "B aborts on the RST (line 5) and is back in LISTEN (its listener, MUST-41), which takes the new SYN of line 7");
        }

        @Test
        void figure10_activeSideCausesHalfOpenConnectionDiscovery() {
            Figure figure = synchronizedAt300And100(List.of(99))
                    .call(500, "client", "crash").call(600, "server", "send", 10).runUntil(1_000);
            assertEquals(List.of(
                    "B --> <SEQ=300><ACK=100><DATA=10><CTL=ACK>",
                    "A --> <SEQ=100><CTL=RST>"), figure.segments().subList(3, 5));
            List<String> server = figure.statesOf("server");
            assertEquals(List.of("CLOSED", "LISTEN"), server.subList(server.size() - 2, server.size()),
                    "B's connection is reset; its listener still listens (MUST-41)");
        }

        @Test
        void figure11_oldDuplicateSynInitiatesResetOnTwoPassiveSockets() {
            Figure figure = new Figure(List.of(100), List.of(300))
                    .call(0, "client", "listen").call(0, "server", "listen")
                    .inject(5, "client", "server", 200, Flags.SYN).runUntil(1_000);
            assertEquals(List.of(
                    "A --> <SEQ=200><CTL=SYN>",
                    "B --> <SEQ=300><ACK=201><CTL=SYN,ACK>",
                    "A --> <SEQ=201><CTL=RST>"), figure.segments());
            assertEquals(List.of("LISTEN", "SYN_RECEIVED", "LISTEN"), figure.statesOf("server"));
            assertEquals(List.of("LISTEN"), figure.statesOf("client"));
            assertEquals(List.of("SYN seq=X", "SYN,ACK seq=K0 ack=X+1", "RST seq=X+1"), figure.symbolic(),
                    "B's ISN answers the old SYN only: K0, as in Figure 8");
        }
    }

    @Nested
    class Section3_6_ClosingAConnection {
        /** Both ends ESTABLISHED with A at 100 and B at 300, as the closing figures start. */
        Figure established() {
            return new Figure(List.of(99), List.of(299)).call(0, "server", "listen").call(10, "client", "connect");
        }

        @Test
        void figure12_normalCloseSequence() {
            Figure figure = established().call(400, "client", "close").call(700, "server", "close").runUntil(500_000);
            assertEquals(List.of(
                    "A --> <SEQ=100><ACK=300><CTL=FIN,ACK>",
                    "B --> <SEQ=300><ACK=101><CTL=ACK>",
                    "B --> <SEQ=300><ACK=101><CTL=FIN,ACK>",
                    "A --> <SEQ=101><ACK=301><CTL=ACK>"), figure.segments().subList(3, 7));
            assertEquals(List.of("SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED"), figure.statesOf("client"));
            assertEquals(List.of("LISTEN", "SYN_RECEIVED", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED", "LISTEN"), figure.statesOf("server"),
                    "B's connection ends CLOSED as in the figure; the passive OPEN's listener remains (MUST-41)");
        }

        @Test
        void figure13_simultaneousCloseSequence() {
            Figure figure = established().call(400, "client", "close").call(400, "server", "close").runUntil(500_000);
            assertEquals(List.of(
                    "A --> <SEQ=100><ACK=300><CTL=FIN,ACK>",
                    "B --> <SEQ=300><ACK=100><CTL=FIN,ACK>",
                    "B --> <SEQ=301><ACK=101><CTL=ACK>",
                    "A --> <SEQ=101><ACK=301><CTL=ACK>"), figure.segments().subList(3, 7));
            List<String> closing = List.of("FIN_WAIT_1", "CLOSING", "TIME_WAIT", "CLOSED");
            assertEquals(closing, figure.statesOf("client").subList(2, 6));
            assertEquals(closing, figure.statesOf("server").subList(3, 7));
        }
    }
}
