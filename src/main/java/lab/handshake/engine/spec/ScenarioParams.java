package lab.handshake.engine.spec;

import static lab.handshake.engine.spec.SpecValidator.MAX_DELAY_MS;
import static lab.handshake.engine.spec.SpecValidator.MAX_U32;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import lab.handshake.engine.Components;
import lab.handshake.engine.Profile;
import lab.handshake.engine.CongestionControl;
import lab.handshake.engine.FastOpen;
import lab.handshake.engine.SynCookieMode;
import lab.handshake.engine.TcpParams;

/**
 * The tunables a scenario may set; null means "the profile's value". See
 * {@link lab.handshake.engine.TcpParams} for what each one means. ISNs are unsigned 32-bit values.
 * A new tunable is its component here, of the boxed type of the {@code TcpParams} component of the same name (a
 * String for an enum, parsed by its API name), with its {@link Range} if it is a number, and its builder's field
 * and setter; {@link #over} lays it over the profile's by that name and {@link SpecValidator} checks its range.
 * {@code clientReads} and {@code serverReads} are not TCP tunables but how each host's application reads
 * ({@link lab.handshake.engine.ReadMode}: on-arrival, the default, or on-call).
 * {@code client} and {@code server} are one host's own tunables over these ({@link #forHost}).
 */
public record ScenarioParams(
        @ScenarioWide @Range(min = 0, max = MAX_U32) Long clientIsn,
        @ScenarioWide @Range(min = 0, max = MAX_U32) Long serverIsn,
        // Any seed.
        @ScenarioWide @Range(min = Long.MIN_VALUE, max = Long.MAX_VALUE) Long seed,
        @ScenarioWide @Range(min = 1, max = 65_535) Integer clientPort,
        @ScenarioWide @Range(min = 1, max = 65_535) Integer serverPort,
        @ScenarioWide @Range(min = 0, max = 60_000) Integer oneWayDelayMs,
        @ScenarioWide @Range(min = 0, max = 10_000) Integer jitterMs,
        @ScenarioWide @Range(min = 0, max = 1) Double lossRate,
        @ScenarioWide Boolean loopback,
        @Range(min = 0, max = MAX_DELAY_MS) Integer mslMs,
        @Range(min = 0, max = 2 * MAX_DELAY_MS) Integer timeWaitMs,
        @Range(min = 1, max = 60_000) Integer initialRtoMs,
        @Range(min = 1, max = 60_000) Integer minRtoMs,
        @Range(min = 1, max = MAX_DELAY_MS) Integer maxRtoMs,
        @Range(min = 0, max = 15) Integer synRetries,
        @Range(min = 0, max = 15) Integer synLinearTimeouts,
        @Range(min = 0, max = 15) Integer synAckRetries,
        @Range(min = 0, max = 15) Integer dataRetries,
        Boolean delayedAck,
        @Range(min = 1, max = 500) Integer delayedAckMs,
        @Range(min = 0, max = 64) Integer quickAcks,
        @Range(min = -1, max = MAX_DELAY_MS) Integer finWait2TimeoutMs,
        @Range(min = 1, max = 4_096) Integer listenBacklog,
        String synCookies,
        @Range(min = 1, max = 65_536) Integer maxSynBacklog,
        // With window scaling the largest window is 65535 << 14 (RFC 7323 §2.3).
        @Range(min = 0, max = 65_535 << 14) Integer window,
        @Range(min = 1, max = 65_495) Integer mss,
        Boolean sack,
        Boolean timestamps,
        Boolean windowScaling,
        @Range(min = 0, max = 14) Integer windowScale,
        Boolean challengeAcks,
        Boolean twoWayHandshake,
        Boolean twReuse,
        // Linux bounds tcp_tw_reuse_delay by TCP_PAWS_MSL (60 s).
        @Range(min = 1, max = 60_000) Integer twReuseDelayMs,
        Boolean rfc1337,
        Boolean noDelay,
        Boolean moderateRcvbuf,
        Boolean noMetricsSave,
        Boolean noSsthreshMetricsSave,
        // net.ipv4.tcp_ecn's RFC 3168 modes (3 to 5, AccECN, are not modelled).
        @Range(min = 0, max = 2) Integer ecn,
        String congestionControl,
        String fastOpen,
        @ScenarioWide String clientReads,
        @ScenarioWide String serverReads,
        @ScenarioWide ScenarioParams client,
        @ScenarioWide ScenarioParams server) {

    static final Components<ScenarioParams, Builder> COMPONENTS =
            Components.of(ScenarioParams.class, Builder.class, MethodHandles.lookup());
    private static final int[] TUNABLE_AT = tunableIndexes();
    private static final Class<?>[] TUNABLE_TYPES = TcpParams.COMPONENTS.list().stream().map(RecordComponent::getType).toArray(Class<?>[]::new);
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
     * The settings of the whole scenario rather than of one host ({@link ScenarioWide}), by name, null where not set:
     * the network's delay and loss, the ISNs, seed and ports, the applications' reading and the hosts' own settings.
     * A host's own settings ({@code client}, {@code server}) may set none of them.
     */
    public Map<String, Object> scenarioWideSettings() {
        Object[] values = COMPONENTS.values(this);
        Map<String, Object> settings = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            RecordComponent component = COMPONENTS.list().get(i);
            if (component.isAnnotationPresent(ScenarioWide.class)) {
                settings.put(component.getName(), values[i]);
            }
        }
        return settings;
    }

    private TcpParams overlay(TcpParams base, Profile profile) {
        Object[] params = TcpParams.COMPONENTS.values(base);
        Object[] own = COMPONENTS.values(this);
        for (int i = 0; i < own.length; i++) {
            if (own[i] != null && TUNABLE_AT[i] >= 0) {
                params[TUNABLE_AT[i]] = own[i] instanceof String name ? parse(TUNABLE_TYPES[TUNABLE_AT[i]], name) : own[i];
            }
        }
        TcpParams merged = TcpParams.COMPONENTS.create(params);
        if (window != null) {
            // The window is SO_RCVBUF, which fixes the buffer: Linux's tcp_rcvbuf_grow returns under SOCK_RCVBUF_LOCK,
            // and the shift offered follows that buffer unless set too.
            TcpParams.Builder fixed = merged.toBuilder().moderateRcvbuf(false);
            merged = fixed.windowScale(windowScale != null ? windowScale : profile.windowScaleOfFixedBuffer(merged)).build();
        }
        if (timeWaitMs == null && profile.timeWaitIsTwiceMsl() && mslMs != null) {
            return merged.toBuilder().timeWaitMs(2 * mslMs).build();
        }
        return merged;
    }

    /** An enum tunable's value from its API name. */
    private static Object parse(Class<?> type, String name) {
        if (type == FastOpen.class) {
            return FastOpen.parse(name);
        }
        return type == CongestionControl.class ? CongestionControl.parse(name) : SynCookieMode.parse(name);
    }

    /** For each component, the index of the {@link TcpParams} component of its name, or -1 for a setting TCP has not. */
    private static int[] tunableIndexes() {
        List<String> tcp = TcpParams.COMPONENTS.list().stream().map(RecordComponent::getName).toList();
        return COMPONENTS.list().stream().mapToInt(component -> tcp.indexOf(component.getName())).toArray();
    }

    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    public Builder toBuilder() {
        return COMPONENTS.fill(new Builder(), this);
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
        private Boolean loopback;
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
        private String congestionControl;
        private String fastOpen;
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
        private Boolean rfc1337;
        private Boolean noDelay;
        private Boolean moderateRcvbuf;
        private Boolean noMetricsSave;
        private Boolean noSsthreshMetricsSave;
        private Integer ecn;
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

        public Builder loopback(Boolean loopback) {
            this.loopback = loopback;
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

        public Builder congestionControl(String congestionControl) {
            this.congestionControl = congestionControl;
            return this;
        }

        public Builder fastOpen(String fastOpen) {
            this.fastOpen = fastOpen;
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

        public Builder rfc1337(Boolean rfc1337) {
            this.rfc1337 = rfc1337;
            return this;
        }

        public Builder noDelay(Boolean noDelay) {
            this.noDelay = noDelay;
            return this;
        }

        public Builder moderateRcvbuf(Boolean moderateRcvbuf) {
            this.moderateRcvbuf = moderateRcvbuf;
            return this;
        }

        public Builder noMetricsSave(Boolean noMetricsSave) {
            this.noMetricsSave = noMetricsSave;
            return this;
        }

        public Builder noSsthreshMetricsSave(Boolean noSsthreshMetricsSave) {
            this.noSsthreshMetricsSave = noSsthreshMetricsSave;
            return this;
        }

        public Builder ecn(Integer ecn) {
            this.ecn = ecn;
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
            return COMPONENTS.build(this);
        }
    }
}
