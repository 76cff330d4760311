package lab.handshake.predict;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of predict mode: the panel beside a simulator, the questions and the feedback the API writes,
 * the accuracy on /progress and in a teacher's class. English here, Chinese in
 * {@code messages/predict_zh.properties}; templates use them as {@code {predict:key}}.
 */
@MessageBundle("predict")
public interface PredictMessages {

    // --- The panel beside a simulator ---

    @Message("Predict, then see")
    String predict_toggle();

    @Message("Before each step where TCP decides something, say what happens next; then the step is shown.")
    String predict_intro();

    @Message("Ask before")
    String predict_ask();

    @Message("every decision")
    String predict_ask_all();

    @Message("state changes only")
    String predict_ask_changes();

    @Message("Your prediction")
    String predict_form_title();

    @Message("Next state")
    String predict_state();

    @Message("What it sends")
    String predict_sends();

    @Message("Nothing")
    String predict_sends_nothing();

    @Message("A segment")
    String predict_sends_segment();

    @Message("Flags")
    String predict_flags();

    @Message("Write seq and ack as J, K, u, v, w or X with an offset (J+1), or as the number itself.")
    String predict_numbers_hint();

    @Message("Check")
    String predict_check();

    @Message("Continue")
    String predict_continue();

    @Message("Start again")
    String predict_restart();

    @Message("Loading the question…")
    String predict_loading();

    @Message("Choose the next state.")
    String predict_need_state();

    @Message("Choose at least one flag, and give seq (and ack when ACK is set).")
    String predict_need_segment();

    @Message("seq or ack cannot be read: write a number from 0 to 4294967295, or J, K, u, v, w or X with an offset (J+1); u, v and w only in a teardown, X only with an old duplicate SYN.")
    String predict_bad_number();

    @Message("What happened")
    String predict_expected();

    @Message("You predicted")
    String predict_given();

    @Message("Why")
    String predict_why();

    @Message("A known misconception")
    String predict_misconception();

    @Message("Your predictions")
    String predict_accuracy();

    // --- Questions and feedback (written by the API) ---

    @Message("the client")
    String predict_the_client();

    @Message("the server")
    String predict_the_server();

    @Message("The application at {who} calls {call}.")
    String predict_event_call(String who, String call);

    @Message("Segment {id}, {segment}, arrives at {who}.")
    String predict_event_arrive(int id, String segment, String who);

    @Message("The {timer} timer of {who} expires.")
    String predict_event_timer(String timer, String who);

    @Message("retransmission")
    String predict_timer_retransmission();

    @Message("TIME-WAIT")
    String predict_timer_time_wait();

    @Message("FIN-WAIT-2")
    String predict_timer_fin_wait_2();

    @Message("delayed-ACK")
    String predict_timer_delayed_ack();

    @Message("{who} is in {state}. What is its next state, and what does it send?")
    String predict_prompt(String who, String state);

    @Message("nothing")
    String predict_nothing();

    @Message("Question {n} of {total}")
    String predict_progress(int n, int total);

    @Message("Right.")
    String predict_right();

    @Message("Not quite: the state is right, the segment is not.")
    String predict_segment_wrong();

    @Message("Not quite: the segment is right, the state is not.")
    String predict_state_wrong();

    @Message("Not quite: neither the state nor the segment.")
    String predict_both_wrong();

    @Message("{right} of {total} predictions right")
    String predict_accuracy_text(long right, long total);

    @Message("No more questions in this simulation.")
    String predict_done();

    @Message("It also sends {n} more segment(s).")
    String predict_more_segments(int n);

    // --- /progress and the teacher's class page ---

    @Message("Predictions")
    String predict_progress_title();

    @Message("Simulation")
    String predict_scenario();

    @Message("Right")
    String predict_right_count();

    @Message("Predicted")
    String predict_total();

    @Message("You have made no predictions on this browser yet. Open a simulation and choose “Predict, then see”.")
    String predict_none();

    @Message("Predictions per step")
    String predict_class_title();

    @Message("Step")
    String predict_step();

    @Message("Predicted right")
    String predict_share_right();

    @Message("Most common wrong answer")
    String predict_common_wrong();

    @Message("No learner of this class has made a prediction yet.")
    String predict_class_none();
}
