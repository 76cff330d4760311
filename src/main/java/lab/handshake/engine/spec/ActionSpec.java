package lab.handshake.engine.spec;

/**
 * An application call on a host: at a virtual time ({@code at}), or as a reaction ({@code on}: established,
 * data or eof, the first time that host's application learns it, {@code delayMs} later).
 *
 * @param call listen, connect, send (with {@code bytes}), shutdown, close, abort or crash
 */
public record ActionSpec(Long at, String on, Long delayMs, String host, String call, Integer bytes) {
}
