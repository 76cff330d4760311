package lab.handshake.classes;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of classes: joining one, choosing it for a quiz, a teacher's classes and their attempts. English in {@code messages/classes_en.properties}, Chinese in {@code messages/classes_zh.properties}; templates use them as {@code {classes:key}}.
 */
@MessageBundle(value = "classes", locale = "en")
public interface ClassMessages {

    @Message
    String classes_title();

    @Message
    String classes_intro();

    @Message
    String classes_join_code();

    @Message
    String classes_join();

    @Message
    String classes_name();

    @Message
    String classes_none();

    @Message
    String classes_unknown_code();

    @Message
    String classes_back_to_quiz();

    @Message
    String quiz_class();

    @Message
    String quiz_no_class();

    @Message
    String quiz_join_class();

    @Message
    String quiz_unknown_class();

    @Message
    String quiz_not_in_class();

    @Message
    String quiz_not_your_attempt();

    /** {@code name}: the class of the LMS course the learner launched the quiz from, which waits for its score. */
    @Message
    String quiz_class_graded_by_lms(String name);

    /** {@code name}: the class of the LMS course the learner launched the quiz from (not graded there). */
    @Message
    String quiz_class_from_lms(String name);

    @Message
    String quiz_launched_class_differs();

    @Message
    String teacher_new_class();

    @Message
    String teacher_class_name();

    @Message
    String teacher_create_class();

    @Message
    String teacher_class_name_invalid();

    @Message
    String teacher_join_code();

    @Message
    String teacher_members();

    @Message
    String teacher_owner();

    @Message
    String teacher_nobody();

    @Message
    String teacher_legacy();

    @Message
    String teacher_class_join_hint(String code);

    @Message
    String teacher_every_attempt();

    @Message
    String teacher_student();

    @Message
    String teacher_no_name();

    @Message
    String teacher_excluded();

    @Message
    String teacher_exclude();

    @Message
    String teacher_include();

    @Message
    String teacher_no_attempts();

    // ---- Roster and the per-student view (issue 15) ----

    @Message
    String roster_pseudonym(int number);

    @Message
    String classes_your_name();

    @Message
    String classes_name_invalid();

    @Message
    String roster_title();

    @Message
    String roster_joined();

    @Message
    String roster_no_name_given();

    @Message
    String roster_empty();

    @Message
    String student_back();

    @Message
    String student_mistakes();

    @Message
    String student_no_mistakes();

    @Message
    String student_answered();

    @Message
    String student_expected();

    @Message
    String student_misconception();

    @Message
    String student_isn_note();

    @Message
    String student_no_attempts();

    @Message
    String student_no_predictions();

    @Message
    String student_lessons_read();

    @Message
    String student_no_lessons_read();

    @Message
    String student_stepped_through();

    @Message
    String student_none_stepped_through();

    @Message
    String student_lesson();

    @Message
    String student_simulation();

    @Message
    String student_tasks_met();

    @Message
    String student_no_tasks_met();

    @Message
    String student_task();

    @Message
    String student_first_time();

    @Message
    String student_last_time();

    // --- LMS course of a class (issue 15, LTI roster and grades) ---

    @Message
    String lms_title();

    @Message
    String lms_roster_hint();

    @Message
    String lms_roster_fetch();

    @Message
    String lms_roster_fetched_title();

    @Message
    String lms_roster_fetched(int listed, int added, int updated);

    @Message
    String lms_scores_refused(long count);

    // --- A refused change of an attempt (the API's problem, TeacherResource.AttemptChange) ---

    @Message
    String invalid_attempt_change();

    @Message
    String excluded_required();
}
