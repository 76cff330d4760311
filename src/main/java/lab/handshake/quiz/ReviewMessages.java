package lab.handshake.quiz;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of learning from mistakes in quizzes: the misconception a wrong answer shows, the explanation of
 * an answer out of range or with an item twice, the worked solution of a generated question, the warning
 * before submitting with questions unanswered, and the spaced review on /progress. English here, Chinese in
 * {@code messages/review_zh.properties}; templates use them as {@code {review:key}}, the services through
 * {@code MessageBundles.get}.
 */
@MessageBundle("review")
public interface ReviewMessages {

    // --- On a graded question ---

    @Message("Misconception")
    String misconception();

    @Message("Worked solution")
    String worked_title();

    @Message("Try again with new numbers")
    String try_again();

    // --- An answer kept and explained ---

    @Message("{given} is past 2^32−1 = 4294967295: sequence numbers wrap modulo 2^32, so it is {wrapped}.")
    String slip_unwrapped(long given, long wrapped);

    @Message("{given} is past 2^32−1 = 4294967295: sequence numbers wrap modulo 2^32, so it is {wrapped}, the right answer. The sum was right; only the wrap was forgotten.")
    String slip_unwrapped_right(long given, long wrapped);

    @Message("“{item}” is placed more than once (positions {positions}); each step happens once.")
    String slip_repeated(String item, String positions);

    @Message("“{item}” is not placed at all.")
    String slip_missing(String item);

    @Message("Positions left empty: {positions}.")
    String slip_empty(String positions);

    // --- Worked solution of a generated question ---

    @Message("The client's ISN J = {client}; the server's ISN K = {server}.")
    String worked_isns(long client, long server);

    @Message("Segment {number} ({flags}, {sender}): seq = {symbolic} = {seq}; it uses {used}, so the {sender}'s next number is {nextSymbolic} = {next}.")
    String worked_uses(int number, String flags, String sender, String symbolic, long seq, long used, String nextSymbolic, long next);

    @Message("Segment {number} ({flags}, {sender}): seq = {symbolic} = {seq}; a pure ACK uses no number.")
    String worked_uses_none(int number, String flags, String sender, String symbolic, long seq);

    @Message("Segment {number} ({flags}, {sender}) resends segment {original}: the same seq, no new number.")
    String worked_resent(int number, String flags, String sender, int original);

    @Message("So segment {number} carries seq = {symbolic} = {value}.")
    String worked_answer_seq(int number, String symbolic, long value);

    @Message("Segment {number} acknowledges everything the {owner} sent up to then: ack = the {owner}'s next number = {symbolic} = {value}.")
    String worked_answer_ack(int number, String owner, String symbolic, long value);

    @Message("{symbolic} = {sum} is past 4294967295, so it wraps: {sum} − 4294967296 = {value}.")
    String worked_wrap(String symbolic, long sum, long value);

    @Message("client")
    String worked_client();

    @Message("server")
    String worked_server();

    // --- Before submitting ---

    @Message("Some questions are not answered yet")
    String unanswered_title();

    @Message("An unanswered question counts as wrong. Not answered:")
    String unanswered_intro();

    @Message("Submit anyway")
    String unanswered_submit();

    @Message("Go back and answer")
    String unanswered_back();

    // --- Spaced review on /progress ---

    @Message("Review what you got wrong")
    String review_title();

    @Message("A question you got wrong comes back after 1 day. Each right answer moves it up a box: it comes back after 3 days, then after 7; right once more and it is learnt. A wrong answer puts it back in box 1.")
    String review_intro();

    @Message("Nothing is due for review now.")
    String review_none();

    @Message("{count} more {#if count == 1}question is{#else}questions are{/if} waiting for a later day.")
    String review_later(int count);

    @Message("Box {box} of 3 · from “{quiz}”")
    String review_card(int box, String quiz);

    @Message("Check")
    String review_check();

    @Message("Right. It moves up to box {box} and comes back in {days} days.")
    String review_moved_up(int box, long days);

    @Message("Right again: learnt. It leaves the review.")
    String review_learnt();

    @Message("Not yet. It goes back to box 1 and comes back tomorrow.")
    String review_back_to_one();

    // --- The teacher's quiz form ---

    @Message("Misconception it shows (catalogue id, wrong options only)")
    String author_misconception();
}
