package lab.handshake.activity;

import java.util.function.Function;
import lab.handshake.api.ProblemMessages;

/** What a learner of a class did, besides quizzes and predictions, that their teacher follows: each about one lesson, catalogue simulation or sandbox task. */
public enum ActivityKind {
    /** Read a lesson to its end: the lesson page says so when its last part comes into view. */
    LESSON_READ(ProblemMessages::lesson),
    /** Stepped a catalogue simulation through to its last step: the simulator says so; STEP assignments count it. */
    SIMULATION_STEPPED_THROUGH(ProblemMessages::scenario),
    /** Met a sandbox task with their own moves: the session fires {@code session.TaskMet}; SANDBOX_TASK assignments count it. */
    SANDBOX_TASK_MET(ProblemMessages::sandbox_task);

    /** What the item is called, as a 404 names it. */
    public final Function<ProblemMessages, String> item;

    ActivityKind(Function<ProblemMessages, String> item) {
        this.item = item;
    }
}
