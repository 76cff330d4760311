package lab.handshake.quiz;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A quiz question a learner got wrong, waiting in its Leitner box (see {@link ReviewService}). */
@Entity
@Table(name = "review_card")
public class ReviewCard extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String learnerId;

    public String quizId;

    public String questionId;

    /** 1, 2 or 3. */
    public int box;

    public Instant dueAt;

    /** The ISNs a numeric question is shown with now, as JSON; null for other kinds. */
    public String generatedJson;

    @Version
    public long version;

    public static ReviewCard findCard(String learnerId, String quizId, String questionId) {
        return find("learnerId = ?1 and quizId = ?2 and questionId = ?3", learnerId, quizId, questionId).firstResult();
    }

    /** The learner's cards of one quiz by question: one query for a whole graded attempt. */
    public static Map<String, ReviewCard> ofQuiz(String learnerId, String quizId) {
        return ReviewCard.<ReviewCard>list("learnerId = ?1 and quizId = ?2", learnerId, quizId).stream()
                .collect(Collectors.toMap(card -> card.questionId, Function.identity()));
    }

    /** Every card of the learner, the earliest due first (ties in a fixed order). */
    public static List<ReviewCard> of(String learnerId) {
        return list("learnerId = ?1 order by dueAt, quizId, questionId", learnerId);
    }
}
