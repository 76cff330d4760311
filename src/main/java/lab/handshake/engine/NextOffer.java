package lab.handshake.engine;

import java.util.List;

/**
 * The window an end offered in its first ACK after a read, and the payload of each of the peer's segments that arrived
 * between the read and that ACK, in order: what a replay knows of a read its window alone does not tell
 * ({@link TcpConnection#readShownByOffer}).
 *
 * @param arrivedBefore the payload bytes of each segment that arrived after the read and before the ACK
 * @param window        the window that ACK offered, in bytes (scaled)
 */
public record NextOffer(List<Integer> arrivedBefore, int window) {
    public NextOffer {
        arrivedBefore = List.copyOf(arrivedBefore);
    }
}
