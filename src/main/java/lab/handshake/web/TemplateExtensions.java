package lab.handshake.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import lab.handshake.delivery.StaticFiles;

/** Methods the templates may call on values that have none of their own. */
@TemplateExtension
public final class TemplateExtensions {
    private static final DateTimeFormatter MINUTES_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME_UTC = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private TemplateExtensions() {
    }

    /** {@code {static:url('/js/simulator.js')}}: a site file under its versioned URL (see {@link StaticFiles}). */
    @TemplateExtension(namespace = "static")
    static String url(String path) {
        return StaticFiles.urlOf(path);
    }

    /** "2026-11-24 05:31 UTC": to the minute, in the zone every replica and teacher shares. */
    static String readable(Instant instant) {
        return instant == null ? "" : MINUTES_UTC.format(instant);
    }

    /** The two halves of {@link #readable}, "2026-11-24" and "05:31 UTC", for {@code tags/utcTime.html}: a narrow column breaks only between them. */
    static String readableDay(Instant instant) {
        return instant == null ? "" : DAY_UTC.format(instant);
    }

    static String readableTime(Instant instant) {
        return instant == null ? "" : TIME_UTC.format(instant);
    }
}
