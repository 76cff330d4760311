package lab.handshake.engine;

import java.util.Arrays;
import java.util.List;

/**
 * When a host's application takes received data out of TCP. {@link #ON_ARRIVAL} is an application that reads
 * everything at once (the default); with {@link #ON_CALL} data waits in the receive buffer until a {@code read}
 * call, and a close() with data still waiting resets the connection (RFC 9293 §3.6.1, RFC 2525 §2.17).
 */
public enum ReadMode {
    ON_ARRIVAL("on-arrival"),
    ON_CALL("on-call");

    private final String apiName;

    ReadMode(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** The mode a scenario names, or {@link #ON_ARRIVAL} when it names none. */
    public static ReadMode parse(String text) {
        if (text == null) {
            return ON_ARRIVAL;
        }
        return Arrays.stream(values()).filter(mode -> mode.apiName.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("reads must be on-arrival or on-call"));
    }

    public static List<String> apiNames() {
        return Arrays.stream(values()).map(ReadMode::apiName).toList();
    }
}
