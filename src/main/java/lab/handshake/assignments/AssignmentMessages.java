package lab.handshake.assignments;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The words of assignments. English here, Chinese in {@code messages/assignments_zh.properties}; templates use {@code {assignments:key}}. */
@MessageBundle("assignments")
public interface AssignmentMessages {

    @Message("Assignments")
    String title();

    @Message("My assignments")
    String mine();

    @Message("New assignment")
    String new_assignment();

    @Message("What")
    String what();

    @Message("Quiz")
    String kind_quiz();

    @Message("Simulation: step through")
    String kind_step();

    @Message("Simulation: predict each step")
    String kind_predict();

    @Message("Quiz or simulation")
    String target();

    @Message("Opens")
    String opens();

    @Message("Due")
    String due();

    @Message("Times are in {zone}.")
    String times_in(String zone);

    @Message("Attempts allowed")
    String attempts_allowed();

    @Message("Which attempt counts")
    String counted();

    @Message("the best")
    String counted_best();

    @Message("the last")
    String counted_last();

    @Message("the first")
    String counted_first();

    @Message("Steps asked (predicting only)")
    String asked_steps();

    @Message("Which steps ask")
    String ask();

    @Message("every step")
    String ask_all();

    @Message("state changes only")
    String ask_changes();

    @Message("a range of steps")
    String ask_range();

    @Message("From step")
    String from_step();

    @Message("To step")
    String to_step();

    @Message("steps {from} to {to}")
    String asked_range(int from, int to);

    @Message("Assign")
    String assign();

    @Message("Delete")
    String delete();

    @Message("This class has no assignments yet.")
    String none();

    @Message("Status")
    String status();

    @Message("Score")
    String score();

    @Message("Attempts")
    String attempts();

    @Message("Class")
    String class_name();

    @Message("not open yet")
    String status_not_open();

    @Message("open")
    String status_open();

    @Message("done")
    String status_done();

    @Message("missed")
    String status_missed();

    @Message("{completed} of {students} students done")
    String completion(int completed, int students);

    @Message("average of the counted scores: {average}%")
    String average(int average);

    @Message("Per question (counted attempts)")
    String per_question();

    @Message("Question")
    String question();

    @Message("Right")
    String right();

    @Message("Download the results as CSV")
    String csv();

    @Message("Results")
    String results();

    @Message("Choose the class when you submit the quiz, so that it counts.")
    String choose_class_hint();

    @Message("The assignment could not be saved: check the quiz or simulation, the dates (due after opening), the attempts (1 to 100) "
            + "and the steps asked (only when predicting; a range needs both steps, from step 1, the last not before the first).")
    String invalid();

    @Message("To check: ")
    String invalid_fields();

    @Message(", ")
    String list_separator();

    @Message("This quiz is assigned to your class but is not open yet. Submit it once it opens.")
    String refused_not_open();

    @Message("This quiz was due for your class and takes no more attempts.")
    String refused_past_due();

    @Message("You have used every attempt this assignment allows.")
    String refused_attempts_used();

    @Message("Export for an LMS")
    String export_title();

    @Message("Moodle XML")
    String export_moodle();

    @Message("GIFT")
    String export_gift();
}
