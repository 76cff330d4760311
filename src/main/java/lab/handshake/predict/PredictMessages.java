package lab.handshake.predict;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of predict mode: the panel beside a simulator, the questions and the feedback the API writes,
 * the accuracy on /progress and in a teacher's class. English in {@code messages/predict_en.properties}, Chinese in
 * {@code messages/predict_zh.properties}; templates use them as {@code {predict:key}}.
 */
@MessageBundle(value = "predict", locale = "en")
public interface PredictMessages {

    // --- The panel beside a simulator ---

    @Message
    String predict_toggle();

    @Message
    String predict_intro();

    @Message
    String predict_ask();

    @Message
    String predict_ask_all();

    @Message
    String predict_ask_changes();

    @Message
    String predict_form_title();

    @Message
    String predict_state();

    @Message
    String predict_sends();

    @Message
    String predict_sends_nothing();

    @Message
    String predict_sends_segment();

    @Message
    String predict_flags();

    @Message
    String predict_numbers_hint();

    /** The legend of the radio group asking where a listener's answer to a spoofed SYN goes. */
    @Message
    String predict_sent_to();

    /** Its first choice, followed on the page by the spoofed SYN's source address. */
    @Message
    String predict_sent_to_forged_source();

    @Message
    String predict_sent_to_attacker();

    @Message
    String predict_check();

    @Message
    String predict_continue();

    @Message
    String predict_restart();

    @Message
    String predict_need_state();

    @Message
    String predict_need_segment();

    @Message
    String predict_need_sent_to();

    @Message
    String predict_bad_number();

    @Message
    String predict_expected();

    @Message
    String predict_given();

    @Message
    String predict_why();

    @Message
    String predict_misconception();

    @Message
    String predict_accuracy();

    // --- Questions and feedback (written by the API) ---

    @Message
    String predict_the_client();

    @Message
    String predict_the_server();

    @Message
    String predict_event_call(String who, String call);

    @Message
    String predict_event_arrive(int id, String segment, String who);

    @Message
    String predict_event_timer(String timer, String who);

    @Message
    String predict_event_spoofed_syn(int id, String segment, String source, String who, int queued, int capacity);

    @Message
    String predict_event_spoofed_timer(String who, String source, String seq);

    @Message
    String predict_prompt_listener(String who);

    @Message
    String predict_seq_chosen();

    @Message
    String predict_note_isn();

    @Message
    String predict_note_cookie();

    @Message
    String predict_note_dropped();

    @Message
    String predict_timer_retransmission();

    @Message
    String predict_timer_time_wait();

    @Message
    String predict_timer_fin_wait_2();

    @Message
    String predict_timer_delayed_ack();

    @Message
    String predict_prompt(String who, String state);

    @Message
    String predict_nothing();

    /** Where a segment went, after its text in an outcome: "→ the forged source". */
    @Message
    String predict_to_forged_source();

    @Message
    String predict_to_attacker();

    /** Why a spoofed SYN's answer goes to the forged source, added to the moment's note. */
    @Message
    String predict_note_forged_source();

    @Message
    String predict_progress(int n, int total);

    @Message
    String predict_right();

    @Message
    String predict_segment_wrong();

    @Message
    String predict_state_wrong();

    @Message
    String predict_both_wrong();

    @Message
    String predict_accuracy_text(long right, long total);

    /** The end of a run with the learner's accuracy: one sentence, so each language joins them its own way. */
    @Message
    String predict_done(String accuracy);

    @Message
    String predict_more_segments(int n);

    // --- /progress and the teacher's class page ---

    @Message
    String predict_progress_title();

    @Message
    String predict_scenario();

    @Message
    String predict_right_count();

    @Message
    String predict_total();

    @Message
    String predict_none();

    @Message
    String predict_class_title();

    @Message
    String predict_step();

    @Message
    String predict_share_right();

    @Message
    String predict_common_wrong();

    @Message
    String predict_class_none();
}
