package lab.handshake.lti;

/** A login initiation or launch refused; nothing was created. {@code detail} is for the log, never the page. */
public class LaunchRefused extends RuntimeException {
    private final LaunchRefusal reason;

    public LaunchRefused(LaunchRefusal reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public LaunchRefusal reason() {
        return reason;
    }
}
