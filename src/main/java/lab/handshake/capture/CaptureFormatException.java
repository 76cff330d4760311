package lab.handshake.capture;

import java.util.function.Function;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;

/** A capture file that cannot be read, with what is wrong with it (the detail of the 400 invalid-capture problem). */
public final class CaptureFormatException extends Refusal.Invalid {
    public CaptureFormatException(Function<CaptureProblemMessages, String> detail) {
        super("invalid-capture", Worded.of(CaptureProblemMessages.class, CaptureProblemMessages::invalid_capture_title), Worded.of(CaptureProblemMessages.class, detail), null);
    }
}
