package lab.handshake.engine.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import lab.handshake.engine.Profile;
import lab.handshake.engine.SynCookieMode;
import lab.handshake.engine.TcpParams;

/**
 * The tunables a scenario may set; null means "the profile's value". See
 * {@link lab.handshake.engine.TcpParams} for what each one means. ISNs are unsigned 32-bit values.
 * A new tunable lives in two files, every line of it by name: here (the component, the builder and a line
 * in {@link #over}) and in {@code TcpParams} (the component and the builder, with its RFC value), plus its
 * range in {@link SpecValidator}. {@code clientReads} and {@code serverReads} are not TCP tunables but how each
 * host's application reads ({@link lab.handshake.engine.ReadMode}: on-arrival, the default, or on-call).
 * {@code client} and {@code server} are one host's own tunables over these ({@link #forHost}).
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
        Integer maxSynBacklog,
        Integer window,
        Integer mss,
        Boolean sack,
        Boolean timestamps,
        Boolean windowScaling,
        Integer windowScale,
        Boolean challengeAcks,
        Boolean twoWayHandshake,
        Boolean twReuse,
        Integer twReuseDelayMs,
        Boolean noDelay,
        String clientReads,
        String serverReads,
        ScenarioParams client,
        ScenarioParams server) {

    public static final ScenarioParams EMPTY = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    /** The same parameters with the ISNs and seed a request overrides (null keeps the scenario's own). */
    public ScenarioParams withOverrides(Long clientIsn, Long serverIsn, Long seed) {
        Builder copy = toBuilder();
        set(clientIsn, copy::clientIsn);
        set(serverIsn, copy::serverIsn);
        set(seed, copy::seed);
        return copy.build();
    }

    /**
     * The profile's defaults with every tunable this scenario sets laid over them: the one place where the
     * two meet. TIME-WAIT left out is 2MSL where the profile says so (with the scenario's MSL).
     */
    public TcpParams over(Profile profile) {
        return overlay(profile.defaults(), profile);
    }

    /**
     * What one host runs with: the scenario's tunables ({@link #over}) with that host's own laid over them, as two
     * machines with different settings (a sysctl, a socket option) each send what theirs say. {@code client} and
     * {@code server} set only TCP tunables; the network's delay and loss, the ISNs and ports stay the scenario's.
     */
    public TcpParams forHost(String host, TcpParams scenario, Profile profile) {
        ScenarioParams own = switch (host) {
            case "client" -> client;
            case "server" -> server;
            default -> null;
        };
        return own == null ? scenario : own.overlay(scenario, profile);
    }

    /**
     * The settings of the whole scenario rather than of one host, by name, null where not set: the network's delay
     * and loss, the ISNs, seed and ports, the applications' reading and the hosts' own settings. A host's own
     * settings ({@code client}, {@code server}) may set none of them.
     */
    public Map<String, Object> scenarioWideSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("clientIsn", clientIsn);
        settings.put("serverIsn", serverIsn);
        settings.put("seed", seed);
        settings.put("clientPort", clientPort);
        settings.put("serverPort", serverPort);
        settings.put("oneWayDelayMs", oneWayDelayMs);
        settings.put("jitterMs", jitterMs);
        settings.put("lossRate", lossRate);
        settings.put("clientReads", clientReads);
        settings.put("serverReads", serverReads);
        settings.put("client", client);
        settings.put("server", server);
        return settings;
    }

    private TcpParams overlay(TcpParams base, Profile profile) {
        TcpParams.Builder params = base.toBuilder();
        set(oneWayDelayMs, params::oneWayDelayMs);
        set(jitterMs, params::jitterMs);
        set(lossRate, params::lossRate);
        set(mslMs, params::mslMs);
        set(timeWaitMs, params::timeWaitMs);
        set(initialRtoMs, params::initialRtoMs);
        set(minRtoMs, params::minRtoMs);
        set(maxRtoMs, params::maxRtoMs);
        set(synRetries, params::synRetries);
        set(synLinearTimeouts, params::synLinearTimeouts);
        set(synAckRetries, params::synAckRetries);
        set(dataRetries, params::dataRetries);
        set(delayedAck, params::delayedAck);
        set(delayedAckMs, params::delayedAckMs);
        set(quickAcks, params::quickAcks);
        set(finWait2TimeoutMs, params::finWait2TimeoutMs);
        set(listenBacklog, params::listenBacklog);
        set(synCookies == null ? null : SynCookieMode.parse(synCookies), params::synCookies);
        set(maxSynBacklog, params::maxSynBacklog);
        set(window, params::window);
        set(mss, params::mss);
        set(sack, params::sack);
        set(timestamps, params::timestamps);
        set(windowScaling, params::windowScaling);
        set(windowScale, params::windowScale);
        set(challengeAcks, params::challengeAcks);
        set(twoWayHandshake, params::twoWayHandshake);
        set(twReuse, params::twReuse);
        set(twReuseDelayMs, params::twReuseDelayMs);
        set(noDelay, params::noDelay);
        if (timeWaitMs == null && profile.timeWaitIsTwiceMsl() && mslMs != null) {
            params.timeWaitMs(2 * mslMs);
        }
        return params.build();
    }

    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    public Builder toBuilder() {
        return new Builder()
                .clientIsn(clientIsn)
                .serverIsn(serverIsn)
                .seed(seed)
                .clientPort(clientPort)
                .serverPort(serverPort)
                .oneWayDelayMs(oneWayDelayMs)
                .jitterMs(jitterMs)
                .lossRate(lossRate)
                .mslMs(mslMs)
                .timeWaitMs(timeWaitMs)
                .initialRtoMs(initialRtoMs)
                .minRtoMs(minRtoMs)
                .maxRtoMs(maxRtoMs)
                .synRetries(synRetries)
                .synLinearTimeouts(synLinearTimeouts)
                .synAckRetries(synAckRetries)
                .dataRetries(dataRetries)
                .delayedAck(delayedAck)
                .delayedAckMs(delayedAckMs)
                .quickAcks(quickAcks)
                .finWait2TimeoutMs(finWait2TimeoutMs)
                .listenBacklog(listenBacklog)
                .synCookies(synCookies)
                .maxSynBacklog(maxSynBacklog)
                .window(window)
                .mss(mss)
                .sack(sack)
                .timestamps(timestamps)
                .windowScaling(windowScaling)
                .windowScale(windowScale)
                .challengeAcks(challengeAcks)
                .twoWayHandshake(twoWayHandshake)
                .twReuse(twReuse)
                .twReuseDelayMs(twReuseDelayMs)
                .noDelay(noDelay)
                .clientReads(clientReads)
                .serverReads(serverReads)
                .client(client)
                .server(server);
    }

    /** Named construction; everything not set is left to the profile. */
    public static final class Builder {
        private Long clientIsn;
        private Long serverIsn;
        private Long seed;
        private Integer clientPort;
        private Integer serverPort;
        private Integer oneWayDelayMs;
        private Integer jitterMs;
        private Double lossRate;
        private Integer mslMs;
        private Integer timeWaitMs;
        private Integer initialRtoMs;
        private Integer minRtoMs;
        private Integer maxRtoMs;
        private Integer synRetries;
        private Integer synLinearTimeouts;
        private Integer synAckRetries;
        private Integer dataRetries;
        private Boolean delayedAck;
        private Integer delayedAckMs;
        private Integer quickAcks;
        private Integer finWait2TimeoutMs;
        private Integer listenBacklog;
        private String synCookies;
        private Integer maxSynBacklog;
        private Integer window;
        private Integer mss;
        private Boolean sack;
        private Boolean timestamps;
        private Boolean windowScaling;
        private Integer windowScale;
        private Boolean challengeAcks;
        private Boolean twoWayHandshake;
        private Boolean twReuse;
        private Integer twReuseDelayMs;
        private Boolean noDelay;
        private String clientReads;
        private String serverReads;
        private ScenarioParams client;
        private ScenarioParams server;

        private Builder() {
        }

        public Builder clientIsn(Long clientIsn) {
            this.clientIsn = clientIsn;
            return this;
        }

        public Builder serverIsn(Long serverIsn) {
            this.serverIsn = serverIsn;
            return this;
        }

        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        public Builder clientPort(Integer clientPort) {
            this.clientPort = clientPort;
            return this;
        }

        public Builder serverPort(Integer serverPort) {
            this.serverPort = serverPort;
            return this;
        }

        public Builder oneWayDelayMs(Integer oneWayDelayMs) {
            this.oneWayDelayMs = oneWayDelayMs;
            return this;
        }

        public Builder jitterMs(Integer jitterMs) {
            this.jitterMs = jitterMs;
            return this;
        }

        public Builder lossRate(Double lossRate) {
            this.lossRate = lossRate;
            return this;
        }

        public Builder mslMs(Integer mslMs) {
            this.mslMs = mslMs;
            return this;
        }

        public Builder timeWaitMs(Integer timeWaitMs) {
            this.timeWaitMs = timeWaitMs;
            return this;
        }

        public Builder initialRtoMs(Integer initialRtoMs) {
            this.initialRtoMs = initialRtoMs;
            return this;
        }

        public Builder minRtoMs(Integer minRtoMs) {
            this.minRtoMs = minRtoMs;
            return this;
        }

        public Builder maxRtoMs(Integer maxRtoMs) {
            this.maxRtoMs = maxRtoMs;
            return this;
        }

        public Builder synRetries(Integer synRetries) {
            this.synRetries = synRetries;
            return this;
        }

        public Builder synLinearTimeouts(Integer synLinearTimeouts) {
            this.synLinearTimeouts = synLinearTimeouts;
            return this;
        }

        public Builder synAckRetries(Integer synAckRetries) {
            this.synAckRetries = synAckRetries;
            return this;
        }

        public Builder dataRetries(Integer dataRetries) {
            this.dataRetries = dataRetries;
            return this;
        }

        public Builder delayedAck(Boolean delayedAck) {
            this.delayedAck = delayedAck;
            return this;
        }

        public Builder delayedAckMs(Integer delayedAckMs) {
            this.delayedAckMs = delayedAckMs;
            return this;
        }

        public Builder quickAcks(Integer quickAcks) {
            this.quickAcks = quickAcks;
            return this;
        }

        public Builder finWait2TimeoutMs(Integer finWait2TimeoutMs) {
            this.finWait2TimeoutMs = finWait2TimeoutMs;
            return this;
        }

        public Builder listenBacklog(Integer listenBacklog) {
            this.listenBacklog = listenBacklog;
            return this;
        }

        public Builder synCookies(String synCookies) {
            this.synCookies = synCookies;
            return this;
        }

        public Builder window(Integer window) {
            this.window = window;
            return this;
        }

        public Builder mss(Integer mss) {
            this.mss = mss;
            return this;
        }

        public Builder sack(Boolean sack) {
            this.sack = sack;
            return this;
        }

        public Builder timestamps(Boolean timestamps) {
            this.timestamps = timestamps;
            return this;
        }

        public Builder windowScaling(Boolean windowScaling) {
            this.windowScaling = windowScaling;
            return this;
        }

        public Builder windowScale(Integer windowScale) {
            this.windowScale = windowScale;
            return this;
        }

        public Builder maxSynBacklog(Integer maxSynBacklog) {
            this.maxSynBacklog = maxSynBacklog;
            return this;
        }

        public Builder challengeAcks(Boolean challengeAcks) {
            this.challengeAcks = challengeAcks;
            return this;
        }

        public Builder twoWayHandshake(Boolean twoWayHandshake) {
            this.twoWayHandshake = twoWayHandshake;
            return this;
        }

        public Builder twReuse(Boolean twReuse) {
            this.twReuse = twReuse;
            return this;
        }

        public Builder twReuseDelayMs(Integer twReuseDelayMs) {
            this.twReuseDelayMs = twReuseDelayMs;
            return this;
        }

        public Builder noDelay(Boolean noDelay) {
            this.noDelay = noDelay;
            return this;
        }

        public Builder clientReads(String clientReads) {
            this.clientReads = clientReads;
            return this;
        }

        public Builder serverReads(String serverReads) {
            this.serverReads = serverReads;
            return this;
        }

        public Builder client(ScenarioParams client) {
            this.client = client;
            return this;
        }

        public Builder server(ScenarioParams server) {
            this.server = server;
            return this;
        }

        public ScenarioParams build() {
            return new ScenarioParams(clientIsn, serverIsn, seed, clientPort, serverPort, oneWayDelayMs, jitterMs,
                    lossRate, mslMs, timeWaitMs, initialRtoMs, minRtoMs, maxRtoMs, synRetries, synLinearTimeouts,
                    synAckRetries, dataRetries, delayedAck, delayedAckMs, quickAcks, finWait2TimeoutMs,
                    listenBacklog, synCookies, maxSynBacklog, window, mss, sack, timestamps, windowScaling, windowScale, challengeAcks, twoWayHandshake,
                    twReuse, twReuseDelayMs, noDelay, clientReads, serverReads, client, server);
        }
    }
}
