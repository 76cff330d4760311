package lab.handshake.classes;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of classes: joining one, choosing it for a quiz, a teacher's classes and their attempts. English here, Chinese in {@code messages/classes_zh.properties}; templates use them as {@code {classes:key}}.
 */
@MessageBundle("classes")
public interface ClassMessages {

    @Message("My classes")
    String classes_title();

    @Message("Join your teacher's class with the code they gave you. Then choose the class when you submit a quiz, and your teacher sees your result. Your classes are kept on this browser, like your progress.")
    String classes_intro();

    @Message("Join code")
    String classes_join_code();

    @Message("Join")
    String classes_join();

    @Message("Class")
    String classes_name();

    @Message("You have not joined a class on this browser yet.")
    String classes_none();

    @Message("No class has this join code. Check the code with your teacher.")
    String classes_unknown_code();

    @Message("Back to the quiz")
    String classes_back_to_quiz();

    @Message("Class (optional: your teacher sees your result)")
    String quiz_class();

    @Message("— no class —")
    String quiz_no_class();

    @Message("Join a class")
    String quiz_join_class();

    @Message("That class does not exist. Choose one of your classes, or none, and submit again.")
    String quiz_unknown_class();

    @Message("You have not joined that class on this browser. Join it first, then submit again.")
    String quiz_not_in_class();

    @Message("These questions were handed out to someone else, or before this browser's cookies were cleared, so they were not graded. Here they are again for you.")
    String quiz_not_your_attempt();

    @Message("New class")
    String teacher_new_class();

    @Message("Class name")
    String teacher_class_name();

    @Message("Create class")
    String teacher_create_class();

    @Message("A class name has 1 to 80 characters on one line.")
    String teacher_class_name_invalid();

    @Message("Join code")
    String teacher_join_code();

    @Message("Students joined")
    String teacher_members();

    @Message("Teacher")
    String teacher_owner();

    @Message("nobody")
    String teacher_nobody();

    @Message("legacy code from before classes existed: nobody can join it")
    String teacher_legacy();

    @Message("Students join this class at /classes with the code {code}.")
    String teacher_class_join_hint(String code);

    @Message("Every attempt")
    String teacher_every_attempt();

    @Message("Student")
    String teacher_student();

    @Message("(no name)")
    String teacher_no_name();

    @Message("excluded from the results")
    String teacher_excluded();

    @Message("Exclude from the results")
    String teacher_exclude();

    @Message("Count it again")
    String teacher_include();

    @Message("No attempt has been submitted for this class yet.")
    String teacher_no_attempts();

    // ---- Roster and the per-student view (issue 15) ----

    @Message("Student {number}")
    String roster_pseudonym(int number);

    @Message("Your name (optional: your teacher sees it)")
    String classes_your_name();

    @Message("A name has at most 80 characters on one line.")
    String classes_name_invalid();

    @Message("Roster")
    String roster_title();

    @Message("Joined")
    String roster_joined();

    @Message("no name given")
    String roster_no_name_given();

    @Message("Nobody has joined this class yet.")
    String roster_empty();

    @Message("Back to the class")
    String student_back();

    @Message("Questions not fully right")
    String student_mistakes();

    @Message("All questions right.")
    String student_no_mistakes();

    @Message("Answered")
    String student_answered();

    @Message("Expected")
    String student_expected();

    @Message("Misconception")
    String student_misconception();

    @Message("Numbers are named relative to this student's initial sequence numbers: J is the client's ISN, K the server's.")
    String student_isn_note();

    @Message("No attempt of this student has been submitted for this class yet.")
    String student_no_attempts();

    // --- LMS course of a class (issue 15, LTI roster and grades) ---

    @Message("LMS course")
    String lms_title();

    @Message("This class is a course of your LMS. Fetching its roster adds the course's learners to the class and updates the names of those already here.")
    String lms_roster_hint();

    @Message("Fetch the roster from the LMS")
    String lms_roster_fetch();

    @Message("Roster fetched from the LMS")
    String lms_roster_fetched_title();

    @Message("The LMS listed {listed} member(s): {added} added, {updated} updated.")
    String lms_roster_fetched(int listed, int added, int updated);

    @Message("{count} score(s) were not sent to the LMS: it does not let this tool create the grade column (the line item scope of Assignment and Grade Services). Ask your LMS administrator to allow it; scores of attempts submitted after that are sent.")
    String lms_scores_refused(long count);
}
