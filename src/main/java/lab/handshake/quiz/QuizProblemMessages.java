package lab.handshake.quiz;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Why a quiz attempt, an answer or a review is refused (quiz.QuizService, quiz.QuizGrader, quiz.ReviewService), and what is wrong with a quiz bank (quiz.QuizProblem, worded for a teacher's draft and, in English, for the log).
 * English in {@code messages/quizProblems_en.properties}, Chinese in {@code messages/quizProblems_zh.properties}.
 */
@MessageBundle(value = "quizProblems", locale = "en")
public interface QuizProblemMessages {

    @Message
    String attempt_submitted_title();

    @Message
    String attempt_submitted(String at);

    @Message
    String launched_class_differs_title();

    /** {@code name}: the class of the LMS course the learner last launched the quiz from. */
    @Message
    String launched_class_differs(String name);

    @Message
    String names_other_than_launched_class();

    @Message
    String review_not_due_title();

    @Message
    String review_not_due(String at);

    @Message
    String invalid_attempt_title();

    @Message
    String option_ids(String ids);

    @Message
    String numeric_answer(long max);

    @Message
    String order_entries(int count, String ids);

    @Message
    String attempt_id_required();

    @Message
    String belongs_to_quiz(String quiz);

    @Message
    String answers_required();

    @Message
    String not_a_question();

    @Message
    String answered_twice(String question);

    @Message
    String longer_than(int max);

    @Message
    String not_your_attempt_title();

    @Message
    String not_your_attempt(String quiz);

    @Message
    String quiz_at_question(String id);

    @Message
    String quiz_at_option(String id);

    /** {@code id}: the misconception the known wrong answer names. */
    @Message
    String quiz_at_mistake(String id);

    @Message
    String quiz_id_not_file_name(String id);

    @Message
    String quiz_needs_both_languages();

    @Message
    String quiz_no_questions();

    @Message
    String quiz_missing_or_repeated_id();

    @Message
    String quiz_unknown_kind(java.util.List<String> kinds);

    @Message
    String quiz_unknown_scenario(String id);

    @Message
    String quiz_unknown_misconception(String id);

    @Message
    String quiz_mistake_not_of_its_kind();

    @Message
    String quiz_right_option_without_misconception();

    @Message
    String quiz_exactly_one_right_option();

    @Message
    String quiz_right_and_wrong_options();

    @Message
    String quiz_numeric_generate();

    @Message
    String quiz_next_state_generate();

    @Message
    String quiz_choices_are_states();

    @Message
    String quiz_order_lists_every_item();

    @Message
    String quiz_no_segment(String scenario, Integer segment);

    @Message
    String quiz_segment_has_no_ack(Integer segment, String scenario);

    /** {@code endpoint}: client or server. */
    @Message
    String quiz_no_state_change(String scenario, Integer change, String endpoint);

    /** {@code right}: a TCP state's name. */
    @Message
    String quiz_right_answer_not_a_choice(String right);
}
