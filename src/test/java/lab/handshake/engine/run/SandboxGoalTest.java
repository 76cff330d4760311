package lab.handshake.engine.run;

import static lab.handshake.engine.run.Sandbox.Move.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import lab.handshake.engine.Language;
import lab.handshake.engine.TcpState;
import lab.handshake.engine.spec.Limits;
import lab.handshake.engine.spec.ScenarioSpec;
import lab.handshake.engine.spec.Violation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A sandbox task's goal is checked on the replayed session: each kind met by the right moves and not by wrong ones. */
class SandboxGoalTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).findAndRegisterModules();

    static Sandbox manual(String scenario) throws IOException {
        ScenarioSpec spec = YAML.readValue(Path.of("content", "scenarios", scenario + ".yaml").toFile(), ScenarioSpec.class);
        return Sandbox.replay(spec, Sandbox.Mode.MANUAL, List.of(), Language.EN, Limits.API);
    }

    /** Delivers every segment the student is asked about, one by one, until none waits. */
    static void deliverAll(Sandbox sandbox) {
        for (List<Sandbox.InFlight> held = sandbox.view().inFlight(); !held.isEmpty(); held = sandbox.view().inFlight()) {
            sandbox.apply(Sandbox.Move.deliver(held.get(0).id()));
        }
    }

    static void advance(Sandbox sandbox) {
        sandbox.apply(Sandbox.Move.advance());
    }

    /** Opens the connection of three-way-handshake, then closes it: {@code first} calls close() first, the other after. */
    static Sandbox closedBy(String first) throws IOException {
        Sandbox sandbox = manual("three-way-handshake");
        deliverAll(sandbox);
        sandbox.apply(call(first, "close"));
        deliverAll(sandbox);
        sandbox.apply(call(first.equals("server") ? "client" : "server", "close"));
        deliverAll(sandbox);
        return sandbox;
    }

    @Nested
    class StateNow {
        final SandboxGoal serverInTimeWait = new SandboxGoal(SandboxGoal.Kind.STATE_NOW, "server", TcpState.TIME_WAIT);

        @Test
        void serverThatClosesFirst_isInTimeWaitAfterTheLastAck_rfc9293Section3_6() throws IOException {
            Sandbox sandbox = closedBy("server");
            assertEquals(TcpState.TIME_WAIT, sandbox.state("server"));
            assertTrue(serverInTimeWait.metIn(sandbox));
        }

        @Test
        void serverThatClosesSecond_passesThroughLastAckToClosed_notTimeWait_rfc9293Section3_6() throws IOException {
            Sandbox sandbox = closedBy("client");
            assertEquals(TcpState.LISTEN, sandbox.state("server"), "its connection is gone; its listener still listens");
            assertFalse(serverInTimeWait.metIn(sandbox));
        }

        @Test
        void afterTwoMslTheServerHasLeftTimeWait_soItIsNoLongerMet_rfc9293Section3_10_8() throws IOException {
            Sandbox sandbox = closedBy("server");
            while (sandbox.state("server") == TcpState.TIME_WAIT) {
                advance(sandbox);
            }
            assertFalse(serverInTimeWait.metIn(sandbox));
        }
    }

    @Nested
    class Reached {
        final SandboxGoal serverReachedTimeWait = new SandboxGoal(SandboxGoal.Kind.REACHED, "server", TcpState.TIME_WAIT);

        @Test
        void stillMetAfterTwoMsl_becauseTheServerWasInTimeWait_rfc9293Section3_6() throws IOException {
            Sandbox sandbox = closedBy("server");
            while (sandbox.state("server") == TcpState.TIME_WAIT) {
                advance(sandbox);
            }
            assertEquals(TcpState.LISTEN, sandbox.state("server"), "its connection is gone; its listener still listens");
            assertTrue(serverReachedTimeWait.metIn(sandbox));
        }

        @Test
        void whenTheServerClosesWhileTheClientsFinIsInFlight_bothCloseAtOnceAndTheServerHoldsTimeWait_rfc9293Figure13() throws IOException {
            Sandbox sandbox = manual("four-way-close");
            for (int handshake = 0; handshake < 3; handshake++) {
                sandbox.apply(Sandbox.Move.deliver(sandbox.view().inFlight().get(0).id()));
            }
            assertEquals("FIN", sandbox.view().inFlight().get(0).flags().get(0), "the client's scripted close() came 300 ms after it was established");
            sandbox.apply(call("server", "close"));
            deliverAll(sandbox);
            while (sandbox.view().canAdvance() && !serverReachedTimeWait.metIn(sandbox)) {
                advance(sandbox);
                deliverAll(sandbox);
            }
            assertTrue(serverReachedTimeWait.metIn(sandbox));
        }

        @Test
        void whenTheClientsScriptedFinArrivesFirst_theServerPassesThroughLastAck_rfc9293Section3_6() throws IOException {
            Sandbox sandbox = manual("four-way-close");
            for (int moves = 0; moves < 40 && sandbox.view().canAdvance(); moves++) {
                List<Sandbox.InFlight> held = sandbox.view().inFlight();
                if (held.isEmpty()) {
                    advance(sandbox);
                } else {
                    sandbox.apply(Sandbox.Move.deliver(held.get(0).id()));
                }
            }
            assertFalse(serverReachedTimeWait.metIn(sandbox), "the script alone closes from the client: " + sandbox.view().states());
        }

        @Test
        void notMetWhenTheClientIsTheActiveCloser_itHoldsTimeWaitInstead_rfc9293Section3_6() throws IOException {
            Sandbox sandbox = closedBy("client");
            assertFalse(serverReachedTimeWait.metIn(sandbox));
            assertTrue(new SandboxGoal(SandboxGoal.Kind.REACHED, "client", TcpState.TIME_WAIT).metIn(sandbox));
        }
    }

    @Nested
    class ThroughFullSynQueue {
        final SandboxGoal throughFullQueue = new SandboxGoal(SandboxGoal.Kind.THROUGH_FULL_SYN_QUEUE, "server", null);

        @Test
        void synCookiesLetTheClientConnectWhileTheFloodFillsTheQueue_rfc4987Section3_6() throws IOException {
            Sandbox sandbox = manual("syn-flood-cookies");
            while (sandbox.view().inFlight().isEmpty()) {
                advance(sandbox); // the scripted connect() comes at 3 s, when the flood has filled the queue
            }
            deliverAll(sandbox);
            assertEquals(TcpState.ESTABLISHED, sandbox.state("server"));
            assertTrue(throughFullQueue.metIn(sandbox));
        }

        @Test
        void connectingBeforeTheQueueIsFull_isAnOrdinaryHandshake_andDoesNotCount_rfc9293Section3_5() throws IOException {
            Sandbox sandbox = manual("syn-flood-cookies");
            sandbox.apply(call("client", "connect"));
            deliverAll(sandbox);
            assertEquals(TcpState.ESTABLISHED, sandbox.state("server"));
            assertFalse(throughFullQueue.metIn(sandbox));
        }

        /** The syn-flood-cookies set-up with a flood of {@code spoofed} SYNs only, under {@code profile}. */
        Sandbox floodOf(int spoofed, String profile) throws IOException {
            ScenarioSpec spec = YAML.readValue("""
                    id: small-flood
                    title: {en: Small flood, zh: 小洪泛}
                    profile: %s
                    params: {clientIsn: 1000, serverIsn: 5000, seed: 1, oneWayDelayMs: 50, listenBacklog: 8, synCookies: on-overflow}
                    actions:
                      - {at: 0, host: server, call: listen}
                      - {at: 3000, host: client, call: connect}
                    inject:
                      - {at: 10, flood: {count: %d, fromSubnet: 10.0.1.0/24, ratePerMs: 0.005, to: server}}
                    untilMs: 10000
                    """.formatted(profile, spoofed), ScenarioSpec.class);
            Sandbox sandbox = Sandbox.replay(spec, Sandbox.Mode.MANUAL, List.of(), Language.EN, Limits.API);
            while (sandbox.view().inFlight().isEmpty()) {
                advance(sandbox);
            }
            deliverAll(sandbox);
            return sandbox;
        }

        @Test
        void underLinuxListen8HoldsNine_soAHandshakeBesideEightSpoofedEntriesIsOrdinary_inetCskReqskQueueIsFull() throws IOException {
            Sandbox sandbox = floodOf(8, "linux");
            assertEquals(9, sandbox.synQueueCapacity(), "Linux calls the queue full only above the backlog");
            assertEquals(TcpState.ESTABLISHED, sandbox.state("server"), "the client's SYN found the ninth place");
            assertFalse(throughFullQueue.metIn(sandbox), "eight of nine places were taken: the queue was not full");
        }

        @Test
        void underLinuxNineSpoofedEntriesFillTheQueue_andTheCookieConnectionCounts_rfc4987Section3_6() throws IOException {
            Sandbox sandbox = floodOf(9, "linux");
            assertEquals(TcpState.ESTABLISHED, sandbox.state("server"));
            assertTrue(throughFullQueue.metIn(sandbox));
        }

        @Test
        void withoutCookiesTheFullQueueDropsTheClientsSyn_andNothingGetsThrough_rfc4987Section3_1() throws IOException {
            Sandbox sandbox = manual("syn-flood");
            while (sandbox.view().inFlight().isEmpty()) {
                advance(sandbox);
            }
            deliverAll(sandbox);
            assertEquals(TcpState.SYN_SENT, sandbox.state("client"));
            assertFalse(throughFullQueue.metIn(sandbox));
        }
    }

    @Test
    void aGoalNamesItsEndpoint_andTheStateItsKindNeeds() {
        assertEquals(List.of(), new SandboxGoal(SandboxGoal.Kind.REACHED, "server", TcpState.TIME_WAIT).problems());
        assertEquals(List.of(Violation.notOneOf("goal.endpoint", List.of("client", "server"))),
                new SandboxGoal(SandboxGoal.Kind.REACHED, "router", TcpState.TIME_WAIT).problems());
        assertEquals(List.of(Violation.requiredWith("goal.state", "goal.kind: STATE_NOW")),
                new SandboxGoal(SandboxGoal.Kind.STATE_NOW, "server", null).problems());
        assertEquals(List.of(Violation.onlyWith("goal.state", List.of("goal.kind: STATE_NOW", "goal.kind: REACHED"))),
                new SandboxGoal(SandboxGoal.Kind.THROUGH_FULL_SYN_QUEUE, "server", TcpState.LISTEN).problems());
    }
}
