package lab.handshake.lti;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import lab.handshake.classes.LmsCourses;

/** What a class's teacher page shows of its LMS course: the roster button (NRPS offered) and the scores given up. */
@ApplicationScoped
public class ClassLmsCourses implements LmsCourses {
    @Override
    public Optional<LmsCourse> of(long classId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            LtiContext context = LtiContext.<LtiContext>find("classId", classId).firstResult();
            if (context == null) {
                return Optional.empty();
            }
            return Optional.of(new LmsCourse(context.membershipsUrl != null,
                    LtiScore.count("classId = ?1 and givenUpAt is not null", classId)));
        });
    }
}
