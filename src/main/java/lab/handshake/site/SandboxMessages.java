package lab.handshake.site;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The sandbox script's own words (sandbox.js, sandbox-predict.js); anything else it says comes from
 * {@link SimulatorMessages}, whose keys these come before. Served as the simulator's are, by
 * {@link ScriptWordsResource} ({@code /words/sandbox/{lang}}), with the same key rule and [name] placeholders.
 * English in {@code messages/sandbox_en.properties}, Chinese in {@code messages/sandbox_zh.properties}.
 */
@MessageBundle(value = "sandbox", locale = "en")
public interface SandboxMessages {

    @Message
    String sandbox();

    @Message
    String advance();

    @Message
    String undo();

    @Message
    String share();

    @Message
    String share_link();

    @Message
    String copied();

    @Message
    String copy_failed();

    @Message
    String clock();

    @Message
    String next();

    @Message
    String nothing_next();

    @Message
    String mode();

    @Message
    String mode_manual();

    @Message
    String mode_auto();

    @Message
    String mode_step();

    @Message
    String help();

    @Message
    String calls();

    @Message
    String bytes();

    @Message
    String bytes_label();

    @Message
    String reads_on_call();

    @Message
    String reads_hint();

    @Message
    String bad_bytes();

    @Message
    String not_now();

    @Message
    String hint_listen();

    @Message
    String hint_connect();

    @Message
    String hint_send();

    @Message
    String hint_read();

    @Message
    String hint_shutdown();

    @Message
    String hint_close();

    @Message
    String hint_abort();

    @Message
    String call_crash();

    @Message
    String hint_crash();

    @Message
    String hint_cork();

    @Message
    String hint_uncork();

    @Message
    String more();

    @Message
    String more_label();

    @Message
    String in_flight();

    @Message(" ([n])") // in the annotation: a localized file strips the spaces at a line's ends
    String flight_count();

    @Message
    String none_in_flight();

    @Message
    String auto_hint();

    @Message
    String manual_hint();

    @Message
    String route();

    @Message
    String timing();

    @Message
    String do_deliver();

    @Message
    String do_drop();

    @Message
    String do_duplicate();

    @Message
    String do_delay();

    @Message
    String do_mark_ce();

    @Message
    String scheduled();

    @Message
    String scheduled_row();

    @Message
    String in_flight_fate();

    @Message
    String seg_info();

    @Message
    String log();

    @Message
    String log_start();

    @Message
    String log_loaded();

    @Message
    String log_move();

    @Message
    String log_empty();

    @Message
    String no_new_steps();

    @Message
    String move_call();

    @Message
    String move_deliver();

    @Message
    String move_drop();

    @Message
    String move_duplicate();

    @Message
    String move_delay();

    @Message
    String move_mark_ce();

    @Message
    String move_advance();

    @Message
    String undone();

    @Message
    String setup();

    @Message
    String mode_label();

    @Message
    String mode_name_manual();

    @Message
    String mode_name_auto();

    @Message
    String mode_name_step();

    @Message
    String predict_step();

    @Message
    String predict_how();

    @Message
    String predict_nothing();

    @Message
    String predict_off();

    @Message
    String predict_decision_of();

    @Message
    String no_delay();

    @Message
    String no_delay_hint();

    @Message
    String silent();

    @Message
    String silent_none();

    @Message
    String silent_host();

    @Message
    String silent_after();

    @Message
    String silent_hint();

    @Message
    String bad_silent_after();

    // The set-up's TCP settings (tags/tunableSetting.html): those the next session starts with, each removable.
    @Message
    String tunables_chosen();

    @Message
    String tunables_none();

    @Message
    String tunable_both();

    @Message
    String tunable_host();

    @Message
    String tunable_remove();

    @Message
    String tunable_remove_label();

    @Message
    String tunable_added();

    @Message
    String tunable_removed();

    @Message
    String setup_apply();

    @Message
    String setup_done();

    @Message
    String bad_isn();

    @Message
    String injects();

    @Message
    String inject_old_syn();

    @Message
    String inject_forged_rst();

    @Message
    String inject_blind_rst();

    @Message
    String hint_old_syn();

    @Message
    String hint_blind_rst();

    @Message
    String hint_forged_rst();

    @Message
    String inject_spoofed_syn();

    @Message
    String hint_spoofed_syn();

    @Message
    String spoof_count();

    @Message
    String spoof_count_label();

    @Message
    String bad_spoof_count();

    @Message
    String move_spoofed_syn();

    @Message
    String new_sandbox();

    @Message
    String load_failed();

    @Message
    String watching();

    @Message
    String copy();

    @Message
    String task_heading();

    @Message
    String task_open();

    @Message
    String task_met();

    @Message
    String task_met_say();
}
