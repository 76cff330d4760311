package lab.handshake.quiz;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of learning from mistakes in quizzes: the misconception a wrong answer shows, the explanation of
 * an answer out of range or with an item twice, the worked solution of a generated question, the warning
 * before submitting with questions unanswered, the spaced review on /progress, and the words an export adds. English in {@code messages/review_en.properties}, Chinese in
 * {@code messages/review_zh.properties}; templates use them as {@code {review:key}}, the services through
 * {@code MessageBundles.get}.
 */
@MessageBundle(value = "review", locale = "en")
public interface ReviewMessages {

    // --- On a graded question ---

    @Message
    String misconception();

    @Message
    String worked_title();

    @Message
    String try_again();

    // --- An answer kept and explained ---

    @Message
    String slip_unwrapped(long given, long wrapped);

    @Message
    String slip_unwrapped_right(long given, long wrapped);

    @Message
    String slip_repeated(String item, String positions);

    @Message
    String slip_missing(String item);

    @Message
    String slip_empty(String positions);

    // --- Worked solution of a generated question ---

    @Message
    String worked_isns(long client, long server);

    @Message
    String worked_uses(int number, String flags, String sender, String symbolic, long seq, long used, String nextSymbolic, long next);

    @Message
    String worked_uses_none(int number, String flags, String sender, String symbolic, long seq);

    @Message
    String worked_resent(int number, String flags, String sender, int original);

    @Message
    String worked_answer_seq(int number, String symbolic, long value);

    @Message
    String worked_answer_ack(int number, String owner, String symbolic, long value);

    @Message
    String worked_wrap(String symbolic, long sum, long value);

    @Message
    String worked_client();

    @Message
    String worked_server();

    // --- Before submitting ---

    @Message
    String unanswered_title();

    @Message
    String unanswered_intro();

    @Message
    String unanswered_submit();

    @Message
    String unanswered_back();

    // --- Spaced review on /progress ---

    @Message
    String review_title();

    @Message
    String review_intro();

    @Message
    String review_none();

    @Message
    String review_later(int count);

    @Message
    String review_card(int box, String quiz);

    @Message
    String review_check();

    @Message
    String review_moved_up(int box, long days);

    @Message
    String review_learnt();

    @Message
    String review_back_to_one();

    // --- The teacher's quiz form ---

    @Message
    String author_misconception();

    // --- A quiz exported for an LMS (QuizExporter) ---

    /** The segments a next-state question starts from, written after its prompt since an LMS cannot show the trace. */
    @Message
    String export_segments_so_far(String segments);
}
