package lab.handshake.engine.spec;

/**
 * The tunables a scenario may set; null means "the profile's value". See
 * {@link lab.handshake.engine.TcpParams} for what each one means. ISNs are unsigned 32-bit values.
 */
public record ScenarioParams(
        Long clientIsn,
        Long serverIsn,
        Long seed,
        Integer clientPort,
        Integer serverPort,
        Integer oneWayDelayMs,
        Integer jitterMs,
        Double lossRate,
        Integer mslMs,
        Integer timeWaitMs,
        Integer initialRtoMs,
        Integer minRtoMs,
        Integer maxRtoMs,
        Integer synRetries,
        Integer synLinearTimeouts,
        Integer synAckRetries,
        Integer dataRetries,
        Boolean delayedAck,
        Integer delayedAckMs,
        Integer quickAcks,
        Integer finWait2TimeoutMs,
        Integer listenBacklog,
        String synCookies,
        Integer window,
        Integer mss,
        Boolean challengeAcks,
        Boolean twoWayHandshake) {

    public static final ScenarioParams EMPTY = new ScenarioParams(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** The same parameters with the ISNs and seed a request overrides (null keeps the scenario's own). */
    public ScenarioParams withOverrides(Long clientIsn, Long serverIsn, Long seed) {
        return new ScenarioParams(
                clientIsn != null ? clientIsn : this.clientIsn,
                serverIsn != null ? serverIsn : this.serverIsn,
                seed != null ? seed : this.seed,
                clientPort, serverPort, oneWayDelayMs, jitterMs, lossRate, mslMs, timeWaitMs, initialRtoMs, minRtoMs,
                maxRtoMs, synRetries, synLinearTimeouts, synAckRetries, dataRetries, delayedAck, delayedAckMs, quickAcks,
                finWait2TimeoutMs, listenBacklog, synCookies, window, mss, challengeAcks, twoWayHandshake);
    }
}
