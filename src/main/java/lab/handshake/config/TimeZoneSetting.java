package lab.handshake.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.eclipse.microprofile.config.spi.Converter;

/** Reads {@link HandshakeConfig#timeZone()}; a start with a name that is no time zone stops, saying which setting is wrong. */
public final class TimeZoneSetting implements Converter<ZoneId> {
    @Override
    public ZoneId convert(String value) {
        try {
            return ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("HANDSHAKE_TIME_ZONE (handshake.time-zone) must be an IANA time zone such as "
                    + "Asia/Shanghai or UTC, not '" + value + "'", e);
        }
    }
}
