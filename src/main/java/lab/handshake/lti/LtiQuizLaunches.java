package lab.handshake.lti;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import lab.handshake.classes.SchoolClass;
import lab.handshake.quiz.QuizLaunches;

/** The class of a learner's latest launch of a quiz, as its {@link LtiGradeLink} keeps it. */
@ApplicationScoped
public class LtiQuizLaunches implements QuizLaunches {
    @Override
    public Optional<LaunchedClass> of(String learnerId, String quizId) {
        if (learnerId == null) {
            return Optional.empty();
        }
        return QuarkusTransaction.joiningExisting().call(() -> {
            LtiGradeLink link = LtiGradeLink.of(learnerId, quizId);
            SchoolClass launched = link == null || link.classId == null ? null : SchoolClass.findById(link.classId);
            return launched == null ? Optional.empty()
                    : Optional.of(new LaunchedClass(launched.joinCode, launched.name, link.graded()));
        });
    }
}
