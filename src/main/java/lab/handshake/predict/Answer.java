package lab.handshake.predict;

import java.util.List;
import lab.handshake.engine.Flags;
import lab.handshake.engine.TcpState;

/**
 * A student's prediction, read and checked: the endpoint's next state, and the segment it sends (null: it
 * sends nothing). Numbers are 32-bit values, whatever form the student wrote them in.
 */
record Answer(TcpState state, Sent sent) {

    /**
     * The predicted segment: control bits as {@link Flags} bits, seq (null: left open where the endpoint chooses it, as
     * a listener answering a spoofed SYN does), ack (null without ACK), and where it goes (null where that is not asked:
     * only a listener's answer to a spoofed SYN is asked where it goes).
     */
    record Sent(int flags, Long seq, Long ack, SentTo to) {
        boolean has(int bit) {
            return Flags.has(flags, bit);
        }

        boolean seqIs(long value) {
            return seq != null && seq == value;
        }

        List<String> flagNames() {
            return Flags.names(flags);
        }
    }

    boolean sendsNothing() {
        return sent == null;
    }

    /** Where the predicted segment goes: nobody when nothing is sent; null where it was not asked. */
    SentTo sentTo() {
        return sent == null ? SentTo.NOBODY : sent.to();
    }
}
