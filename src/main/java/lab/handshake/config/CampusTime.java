package lab.handshake.config;

import io.quarkus.arc.Arc;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The campus's time zone ({@link HandshakeConfig#timeZone()}): teachers enter dates in it and every page shows them
 * in it, with the offset written out ("2026-12-24 23:59 UTC+08:00"), so a due date means what the class reads. The
 * API and the database keep instants. Static, because Qute's template extensions are.
 */
public final class CampusTime {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private CampusTime() {
    }

    /** The setting as the typed configuration holds it (read and checked once, at start). */
    public static ZoneId zone() {
        return Arc.container().instance(HandshakeConfig.class).get().timeZone();
    }

    /** A form's datetime-local value, read in the campus zone. */
    public static Instant fromLocal(LocalDateTime local) {
        return local.atZone(zone()).toInstant();
    }

    /** "2026-12-24". */
    public static String day(Instant at) {
        return DAY.format(at.atZone(zone()));
    }

    /** "23:59 UTC+08:00", or "23:59 UTC" where the offset is zero. */
    public static String time(Instant at) {
        ZonedDateTime local = at.atZone(zone());
        return TIME.format(local) + " " + offsetLabel(local.getOffset());
    }

    /** "2026-12-24 23:59 UTC+08:00": an instant as pages and refusals say it (never an ISO instant in a sentence). */
    public static String moment(Instant at) {
        return day(at) + " " + time(at);
    }

    /** What a form says its times are in: "UTC", or "UTC+08:00 (Asia/Shanghai)" (the offset of now). */
    public static String zoneLabel() {
        ZoneId zone = zone();
        ZoneOffset now = zone.getRules().getOffset(Instant.now());
        return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : offsetLabel(now) + " (" + zone.getId() + ")";
    }

    private static String offsetLabel(ZoneOffset offset) {
        return offset.getTotalSeconds() == 0 ? "UTC" : "UTC" + offset.getId();
    }
}
