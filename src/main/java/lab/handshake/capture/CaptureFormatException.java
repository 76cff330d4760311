package lab.handshake.capture;

/** A capture file that cannot be read, with what is wrong with it. */
public final class CaptureFormatException extends RuntimeException {
    public CaptureFormatException(String message) {
        super(message);
    }
}
