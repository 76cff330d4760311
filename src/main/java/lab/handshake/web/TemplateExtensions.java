package lab.handshake.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import lab.handshake.config.CampusTime;
import lab.handshake.delivery.StaticFiles;

/** Methods the templates may call on values that have none of their own. */
@TemplateExtension
public final class TemplateExtensions {

    private TemplateExtensions() {
    }

    /** {@code {static:url('/js/simulator.js')}}: a site file under its versioned URL (see {@link StaticFiles}). */
    @TemplateExtension(namespace = "static")
    static String url(String path) {
        return StaticFiles.urlOf(path);
    }

    /** {@code {campus:zone}}: what the campus's times are in, "UTC" or "UTC+08:00 (Asia/Shanghai)", for forms that take dates. */
    @TemplateExtension(namespace = "campus")
    static String zone() {
        return CampusTime.zoneLabel();
    }

    /** "2026-11-24 13:31 UTC+08:00": to the minute, in the campus's zone with its offset ({@link CampusTime}). */
    static String readable(Instant instant) {
        return instant == null ? "" : CampusTime.day(instant) + " " + CampusTime.time(instant);
    }

    /** The two halves of {@link #readable}, for {@code tags/campusTime.html}: a narrow column breaks only between them. */
    static String readableDay(Instant instant) {
        return instant == null ? "" : CampusTime.day(instant);
    }

    static String readableTime(Instant instant) {
        return instant == null ? "" : CampusTime.time(instant);
    }
}
