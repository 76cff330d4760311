package lab.handshake.assignments;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import lab.handshake.api.LearnerIdentity;

/**
 * The assignments of the learner whose page is being rendered, as templates ask for them:
 * {@code {#for a in inject:learnerAssignments.list(page.lang)}} on the home page and on /progress (the tag
 * {@code tags/learnerAssignments.html}). So the pages that show them need not know this feature.
 */
@Named("learnerAssignments")
@RequestScoped
public class LearnerAssignments {
    private final AssignmentService assignments;
    private final RoutingContext request;

    public LearnerAssignments(AssignmentService assignments, RoutingContext request) {
        this.assignments = assignments;
        this.request = request;
    }

    public List<AssignmentService.LearnerAssignment> list(String language) {
        Cookie cookie = request.request().getCookie(LearnerIdentity.COOKIE);
        return assignments.forLearner(LearnerIdentity.known(cookie == null ? null : cookie.getValue()), AssignmentResource.language(language));
    }
}
