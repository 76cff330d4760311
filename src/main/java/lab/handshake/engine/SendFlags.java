package lab.handshake.engine;

/**
 * The flags of a send() call that the engine models. RFC 9293 §3.9.1.2 lets a SEND without the PUSH flag be held to
 * combine with later data (MAY-16); Linux's MSG_MORE is such a send (tcp_push: nonagle = TCP_NAGLE_CORK for this push).
 */
public enum SendFlags {
    /** A plain send(): its end pushes what it queued as the socket's settings allow (tcp_push with tp->nonagle). */
    NONE,
    /** MSG_MORE: more data follows, so the push at the write's end holds a partial segment, for this call only. */
    MORE;

    /** The flags of a send with ({@code true}) or without MSG_MORE. */
    public static SendFlags of(boolean more) {
        return more ? MORE : NONE;
    }
}
