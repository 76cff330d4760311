package lab.handshake.capture;

import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;

/** A capture file that cannot be read, with what is wrong with it (the detail of the 400 invalid-capture problem). */
public final class CaptureFormatException extends Refusal.Invalid {
    public CaptureFormatException(Refusal.Worded<String> detail) {
        super("invalid-capture", Worded.of(ProblemMessages.class, ProblemMessages::invalid_capture_title), detail, null);
    }
}
