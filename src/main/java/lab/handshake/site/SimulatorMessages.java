package lab.handshake.site;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the simulator's script (simulator.js and the views it draws; the sandbox takes them too), served
 * to the browser once per language as JSON by {@link ScriptWordsResource} ({@code /words/simulator/{lang}}), not pasted into every page that
 * embeds a simulator. A script's key names its method: camelCase becomes snake_case and dots and dashes become
 * underscores ({@code ep.network} is {@link #ep_network}, {@code nextChangeShort} is {@link #next_change_short}), a
 * rule applied in one place, {@code wordKey} in i18n.js. Placeholders in square brackets ([n], [ep]) are filled
 * in by the script (braces would be Qute's own). English in {@code messages/simulator_en.properties}, Chinese in {@code messages/simulator_zh.properties}.
 */
@MessageBundle(value = "simulator", locale = "en")
public interface SimulatorMessages {

    // --- Playback and options ---

    @Message
    String first();

    @Message
    String prev();

    @Message
    String next();

    @Message
    String last();

    @Message
    String play();

    @Message
    String pause();

    @Message
    String speed();

    @Message
    String prev_short();

    @Message
    String next_short();

    @Message
    String counter();

    @Message
    String symbolic();

    @Message
    String profile();

    @Message
    String client_isn();

    @Message
    String server_isn();

    @Message
    String playback();

    @Message
    String options();

    // --- Why a simulation could not be shown ---

    @Message
    String load_failed();

    @Message
    String no_answer();

    @Message
    String busy();

    @Message
    String too_many();

    // --- The ladder and the state diagram ---

    @Message
    String ladder_title();

    @Message
    String diagram_title();

    @Message
    String diagram_taken();

    @Message
    String ep_network();

    @Message
    String the();

    @Message
    String badge_client();

    @Message
    String badge_server();

    @Message
    String gap();

    @Message
    String band();

    @Message
    String band_open();

    @Message
    String band_kind();

    @Message
    String band_kind_lost();

    @Message
    String band_aria();

    @Message(", ") // in the annotation: a localized file strips the spaces at a line's ends
    String list_sep();

    @Message
    String step_time();

    // --- Jumps ---

    @Message
    String next_change();

    @Message
    String next_change_short();

    @Message
    String next_segment();

    @Message
    String next_segment_any();

    @Message
    String next_segment_short();

    // --- The event list ---

    @Message
    String events();

    @Message
    String ev_caption();

    @Message
    String ev_filters();

    @Message
    String ev_endpoint();

    @Message
    String ev_flags();

    @Message
    String ev_all();

    @Message
    String ev_any();

    @Message
    String ev_changes_only();

    @Message
    String ev_count();

    @Message
    String ev_step();

    @Message
    String ev_time();

    @Message
    String ev_what();

    @Message
    String ev_state();

    @Message
    String ev_go();

    @Message
    String ev_more();

    // --- Units, a segment in the ladder and its fates ---

    @Message
    String unit_ms();

    @Message
    String unit_s();

    @Message
    String seg_aria();






    @Message
    String retransmission();

    @Message
    String injected();

    // --- The endpoints' panels and their timers ---

    @Message
    String state();

    @Message
    String timers();

    @Message
    String no_timers();

    @Message
    String timer_left();

    @Message
    String syn_queue_of();

    @Message
    String syn_queue_full();

    @Message
    String timer_retransmission();

    @Message
    String timer_time_wait();

    @Message
    String timer_fin_wait_2();

    @Message
    String timer_delayed_ack();

    @Message
    String timer_keepalive();

    @Message
    String timer_reorder();

    @Message
    String timer_loss_probe();

    @Message
    String timer_persist();

    // --- The segment inspector, its fields and TCP options ---

    @Message
    String inspector();

    @Message
    String segment_n();

    @Message
    String no_segment();

    @Message
    String flags();

    @Message
    String seq();

    @Message
    String ack();

    @Message
    String len();

    @Message
    String window();

    @Message
    String window_scaled();

    @Message
    String ecn();

    @Message
    String tcp_options();

    @Message
    String no_options();

    @Message
    String about_flags();

    @Message
    String about_seq();

    @Message
    String about_ack();

    @Message
    String about_len();

    @Message
    String about_window();

    @Message
    String about_ecn();

    @Message
    String opt_nop();

    @Message
    String opt_mss();

    @Message
    String opt_sack_permitted();

    @Message
    String opt_sack();

    @Message
    String opt_timestamps();

    @Message
    String opt_window_scale();

    @Message
    String opt_fast_open();

    @Message
    String about_opt_nop();

    @Message
    String about_opt_mss();

    @Message
    String about_opt_sack_permitted();

    @Message
    String about_opt_sack();

    @Message
    String about_opt_timestamps();

    @Message
    String about_opt_fast_open();

    @Message
    String about_opt_window_scale();

    @Message
    String symbolic_form();

    @Message
    String route();

    @Message
    String sent_at();

    @Message
    String arrives_at();

    @Message
    String copy_arrives_at();

    @Message
    String never();

    @Message
    String fate();

    @Message
    String rule();

    @Message
    String this_step();

    // --- Changing a segment's fate, and the re-run it gives ---

    @Message
    String menu_label();

    @Message
    String drop();

    @Message
    String delay();

    @Message
    String duplicate();

    @Message
    String reject();

    @Message
    String mark_ce();

    @Message
    String cancel();

    @Message
    String injected_no_fault();

    @Message
    String rerun_drop();

    @Message
    String rerun_delay();

    @Message
    String rerun_duplicate();

    @Message
    String rerun_reject();

    @Message
    String rerun_mark_ce();

    @Message
    String fault_which();

    @Message
    String fault_nth();

    @Message
    String fault_after();

    @Message
    String fault_after_field();

    @Message
    String fault_after_hint();

    @Message
    String fault_after_invalid();

    @Message
    String fault_taken();

    @Message
    String drop_them();

    @Message
    String delay_them();

    @Message
    String duplicate_them();

    @Message
    String reject_them();

    @Message
    String mark_ce_them();

    @Message
    String rerun_from_drop();

    @Message
    String rerun_from_delay();

    @Message
    String rerun_from_duplicate();

    @Message
    String rerun_from_reject();

    @Message
    String rerun_from_mark_ce();

    // --- Punctuation and what the screen reader is told of a step ---

    @Message
    String label_value();

    @Message(". ") // in the annotation: a localized file strips the spaces at a line's ends
    String sep();

    @Message
    String reset();

    @Message
    String announce();

    @Message
    String state_change();

    @Message
    String sum_call();

    @Message
    String sum_send();

    @Message
    String sum_arrive();

    @Message
    String sum_drop();

    @Message
    String sum_discard();

    @Message
    String sum_state();

    @Message
    String sum_timer_armed();

    @Message
    String sum_timer_cancelled();

    @Message
    String sum_timer_fired();

    @Message
    String sum_write_waits();

    @Message
    String sum_write_done();

    @Message
    String sum_note();

    @Message
    String sum_deviation();

    @Message
    String sum_race();

    // --- The state diagram's transition labels (RFC 9293 Figure 5) ---

    @Message
    String tr_passive_open();

    @Message
    String tr_active_open();

    @Message
    String tr_close();

    @Message
    String tr_close_or_syn_timeout();

    @Message
    String tr_syn_retries_used_up();

    @Message
    String tr_send();

    @Message
    String tr_syn_syn_ack();

    @Message
    String tr_syn_ack_ack();

    @Message
    String tr_ack_of_syn();

    @Message
    String tr_rst();

    @Message
    String tr_close_fin();

    @Message
    String tr_fin_ack();

    @Message
    String tr_ack_of_fin();

    @Message
    String tr_fin_ack_ack();

    @Message
    String tr_timeout();

    @Message
    String tr_rst_any();

    @Message
    String tr_cookie();

    @Message
    String tr_listener_remains();
}
