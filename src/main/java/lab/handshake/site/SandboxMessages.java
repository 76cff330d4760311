package lab.handshake.site;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The sandbox script's own words (sandbox.js, sandbox-predict.js); anything else it says comes from
 * {@link SimulatorMessages}, whose keys these come before. Served as the simulator's are, by
 * {@link ScriptWordsResource} ({@code /words/sandbox/{lang}}), with the same key rule and [name] placeholders.
 * English here, Chinese in {@code messages/sandbox_zh.properties}.
 */
@MessageBundle("sandbox")
public interface SandboxMessages {

    @Message("Sandbox controls")
    String sandbox();

    @Message("Advance to next event")
    String advance();

    @Message("Undo")
    String undo();

    @Message("Copy share link")
    String share();

    @Message("Share link")
    String share_link();

    @Message("Link copied")
    String copied();

    @Message("Could not copy: the link is selected below.")
    String copy_failed();

    @Message("Virtual time: [now]")
    String clock();

    @Message("next event at [at]")
    String next();

    @Message("nothing scheduled")
    String nothing_next();

    @Message("Mode: [mode]")
    String mode();

    @Message("manual, you decide what happens to each segment")
    String mode_manual();

    @Message("automatic, the network delivers every segment")
    String mode_auto();

    @Message("step by step, the network delivers every segment and each advance shows the next event")
    String mode_step();

    @Message("Keys, when not typing in a field: A advance, U undo; Tab moves between controls.")
    String help();

    @Message("[ep]: application calls")
    String calls();

    @Message("bytes")
    String bytes();

    @Message("Bytes for send() or read() by the [ep]")
    String bytes_label();

    @Message("reads only when it calls read()")
    String reads_on_call();

    @Message("Received data waits, filling the window, until read(); set it before the first move (changing it starts a new session).")
    String reads_hint();

    @Message("send() and read() need a whole number of bytes from 1 to 65535.")
    String bad_bytes();

    @Message("[call] is not possible now: the [ep] is in [state].")
    String not_now();

    @Message("Passive OPEN: wait for a connection")
    String hint_listen();

    @Message("Active OPEN: send a SYN")
    String hint_connect();

    @Message("Send this many bytes of data")
    String hint_send();

    @Message("Read up to this many received bytes (only when this host reads on its own calls)")
    String hint_read();

    @Message("Half-close: stop sending (FIN) but keep receiving")
    String hint_shutdown();

    @Message("Close the connection: send a FIN")
    String hint_close();

    @Message("Abort: send a RST and drop the connection")
    String hint_abort();

    @Message("crash")
    String call_crash();

    @Message("The host crashes and forgets every connection, sending nothing")
    String hint_crash();

    @Message("Segments in flight")
    String in_flight();

    @Message(" ([n])")
    String flight_count();

    @Message("No segment is waiting in the network.")
    String none_in_flight();

    @Message("Automatic mode: the network delivers every segment itself, so this list is usually empty.")
    String auto_hint();

    @Message("Decide what the network does with each segment.")
    String manual_hint();

    @Message("[from] → [to]")
    String route();

    @Message("(sent at [sent], due at [due])")
    String timing();

    @Message("Deliver")
    String do_deliver();

    @Message("Drop")
    String do_drop();

    @Message("Duplicate")
    String do_duplicate();

    @Message("Delay ([ms] ms)")
    String do_delay();

    @Message("On their way by themselves")
    String scheduled();

    @Message("Segment [id] ([label]), [route]: arrives at [at]")
    String scheduled_row();

    @Message("in flight")
    String in_flight_fate();

    @Message("Segment [id]: [label], [fate].")
    String seg_info();

    @Message("Step log, newest move first")
    String log();

    @Message("Before your first move")
    String log_start();

    @Message("Earlier in this session")
    String log_loaded();

    @Message("Move [n]: [move]")
    String log_move();

    @Message("Nothing yet: try listen() on the server, then connect() on the client.")
    String log_empty();

    @Message("[move]: nothing happened.")
    String no_new_steps();

    @Message("[ep]: [call]")
    String move_call();

    @Message("Deliver segment [segment]")
    String move_deliver();

    @Message("Drop segment [segment]")
    String move_drop();

    @Message("Duplicate segment [segment]")
    String move_duplicate();

    @Message("Delay segment [segment] by [ms] ms")
    String move_delay();

    @Message("Advance to the next event")
    String move_advance();

    @Message("Undone: [move]. Virtual time: [now].")
    String undone();

    @Message("Set-up of this session")
    String setup();

    @Message("Mode")
    String mode_label();

    @Message("manual")
    String mode_name_manual();

    @Message("automatic")
    String mode_name_auto();

    @Message("step by step")
    String mode_name_step();

    @Message("Predict mode asks before every event, so a new session started in the step-by-step mode.")
    String predict_step();

    @Message("Make a call, inject a segment or advance: before it takes effect you are asked what happens next.")
    String predict_how();

    @Message("[move]: no endpoint decides anything, so there is nothing to predict.")
    String predict_nothing();

    @Message("Predict mode is off: it asks only in the step-by-step mode. Turn it on again to start a step-by-step session.")
    String predict_off();

    @Message("Start again with these settings")
    String setup_apply();

    @Message("A new session started: [profile], [mode].")
    String setup_done();

    @Message("The [ep] ISN must be a whole number from 0 to 4294967295.")
    String bad_isn();

    @Message("Inject a segment")
    String injects();

    @Message("Old duplicate SYN, [from] → [to]")
    String inject_old_syn();

    @Message("Forged RST, [from] → [to]")
    String inject_forged_rst();

    @Message("Blind RST (in the window, not exact), [from] → [to]")
    String inject_blind_rst();

    @Message("A SYN from an earlier connection, held up in the network, arrives now (RFC 9293 Figure 8)")
    String hint_old_syn();

    @Message("A RST whose sequence number is inside the receiver's window but not exactly the next one: answered with a challenge ACK (RFC 5961)")
    String hint_blind_rst();

    @Message("A RST an attacker forged with the exact sequence number the receiver expects next")
    String hint_forged_rst();

    @Message("Start a new sandbox")
    String new_sandbox();

    @Message("The sandbox could not be loaded: [detail]")
    String load_failed();

    @Message("You are watching a session someone else started: only they can make moves or undo them. Make your own copy to continue it yourself.")
    String watching();

    @Message("Make my own copy")
    String copy();
}
