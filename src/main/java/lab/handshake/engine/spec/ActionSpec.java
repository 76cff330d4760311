package lab.handshake.engine.spec;

import lab.handshake.engine.Call;
import lab.handshake.engine.SendFlags;

/**
 * An application call on a host: at a virtual time ({@code at}), or as a reaction ({@code on}: established,
 * data or eof, the first time that host's application learns it, {@code delayMs} later; for {@code on: data} with
 * {@code received}, the first data by which that application has received so many bytes in all, as a program that
 * answers a whole request waits for it, however the network cut it).
 *
 * @param call listen, connect, send or read (with {@code bytes}), shutdown, close, abort, crash, cork or uncork: the wire
 *             name of a {@link Call}, kept as written so that {@link SpecValidator} can say what is wrong with it
 * @param more for send: MSG_MORE, more data follows, so a partial segment waits for it (RFC 9293 §3.9.1.2: a SEND
 *             without the PUSH flag)
 */
public record ActionSpec(Long at, String on, Long received, Long delayMs, String host, String call, Integer bytes, Boolean more) {

    /** The flags of the call if it is a send: MSG_MORE or none. */
    public SendFlags sendFlags() {
        return SendFlags.of(Boolean.TRUE.equals(more));
    }

    /** The call, once the specification is valid. */
    public Call callOf() {
        return Call.fromWire(call).orElseThrow(() -> new IllegalArgumentException("unknown call " + call));
    }
}
