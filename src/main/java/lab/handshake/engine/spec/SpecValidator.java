package lab.handshake.engine.spec;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import lab.handshake.engine.Call;
import lab.handshake.engine.IcmpUnreachable;
import lab.handshake.engine.FastOpen;
import lab.handshake.engine.Flags;
import lab.handshake.engine.Language;
import lab.handshake.engine.trace.WireNamed;
import lab.handshake.engine.ReadMode;

/**
 * Checks a specification before anything runs: every value in range, every name known, every list within
 * its bound. It reports all problems at once, each with the path of the field.
 */
public final class SpecValidator {
    // Lists, not sets: a violation names the allowed values in this order.
    public static final List<String> HOSTS = List.of("client", "server");
    public static final List<String> CALLS = Call.wireNames();
    public static final List<String> TRIGGERS = List.of("established", "data", "eof");
    /** The most bytes one send or read call of a scenario carries. */
    public static final int MAX_CALL_BYTES = 65_535;
    public static final List<String> FAULT_ACTIONS = FaultAction.wireNames();
    public static final List<String> ICMP_CODES = IcmpUnreachable.wireNames();
    public static final List<String> PROFILES = List.of("rfc9293", "linux");
    public static final List<String> COOKIE_MODES = List.of("off", "on-overflow", "always");
    public static final List<String> CONGESTION_CONTROLS = List.of("cubic", "bbr");
    public static final List<String> FAST_OPEN_CHOICES = Arrays.stream(FastOpen.values())
            .map(FastOpen::wireName).toList();
    public static final List<String> READ_MODES = WireNamed.wireNames(ReadMode.values());
    public static final List<String> LANGUAGES = Language.codes();
    private static final List<String> CALLS_WITH_BYTES = Arrays.stream(Call.values()).filter(Call::takesBytes).map(Call::wireName).toList();
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern SUBNET = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final int MIN_PREFIX = 8;
    private static final int MAX_PREFIX = 30;
    static final long MAX_U32 = 0xFFFF_FFFFL;
    static final long MAX_DELAY_MS = 600_000;
    /** {@code received}: more than a scenario can send in all (Limits) never comes. */
    static final long MAX_RECEIVED_BYTES = 100_000_000;

    private final Limits limits;
    private final List<Violation> violations = new ArrayList<>();

    private SpecValidator(Limits limits) {
        this.limits = limits;
    }

    public static List<Violation> validate(ScenarioSpec spec, Limits limits) {
        SpecValidator validator = new SpecValidator(limits);
        validator.check(spec);
        return validator.violations;
    }

    private void check(ScenarioSpec spec) {
        if (spec.id() != null && !ID.matcher(spec.id()).matches()) {
            violations.add(Violation.notAnId("id", 64));
        }
        checkTexts("title", spec.title(), 200);
        checkTexts("summary", spec.summary(), 2_000);
        if (spec.tags() != null) {
            if (spec.tags().size() > 20) {
                violations.add(Violation.tooMany("tags", 20, Violation.Counted.TAGS));
            }
            for (int i = 0; i < spec.tags().size(); i++) {
                String tag = spec.tags().get(i);
                if (tag == null || !ID.matcher(tag).matches() || tag.length() > 32) {
                    violations.add(Violation.notAnId("tags[" + i + "]", 32));
                }
            }
        }
        if (spec.profile() != null && !PROFILES.contains(spec.profile())) {
            violations.add(Violation.notOneOf("profile", PROFILES));
        }
        checkParams(spec.paramsOrEmpty());
        if (spec.untilMs() != null) {
            range("untilMs", spec.untilMs(), 1, limits.maxUntilMs());
        }
        checkActions(spec.actionsOrEmpty());
        checkFaults(spec.faultsOrEmpty());
        checkInjections(spec.injectOrEmpty());
    }

    private void checkTexts(String field, Map<String, String> texts, int maxLength) {
        if (texts == null) {
            return;
        }
        for (Map.Entry<String, String> entry : texts.entrySet()) {
            String path = field + "." + entry.getKey();
            if (!LANGUAGES.contains(entry.getKey())) {
                violations.add(Violation.notOneOf(path, LANGUAGES));
            } else if (entry.getValue() == null || entry.getValue().isBlank()) {
                violations.add(Violation.required(path));
            } else if (entry.getValue().length() > maxLength) {
                violations.add(Violation.tooMany(path, maxLength, Violation.Counted.CHARACTERS));
            }
        }
    }

    private void checkParams(ScenarioParams p) {
        checkSettings("params", p, false);
        if (p.clientReads() != null && !READ_MODES.contains(p.clientReads())) {
            violations.add(Violation.notOneOf("params.clientReads", READ_MODES));
        }
        if (p.serverReads() != null && !READ_MODES.contains(p.serverReads())) {
            violations.add(Violation.notOneOf("params.serverReads", READ_MODES));
        }
        checkHostParams("params.client", p.client());
        checkHostParams("params.server", p.server());
    }

    /** One host's own tunables: TCP's only; the network, the ISNs, the ports and the reading are the scenario's. */
    private void checkHostParams(String path, ScenarioParams p) {
        if (p == null) {
            return;
        }
        p.scenarioWideSettings().forEach((name, value) -> {
            if (value != null) {
                violations.add(Violation.notPerHost(path + "." + name, "params." + name));
            }
        });
        checkSettings(path, p, true);
    }

    /** Every number within the {@link Range} declared beside it (a host's own settings: only TCP's). */
    private void checkSettings(String path, ScenarioParams p, boolean tcpOnly) {
        Object[] values = ScenarioParams.COMPONENTS.values(p);
        for (int i = 0; i < values.length; i++) {
            RecordComponent setting = ScenarioParams.COMPONENTS.list().get(i);
            Range bounds = setting.getAnnotation(Range.class);
            if (bounds != null && !(tcpOnly && setting.isAnnotationPresent(ScenarioWide.class))) {
                range(path + "." + setting.getName(), (Number) values[i], bounds.min(), bounds.max());
            }
        }
        if (p.synCookies() != null && !COOKIE_MODES.contains(p.synCookies())) {
            violations.add(Violation.notOneOf(path + ".synCookies", COOKIE_MODES));
        }
        if (p.congestionControl() != null && !CONGESTION_CONTROLS.contains(p.congestionControl())) {
            violations.add(Violation.notOneOf(path + ".congestionControl", CONGESTION_CONTROLS));
        }
        if (p.fastOpen() != null && !FAST_OPEN_CHOICES.contains(p.fastOpen())) {
            violations.add(Violation.notOneOf(path + ".fastOpen", FAST_OPEN_CHOICES));
        }
    }

    private void checkActions(List<ActionSpec> actions) {
        if (actions.size() > limits.maxActions()) {
            violations.add(Violation.tooMany("actions", limits.maxActions(), Violation.Counted.ACTIONS));
            return;
        }
        long bytes = 0;
        for (int i = 0; i < actions.size(); i++) {
            String path = "actions[" + i + "]";
            ActionSpec action = actions.get(i);
            if (action == null) {
                violations.add(Violation.required(path));
                continue;
            }
            if ((action.at() == null) == (action.on() == null)) {
                violations.add(Violation.exactlyOneOf(path, List.of("at", "on")));
            }
            range(path + ".at", action.at(), 0, limits.maxUntilMs());
            if (action.on() != null && !TRIGGERS.contains(action.on())) {
                violations.add(Violation.notOneOf(path + ".on", TRIGGERS));
            }
            if (action.received() != null) {
                if (!"data".equals(action.on())) {
                    violations.add(Violation.onlyWith(path + ".received", List.of("on: data")));
                }
                range(path + ".received", action.received(), 1, MAX_RECEIVED_BYTES);
            }
            if (action.delayMs() != null) {
                if (action.on() == null) {
                    violations.add(Violation.onlyWith(path + ".delayMs", List.of("on")));
                }
                range(path + ".delayMs", action.delayMs(), 0, MAX_DELAY_MS);
            }
            if (action.host() == null || !HOSTS.contains(action.host())) {
                violations.add(Violation.notOneOf(path + ".host", HOSTS));
            }
            if (action.call() == null || !CALLS.contains(action.call())) {
                violations.add(Violation.notOneOf(path + ".call", CALLS));
            } else if (action.callOf().takesBytes()) {
                if (action.bytes() == null) {
                    violations.add(Violation.requiredWith(path + ".bytes", action.call()));
                } else {
                    range(path + ".bytes", action.bytes(), 1, MAX_CALL_BYTES);
                    if (action.callOf() == Call.SEND) {
                        bytes += Math.max(0, action.bytes());
                    }
                }
            } else if (action.bytes() != null) {
                violations.add(Violation.onlyWith(path + ".bytes", CALLS_WITH_BYTES));
            }
            if (action.more() != null && !Call.SEND.wireName().equals(action.call())) {
                violations.add(Violation.onlyWith(path + ".more", List.of(Call.SEND.wireName())));
            }
        }
        if (bytes > limits.maxBytesSent()) {
            violations.add(Violation.tooMany("actions", limits.maxBytesSent(), Violation.Counted.BYTES_SENT));
        }
    }

    private void checkFaults(List<FaultSpec> faults) {
        if (faults.size() > limits.maxFaults()) {
            violations.add(Violation.tooMany("faults", limits.maxFaults(), Violation.Counted.FAULTS));
            return;
        }
        for (int i = 0; i < faults.size(); i++) {
            String path = "faults[" + i + "]";
            FaultSpec fault = faults.get(i);
            if (fault == null) {
                violations.add(Violation.required(path));
                continue;
            }
            if (fault.match() == null) {
                violations.add(Violation.required(path + ".match"));
            } else {
                FaultMatch match = fault.match();
                if (match.from() != null && !HOSTS.contains(match.from())) {
                    violations.add(Violation.notOneOf(path + ".match.from", HOSTS));
                }
                checkFlags(path + ".match.flags", match.flags(), false);
                range(path + ".match.nth", match.nth(), 1, 100_000);
                range(path + ".match.afterMs", match.afterMs(), 0, limits.maxUntilMs());
                checkBefore(path + ".match.beforeMs", match);
            }
            if (fault.action() == null || !FAULT_ACTIONS.contains(fault.action())) {
                violations.add(Violation.notOneOf(path + ".action", FAULT_ACTIONS));
            } else if (fault.actionOf() == FaultAction.DELAY && fault.ms() == null) {
                violations.add(Violation.requiredWith(path + ".ms", FaultAction.DELAY.wireName()));
            }
            range(path + ".ms", fault.ms(), 0, MAX_DELAY_MS);
            if (fault.until() != null && !FaultAction.HOLD.wireName().equals(fault.action())) {
                violations.add(Violation.onlyWith(path + ".until", List.of(FaultAction.HOLD.wireName())));
            }
            range(path + ".until", fault.until(), 0, limits.maxUntilMs());
            checkIcmpCode(path + ".code", fault);
            if (fault.probability() != null && !(fault.probability() >= 0 && fault.probability() <= 1)) {
                violations.add(Violation.outOfRange(path + ".probability", 0, 1));
            }
        }
    }

    /** A fault's end: a time within the scenario's, after its start when it has one (a window, not an empty one). */
    private void checkBefore(String field, FaultMatch match) {
        Long before = match.beforeMs();
        Long after = match.afterMs();
        if (before != null && after != null && after >= 0 && after < limits.maxUntilMs() && before <= after) {
            violations.add(Violation.aboveAndAtMost(field, after, limits.maxUntilMs()));
        } else {
            range(field, before, 0, limits.maxUntilMs());
        }
    }

    /** A reject needs one of the ICMP codes; no other action takes one. */
    private void checkIcmpCode(String field, FaultSpec fault) {
        boolean reject = FaultAction.REJECT.wireName().equals(fault.action());
        if (reject && fault.code() == null) {
            violations.add(Violation.requiredWith(field, FaultAction.REJECT.wireName()));
        } else if (fault.code() != null && !reject) {
            violations.add(Violation.onlyWith(field, List.of(FaultAction.REJECT.wireName())));
        } else if (fault.code() != null && !ICMP_CODES.contains(fault.code())) {
            violations.add(Violation.notOneOf(field, ICMP_CODES));
        }
    }

    private void checkInjections(List<InjectSpec> injections) {
        if (injections.size() > limits.maxInjections()) {
            violations.add(Violation.tooMany("inject", limits.maxInjections(), Violation.Counted.INJECTIONS));
            return;
        }
        long floodTotal = 0;
        for (int i = 0; i < injections.size(); i++) {
            String path = "inject[" + i + "]";
            InjectSpec inject = injections.get(i);
            if (inject == null) {
                violations.add(Violation.required(path));
                continue;
            }
            if (inject.at() == null) {
                violations.add(Violation.required(path + ".at"));
            }
            range(path + ".at", inject.at(), 0, limits.maxUntilMs());
            if (inject.flood() != null) {
                FloodSpec flood = inject.flood();
                if (inject.from() != null || inject.flags() != null || inject.seq() != null || inject.tsValAgeMs() != null) {
                    violations.add(Violation.notWith(path, List.of("from", "flags", "seq", "tsValAgeMs"), "flood"));
                }
                if (flood.count() == null || flood.count() < 1) {
                    violations.add(Violation.atLeast(path + ".flood.count", 1));
                } else {
                    floodTotal += flood.count();
                }
                if (flood.fromSubnet() == null || !validSubnet(flood.fromSubnet())) {
                    violations.add(Violation.notASubnet(path + ".flood.fromSubnet", MIN_PREFIX, MAX_PREFIX));
                }
                if (flood.ratePerMs() == null || !(flood.ratePerMs() > 0 && flood.ratePerMs() <= 1_000)) {
                    violations.add(Violation.aboveAndAtMost(path + ".flood.ratePerMs", 0, 1_000));
                }
                if (flood.to() != null && !HOSTS.contains(flood.to())) {
                    violations.add(Violation.notOneOf(path + ".flood.to", HOSTS));
                }
                continue;
            }
            if (inject.from() == null || !HOSTS.contains(inject.from())) {
                violations.add(Violation.notOneOf(path + ".from", HOSTS));
            }
            if (inject.to() == null || !HOSTS.contains(inject.to())) {
                violations.add(Violation.notOneOf(path + ".to", HOSTS));
            } else if (inject.to().equals(inject.from())) {
                violations.add(Violation.sameAs(path + ".to", "from"));
            }
            checkFlags(path + ".flags", inject.flags(), true);
            if (inject.seq() == null) {
                violations.add(Violation.required(path + ".seq"));
            }
            range(path + ".seq", inject.seq(), 0, MAX_U32);
            range(path + ".ack", inject.ack(), 0, MAX_U32);
            boolean hasAck = inject.flags() != null && inject.flags().stream().anyMatch("ACK"::equalsIgnoreCase);
            if (hasAck && inject.ack() == null) {
                violations.add(Violation.requiredWith(path + ".ack", "ACK"));
            }
            if (!hasAck && inject.ack() != null) {
                violations.add(Violation.onlyWith(path + ".ack", List.of("ACK")));
            }
            range(path + ".len", inject.len(), 0, 65_535);
            // Half the 32-bit clock: an older TSval would read as a newer one (RFC 7323 §5.2).
            range(path + ".tsValAgeMs", inject.tsValAgeMs(), 0, Integer.MAX_VALUE);
        }
        if (floodTotal > limits.maxFloodSegments()) {
            violations.add(Violation.tooMany("inject", limits.maxFloodSegments(), Violation.Counted.FLOOD_SEGMENTS));
        }
    }

    private void checkFlags(String path, List<String> flags, boolean required) {
        if (flags == null) {
            if (required) {
                violations.add(Violation.required(path));
            }
            return;
        }
        if (flags.isEmpty() && required) {
            violations.add(Violation.required(path));
        }
        for (String flag : flags) {
            try {
                Flags.parse(flag == null ? "" : flag);
            } catch (IllegalArgumentException e) {
                violations.add(Violation.unknownItem(path, flag, Flags.ALL_NAMES));
            }
        }
    }

    static boolean validSubnet(String text) {
        var matcher = SUBNET.matcher(text);
        if (!matcher.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(matcher.group(i)) > 255) {
                return false;
            }
        }
        int prefix = Integer.parseInt(matcher.group(5));
        return prefix >= MIN_PREFIX && prefix <= MAX_PREFIX;
    }

    private void range(String field, Number value, long min, long max) {
        // As doubles: a fraction (lossRate) too; exact for every bound and for any value up to 2^53.
        if (value != null && !(value.doubleValue() >= min && value.doubleValue() <= max)) {
            violations.add(Violation.outOfRange(field, min, max));
        }
    }
}
