package lab.handshake.engine;

/** A simulation tried to grow past one of its bounds (events, segments or steps). */
public final class SimulationLimitException extends RuntimeException {
    private final String what;
    private final long limit;

    public SimulationLimitException(String what, long limit) {
        super("the simulation would exceed " + limit + " " + what);
        this.what = what;
        this.limit = limit;
    }

    public String what() {
        return what;
    }

    public long limit() {
        return limit;
    }
}
