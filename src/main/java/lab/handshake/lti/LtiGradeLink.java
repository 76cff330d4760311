package lab.handshake.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Where a learner's scores for one quiz go: the line item of their latest graded launch of it (or, when the launch
 * named only the course's line items service, the resource link whose line item the tool creates), and the class
 * of the launch's course, whose assignment of the quiz decides which score counts.
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

    static LtiGradeLink of(String learnerId, String quizId) {
        return find("learnerId = ?1 and quizId = ?2", learnerId, quizId).firstResult();
    }
}
