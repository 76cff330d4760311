package lab.handshake.predict;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a listener's answer to a spoofed SYN goes (RFC 4987 §2): to the source address the SYN carries, which the
 * attacker forged, or nowhere when nothing is sent. The attacker's real address is the learner's other choice: no
 * segment of a flood carries it, so nothing the listener sends can reach it. Asked only at a flood's spoofed SYNs
 * ({@link Question#sentTo()}); a predicted segment names one of the first two, and sending nothing is {@link #NOBODY}.
 */
enum SentTo {
    /** The source address of the spoofed SYN: a forged one, so the SYN,ACK goes to a host that never sent the SYN. */
    FORGED_SOURCE("forged-source"),
    /** The attacker's own address, which the spoofed SYN does not carry. */
    ATTACKER("attacker"),
    /** Nothing is sent. */
    NOBODY("nobody");

    /** The destinations a predicted segment may name, by wire name, as a refusal lists them. */
    static final String CHOICES = FORGED_SOURCE.wireName + ", " + ATTACKER.wireName;

    private final String wireName;

    SentTo(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    /** A predicted segment's destination by its wire name; empty for anything else ({@link #NOBODY} is no segment's). */
    static Optional<SentTo> ofSegment(String wireName) {
        return Arrays.stream(values()).filter(to -> to != NOBODY && to.wireName.equals(wireName)).findFirst();
    }

    /** A stored prediction's destination; null where none was asked (and in predictions made before it was). */
    static SentTo stored(String wireName) {
        return Arrays.stream(values()).filter(to -> to.wireName.equals(wireName)).findFirst().orElse(null);
    }
}
