package lab.handshake.engine.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import lab.handshake.engine.Call;
import lab.handshake.engine.Flags;
import lab.handshake.engine.ReadMode;

/**
 * Checks a specification before anything runs: every value in range, every name known, every list within
 * its bound. It reports all problems at once, each with the path of the field.
 */
public final class SpecValidator {
    public static final Set<String> HOSTS = Set.of("client", "server");
    public static final Set<String> CALLS = Set.copyOf(Call.wireNames());
    public static final Set<String> TRIGGERS = Set.of("established", "data", "eof");
    public static final Set<String> FAULT_ACTIONS = Set.copyOf(FaultAction.wireNames());
    public static final Set<String> PROFILES = Set.of("rfc9293", "linux");
    public static final Set<String> COOKIE_MODES = Set.of("off", "on-overflow", "always");
    public static final Set<String> READ_MODES = Set.copyOf(ReadMode.apiNames());
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern SUBNET = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final long MAX_U32 = 0xFFFF_FFFFL;
    private static final long MAX_DELAY_MS = 600_000;

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
            invalid("id", "must be 1 to 64 lower-case letters, digits or hyphens, starting with a letter or digit");
        }
        checkTexts("title", spec.title(), 200);
        checkTexts("summary", spec.summary(), 2_000);
        if (spec.tags() != null) {
            if (spec.tags().size() > 20) {
                tooLarge("tags", "at most 20 tags");
            }
            for (int i = 0; i < spec.tags().size(); i++) {
                String tag = spec.tags().get(i);
                if (tag == null || !ID.matcher(tag).matches() || tag.length() > 32) {
                    invalid("tags[" + i + "]", "must be 1 to 32 lower-case letters, digits or hyphens");
                }
            }
        }
        if (spec.profile() != null && !PROFILES.contains(spec.profile())) {
            invalid("profile", "must be rfc9293 or linux");
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
            if (!entry.getKey().equals("en") && !entry.getKey().equals("zh")) {
                invalid(path, "languages are en and zh");
            } else if (entry.getValue() == null || entry.getValue().isBlank()) {
                invalid(path, "must not be empty");
            } else if (entry.getValue().length() > maxLength) {
                tooLarge(path, "at most " + maxLength + " characters");
            }
        }
    }

    private void checkParams(ScenarioParams p) {
        range("params.clientIsn", p.clientIsn(), 0, MAX_U32);
        range("params.serverIsn", p.serverIsn(), 0, MAX_U32);
        range("params.clientPort", p.clientPort(), 1, 65_535);
        range("params.serverPort", p.serverPort(), 1, 65_535);
        range("params.oneWayDelayMs", p.oneWayDelayMs(), 0, 60_000);
        range("params.jitterMs", p.jitterMs(), 0, 10_000);
        if (p.lossRate() != null && !(p.lossRate() >= 0 && p.lossRate() <= 1)) {
            invalid("params.lossRate", "must be between 0 and 1");
        }
        range("params.mslMs", p.mslMs(), 0, MAX_DELAY_MS);
        range("params.timeWaitMs", p.timeWaitMs(), 0, 2 * MAX_DELAY_MS);
        range("params.initialRtoMs", p.initialRtoMs(), 1, 60_000);
        range("params.minRtoMs", p.minRtoMs(), 1, 60_000);
        range("params.maxRtoMs", p.maxRtoMs(), 1, MAX_DELAY_MS);
        range("params.synRetries", p.synRetries(), 0, 15);
        range("params.synLinearTimeouts", p.synLinearTimeouts(), 0, 15);
        range("params.synAckRetries", p.synAckRetries(), 0, 15);
        range("params.dataRetries", p.dataRetries(), 0, 15);
        range("params.delayedAckMs", p.delayedAckMs(), 1, 500);
        range("params.quickAcks", p.quickAcks(), 0, 64);
        range("params.finWait2TimeoutMs", p.finWait2TimeoutMs(), 0, MAX_DELAY_MS);
        // Linux bounds tcp_tw_reuse_delay by TCP_PAWS_MSL (60 s).
        range("params.twReuseDelayMs", p.twReuseDelayMs(), 1, 60_000);
        range("params.listenBacklog", p.listenBacklog(), 1, 4_096);
        range("params.maxSynBacklog", p.maxSynBacklog(), 1, 65_536);
        // With window scaling the largest window is 65535 << 14 (RFC 7323 §2.3).
        range("params.window", p.window(), 0, 65_535 << 14);
        range("params.mss", p.mss(), 1, 65_495);
        range("params.windowScale", p.windowScale(), 0, 14);
        if (p.synCookies() != null && !COOKIE_MODES.contains(p.synCookies())) {
            invalid("params.synCookies", "must be off, on-overflow or always");
        }
        if (p.clientReads() != null && !READ_MODES.contains(p.clientReads())) {
            invalid("params.clientReads", "must be on-arrival or on-call");
        }
        if (p.serverReads() != null && !READ_MODES.contains(p.serverReads())) {
            invalid("params.serverReads", "must be on-arrival or on-call");
        }
    }

    private void checkActions(List<ActionSpec> actions) {
        if (actions.size() > limits.maxActions()) {
            tooLarge("actions", "at most " + limits.maxActions() + " actions");
            return;
        }
        long bytes = 0;
        for (int i = 0; i < actions.size(); i++) {
            String path = "actions[" + i + "]";
            ActionSpec action = actions.get(i);
            if (action == null) {
                invalid(path, "must not be null");
                continue;
            }
            if ((action.at() == null) == (action.on() == null)) {
                invalid(path, "needs exactly one of 'at' (a virtual time) or 'on' (established, data or eof)");
            }
            range(path + ".at", action.at(), 0, limits.maxUntilMs());
            if (action.on() != null && !TRIGGERS.contains(action.on())) {
                invalid(path + ".on", "must be established, data or eof");
            }
            if (action.delayMs() != null) {
                if (action.on() == null) {
                    invalid(path + ".delayMs", "only goes with 'on'");
                }
                range(path + ".delayMs", action.delayMs(), 0, MAX_DELAY_MS);
            }
            if (action.host() == null || !HOSTS.contains(action.host())) {
                invalid(path + ".host", "must be client or server");
            }
            if (action.call() == null || !CALLS.contains(action.call())) {
                invalid(path + ".call", "must be one of " + String.join(", ", Call.wireNames()));
            } else if (action.callOf().takesBytes()) {
                if (action.bytes() == null) {
                    invalid(path + ".bytes", action.call() + " needs the number of bytes");
                } else {
                    range(path + ".bytes", action.bytes(), 1, 65_535);
                    if (action.callOf() == Call.SEND) {
                        bytes += Math.max(0, action.bytes());
                    }
                }
            } else if (action.bytes() != null) {
                invalid(path + ".bytes", "only goes with send or read");
            }
        }
        if (bytes > limits.maxBytesSent()) {
            tooLarge("actions", "at most " + limits.maxBytesSent() + " bytes sent in all");
        }
    }

    private void checkFaults(List<FaultSpec> faults) {
        if (faults.size() > limits.maxFaults()) {
            tooLarge("faults", "at most " + limits.maxFaults() + " faults");
            return;
        }
        for (int i = 0; i < faults.size(); i++) {
            String path = "faults[" + i + "]";
            FaultSpec fault = faults.get(i);
            if (fault == null) {
                invalid(path, "must not be null");
                continue;
            }
            if (fault.match() == null) {
                invalid(path + ".match", "is required (from, flags and/or nth)");
            } else {
                FaultMatch match = fault.match();
                if (match.from() != null && !HOSTS.contains(match.from())) {
                    invalid(path + ".match.from", "must be client or server");
                }
                checkFlags(path + ".match.flags", match.flags(), false);
                range(path + ".match.nth", match.nth(), 1, 100_000);
            }
            if (fault.action() == null || !FAULT_ACTIONS.contains(fault.action())) {
                invalid(path + ".action", "must be drop, duplicate, delay or hold");
            } else if (fault.actionOf() == FaultAction.DELAY && fault.ms() == null) {
                invalid(path + ".ms", "delay needs 'ms'");
            }
            range(path + ".ms", fault.ms(), 0, MAX_DELAY_MS);
            if (fault.until() != null && !FaultAction.HOLD.wireName().equals(fault.action())) {
                invalid(path + ".until", "only goes with hold");
            }
            range(path + ".until", fault.until(), 0, limits.maxUntilMs());
            if (fault.probability() != null && !(fault.probability() >= 0 && fault.probability() <= 1)) {
                invalid(path + ".probability", "must be between 0 and 1");
            }
        }
    }

    private void checkInjections(List<InjectSpec> injections) {
        if (injections.size() > limits.maxInjections()) {
            tooLarge("inject", "at most " + limits.maxInjections() + " injected segments or floods");
            return;
        }
        long floodTotal = 0;
        for (int i = 0; i < injections.size(); i++) {
            String path = "inject[" + i + "]";
            InjectSpec inject = injections.get(i);
            if (inject == null) {
                invalid(path, "must not be null");
                continue;
            }
            if (inject.at() == null) {
                invalid(path + ".at", "is required");
            }
            range(path + ".at", inject.at(), 0, limits.maxUntilMs());
            if (inject.flood() != null) {
                FloodSpec flood = inject.flood();
                if (inject.from() != null || inject.flags() != null || inject.seq() != null) {
                    invalid(path, "a flood takes no from, flags or seq of its own");
                }
                if (flood.count() == null || flood.count() < 1) {
                    invalid(path + ".flood.count", "must be at least 1");
                } else {
                    floodTotal += flood.count();
                }
                if (flood.fromSubnet() == null || !validSubnet(flood.fromSubnet())) {
                    invalid(path + ".flood.fromSubnet", "must be an IPv4 subnet such as 10.0.1.0/24 (prefix 8 to 30)");
                }
                if (flood.ratePerMs() == null || !(flood.ratePerMs() > 0 && flood.ratePerMs() <= 1_000)) {
                    invalid(path + ".flood.ratePerMs", "must be above 0 and at most 1000");
                }
                if (flood.to() != null && !HOSTS.contains(flood.to())) {
                    invalid(path + ".flood.to", "must be client or server");
                }
                continue;
            }
            if (inject.from() == null || !HOSTS.contains(inject.from())) {
                invalid(path + ".from", "must be client or server");
            }
            if (inject.to() == null || !HOSTS.contains(inject.to())) {
                invalid(path + ".to", "must be client or server");
            } else if (inject.to().equals(inject.from())) {
                invalid(path + ".to", "must differ from 'from'");
            }
            checkFlags(path + ".flags", inject.flags(), true);
            if (inject.seq() == null) {
                invalid(path + ".seq", "is required");
            }
            range(path + ".seq", inject.seq(), 0, MAX_U32);
            range(path + ".ack", inject.ack(), 0, MAX_U32);
            boolean hasAck = inject.flags() != null && inject.flags().stream().anyMatch("ACK"::equalsIgnoreCase);
            if (hasAck && inject.ack() == null) {
                invalid(path + ".ack", "a segment with the ACK flag needs 'ack'");
            }
            if (!hasAck && inject.ack() != null) {
                invalid(path + ".ack", "only goes with the ACK flag");
            }
            range(path + ".len", inject.len(), 0, 65_535);
        }
        if (floodTotal > limits.maxFloodSegments()) {
            tooLarge("inject", "at most " + limits.maxFloodSegments() + " flood segments in all");
        }
    }

    private void checkFlags(String path, List<String> flags, boolean required) {
        if (flags == null) {
            if (required) {
                invalid(path, "is required");
            }
            return;
        }
        if (flags.isEmpty() && required) {
            invalid(path, "must name at least one flag");
        }
        for (String flag : flags) {
            try {
                Flags.parse(flag == null ? "" : flag);
            } catch (IllegalArgumentException e) {
                invalid(path, "unknown flag '" + flag + "' (expected SYN, ACK, FIN, RST or PSH)");
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
        return prefix >= 8 && prefix <= 30;
    }

    private void range(String field, Number value, long min, long max) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            invalid(field, "must be between " + min + " and " + max);
        }
    }

    private void invalid(String field, String message) {
        violations.add(Violation.invalid(field, message));
    }

    private void tooLarge(String field, String message) {
        violations.add(Violation.tooLarge(field, message));
    }
}
