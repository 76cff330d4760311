package lab.handshake.lti;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The score message's timestamp as AGS 2.0 wants it: ISO 8601 with sub-second precision, whatever the instant. */
class ScoreMessageTest {

    @Test
    void scoreMadeOnAWholeSecondStillCarriesItsSubSecondDigits() {
        assertEquals("2026-12-04T05:00:00.000000Z", GradePassback.ScoreMessage.of(score(Instant.parse("2026-12-04T05:00:00Z"))).timestamp());
    }

    @Test
    void microsecondsOfTheSubmissionAreKeptSoScoresMadeInOneMillisecondStayOrdered() {
        assertEquals("2026-12-04T05:00:00.123456Z",
                GradePassback.ScoreMessage.of(score(Instant.parse("2026-12-04T05:00:00.123456789Z"))).timestamp());
    }

    private static LtiScore score(Instant submittedAt) {
        LtiScore score = new LtiScore();
        score.subject = "student-1";
        score.scoreGiven = 1;
        score.scoreMaximum = 2;
        score.submittedAt = submittedAt;
        return score;
    }
}
