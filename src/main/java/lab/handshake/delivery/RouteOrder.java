package lab.handshake.delivery;

/** Where the routes that send public bytes (static files, cached catalogue traces) stand among Vert.x's routes. */
public final class RouteOrder {
    /**
     * Before Quarkus's authentication (an HTTP filter of priority 200, so route order -200), which on every request
     * also works out the REST template path that the HTTP metrics would name a failed login by, and before its
     * authorization (-100): public bytes need neither. After the security headers ({@code web.SecurityHeaders},
     * the first route of all), so every answer still carries them.
     */
    public static final int PUBLIC_BYTES = -1_000;

    private RouteOrder() {
    }
}
