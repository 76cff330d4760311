package lab.handshake.lti;

import java.util.List;
import java.util.Set;

/**
 * What an LMS user is here. Instructors, content developers and administrators of the course (or of the LMS)
 * teach: they get a teacher account and own the course's class. Everyone else, teaching assistants included
 * (who in this tool would see every student's results), learns.
 */
public enum LtiRole {
    LEARNER, INSTRUCTOR;

    private static final String MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
    private static final Set<String> TEACHING = Set.of(
            MEMBERSHIP + "Instructor", MEMBERSHIP + "ContentDeveloper", MEMBERSHIP + "Administrator",
            "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator",
            "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator");

    static LtiRole of(List<String> roles) {
        // A bare context role ("Instructor", as some platforms' membership lists spell it) is a membership role.
        return roles.stream().map(role -> role.contains("/") ? role : MEMBERSHIP + role).anyMatch(TEACHING::contains) ? INSTRUCTOR : LEARNER;
    }
}
