package lab.handshake.engine;

/** An IPv4 address and TCP port, the "socket" of RFC 9293 §2.7. */
public record SocketAddress(String address, int port) {
    @Override
    public String toString() {
        return address + ":" + port;
    }
}
