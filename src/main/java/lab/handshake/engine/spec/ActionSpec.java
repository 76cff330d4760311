package lab.handshake.engine.spec;

import lab.handshake.engine.Call;

/**
 * An application call on a host: at a virtual time ({@code at}), or as a reaction ({@code on}: established,
 * data or eof, the first time that host's application learns it, {@code delayMs} later; for {@code on: data} with
 * {@code received}, the first data by which that application has received so many bytes in all, as a program that
 * answers a whole request waits for it, however the network cut it).
 *
 * @param call listen, connect, send or read (with {@code bytes}), shutdown, close, abort or crash: the wire name of a
 *             {@link Call}, kept as written so that {@link SpecValidator} can say what is wrong with it
 */
public record ActionSpec(Long at, String on, Long received, Long delayMs, String host, String call, Integer bytes) {

    /** The call, once the specification is valid. */
    public Call callOf() {
        return Call.fromWire(call).orElseThrow(() -> new IllegalArgumentException("unknown call " + call));
    }
}
