package lab.handshake.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A learner's latest launch of one quiz from an LMS: the class of the launch's course (the class their attempts of
 * the quiz count for; its assignment of the quiz decides which score counts) and, when the launch was graded, where
 * the scores go: the resource link's line item (or, when the launch named only the course's line items service, the
 * resource link whose line item the tool creates). A later launch of the quiz replaces it, graded or not: the
 * attempts belong to the resource link the learner last came from (LTI 1.3 Core §5.3.5; AGS 2.0 §3.2).
 */
@Entity
@Table(name = "lti_grade_link")
public class LtiGradeLink extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public long platformId;

    public String learnerId;

    public String quizId;

    /** The platform's id of the learner, the score's {@code userId}. */
    public String subject;

    /** Null until the tool created the resource link's line item. */
    public String lineItem;

    /** The course's line items service, where the tool creates one when the launch named none. */
    public String lineItemsUrl;

    public String resourceLinkId;

    /** The class of the launch's LMS course; null for a launch outside a course. */
    public Long classId;

    public Instant launchedAt;

    /** Whether the launch was graded: its course's gradebook waits for the quiz's scores. */
    boolean graded() {
        return lineItem != null || lineItemsUrl != null;
    }

    static LtiGradeLink of(String learnerId, String quizId) {
        return find("learnerId = ?1 and quizId = ?2", learnerId, quizId).firstResult();
    }
}
