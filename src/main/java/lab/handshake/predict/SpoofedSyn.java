package lab.handshake.predict;

import lab.handshake.engine.trace.TraceSegment;

/**
 * What a question about a SYN flood is about (RFC 4987): a listener's moment with one of the connections a spoofed
 * SYN opened or tried to open, not with the taught connection. The listening socket stays LISTEN whatever happens;
 * the seq of a SYN,ACK it sends is a number it chose itself (a fresh ISN or a SYN cookie), which nobody can predict,
 * while its ack is the spoofed SYN's seq + 1, and it goes to the SYN's forged source address, not to the attacker.
 *
 * @param moment   which of the flood's representative moments it is
 * @param syn      the spoofed SYN (for a retransmission, the one that made the half-open entry)
 * @param source   the spoofed source, address and port, as the trace names the connection
 * @param queued   the listener's half-open entries as the moment begins
 * @param capacity how many entries fill its SYN queue
 */
record SpoofedSyn(Moment moment, TraceSegment syn, String source, int queued, int capacity) {

    enum Moment {
        /** A spoofed SYN the listener keeps a half-open entry for, answered with a SYN,ACK (RFC 9293 §3.10.7.2). */
        TAKEN,
        /**
         * A spoofed SYN the listener keeps no entry for: its SYN queue is full, so it drops the SYN (RFC 4987 §3.1, Linux
         * tcp_conn_request) or answers with a SYN cookie (RFC 4987 §3.6).
         */
        NOT_KEPT,
        /** The retransmission timer of a half-open entry fires: the SYN,ACK goes to the spoofed source again (RFC 9293 §3.10.8). */
        SYN_ACK_RESENT
    }

    /** Why the seq of what the listener sends is not graded: it chose the number itself. */
    enum ChosenSeq {
        /** A fresh ISN of the half-open connection (RFC 9293 §3.4.1), the same again when the SYN,ACK is retransmitted. */
        ISN,
        /** A SYN cookie, computed from the SYN and a secret instead of a kept entry (RFC 4987 §3.6). */
        COOKIE
    }

    /**
     * Where the listener's answer went, read from its destination: the spoofed SYN's source address names the forged
     * source; any other would be the attacker's own, the only other party of a flood; nothing sent goes to nobody.
     */
    SentTo sentTo(TraceSegment answer) {
        if (answer == null) {
            return SentTo.NOBODY;
        }
        return answer.dst().equals(syn.src()) ? SentTo.FORGED_SOURCE : SentTo.ATTACKER;
    }

    /** How the seq of the listener's SYN,ACK was chosen; null when it sends nothing. */
    ChosenSeq chosenSeq(boolean sends) {
        if (!sends) {
            return null;
        }
        return moment == Moment.NOT_KEPT ? ChosenSeq.COOKIE : ChosenSeq.ISN;
    }
}
