package lab.handshake.site;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the simulator's script (simulator.js and the views it draws; the sandbox takes them too), served
 * to the browser once per language as JSON by {@link ScriptWordsResource} ({@code /words/simulator/{lang}}), not pasted into every page that
 * embeds a simulator. A script's key names its method: camelCase becomes snake_case and dots and dashes become
 * underscores ({@code ep.client} is {@link #ep_client}, {@code nextChangeShort} is {@link #next_change_short}), a
 * rule applied in one place, {@code wordKey} in i18n.js. Placeholders in square brackets ([n], [ep]) are filled
 * in by the script (braces would be Qute's own). English here, Chinese in {@code messages/simulator_zh.properties}.
 */
@MessageBundle("simulator")
public interface SimulatorMessages {

    // --- Playback and options ---

    @Message("First step")
    String first();

    @Message("Previous step")
    String prev();

    @Message("Next step")
    String next();

    @Message("Last step")
    String last();

    @Message("Play")
    String play();

    @Message("Pause")
    String pause();

    @Message("Speed")
    String speed();

    @Message("Previous")
    String prev_short();

    @Message("Next")
    String next_short();

    @Message("Step [n] / [total]")
    String counter();

    @Message("Symbolic numbers (J, K, u, v, w, X)")
    String symbolic();

    @Message("Profile")
    String profile();

    @Message("Client ISN")
    String client_isn();

    @Message("Server ISN")
    String server_isn();

    @Message("Playback")
    String playback();

    @Message("Simulation options")
    String options();

    // --- Why a simulation could not be shown ---

    @Message("The simulation could not be run: [detail]")
    String load_failed();

    @Message("the server did not answer.")
    String no_answer();

    @Message("the server is running too many simulations right now; try again in a moment.")
    String busy();

    @Message("you have asked for too many simulations; wait a minute and try again.")
    String too_many();

    // --- The ladder and the state diagram ---

    @Message("Sequence diagram, time flows down")
    String ladder_title();

    @Message("TCP state diagram (RFC 9293)")
    String diagram_title();

    @Message("Last transition, [ep]: [from] → [to]")
    String diagram_taken();

    @Message("Client")
    String ep_client();

    @Message("Server")
    String ep_server();

    @Message("Attacker")
    String ep_attacker();

    @Message("Network")
    String ep_network();

    @Message("the [ep]")
    String the();

    @Message("C")
    String badge_client();

    @Message("S")
    String badge_server();

    @Message("… [time] …")
    String gap();

    @Message("▸ Spoofed sources ([n])")
    String band();

    @Message("▾ Spoofed sources ([n])")
    String band_open();

    @Message("[n]× [flags]")
    String band_kind();

    @Message("[n]× [flags] ✕ lost")
    String band_kind_lost();

    @Message("[title] [kinds], [from]–[to]. Enter unfolds or folds it.")
    String band_aria();

    @Message(", ")
    String list_sep();

    @Message("Time [time]")
    String step_time();

    // --- Jumps ---

    @Message("Next state change")
    String next_change();

    @Message("State change »")
    String next_change_short();

    @Message("Next segment of this connection ([a] ↔ [b])")
    String next_segment();

    @Message("Next segment of this connection")
    String next_segment_any();

    @Message("Segment »")
    String next_segment_short();

    // --- The event list ---

    @Message("Event list")
    String events();

    @Message("Every step; its number moves the simulator there.")
    String ev_caption();

    @Message("Filter the events")
    String ev_filters();

    @Message("Endpoint")
    String ev_endpoint();

    @Message("Flags")
    String ev_flags();

    @Message("all")
    String ev_all();

    @Message("any")
    String ev_any();

    @Message("State changes only")
    String ev_changes_only();

    @Message("[n] of [total] steps")
    String ev_count();

    @Message("Step")
    String ev_step();

    @Message("Time")
    String ev_time();

    @Message("Event")
    String ev_what();

    @Message("State change")
    String ev_state();

    @Message("Go to step [n]")
    String ev_go();

    @Message("Show [n] more")
    String ev_more();

    // --- Units, a segment in the ladder and its fates ---

    @Message("ms")
    String unit_ms();

    @Message("s")
    String unit_s();

    @Message("Segment [id], [from] to [to]: [label], [fate]")
    String seg_aria();

    @Message("delivered")
    String fate_delivered();

    @Message("lost")
    String fate_lost();

    @Message("duplicated")
    String fate_duplicated();

    @Message("held")
    String fate_held();

    @Message("delayed")
    String fate_delayed();

    @Message("retransmission")
    String retransmission();

    @Message("injected")
    String injected();

    // --- The endpoints' panels and their timers ---

    @Message("State")
    String state();

    @Message("Timers")
    String timers();

    @Message("no timer running")
    String no_timers();

    @Message("[kind] [time] left")
    String timer_left();

    @Message("SYN queue: [n] half-open")
    String syn_queue();

    @Message("retransmission")
    String timer_retransmission();

    @Message("TIME-WAIT")
    String timer_time_wait();

    @Message("FIN-WAIT-2")
    String timer_fin_wait_2();

    @Message("delayed ACK")
    String timer_delayed_ack();

    @Message("keep-alive")
    String timer_keepalive();

    // --- The segment inspector, its fields and TCP options ---

    @Message("Inspector")
    String inspector();

    @Message("Segment [id]")
    String segment_n();

    @Message("No segment in this step; select one in the diagram.")
    String no_segment();

    @Message("Flags")
    String flags();

    @Message("Seq")
    String seq();

    @Message("Ack")
    String ack();

    @Message("Len")
    String len();

    @Message("Window")
    String window();

    @Message("[raw] × [factor] = [scaled]")
    String window_scaled();

    @Message("Options")
    String tcp_options();

    @Message("none")
    String no_options();

    @Message("Control bits: SYN opens, ACK says the Ack field counts, FIN closes one direction, RST aborts.")
    String about_flags();

    @Message("Number of the first byte (or of the SYN/FIN) in this segment.")
    String about_seq();

    @Message("The next sequence number the sender expects from its peer.")
    String about_ack();

    @Message("Bytes of data carried; SYN and FIN each take one sequence number more.")
    String about_len();

    @Message("How many more bytes the sender can receive now; after the SYNs, scaled by its window-scale shift.")
    String about_window();

    @Message("NOP")
    String opt_nop();

    @Message("MSS: [value] bytes")
    String opt_mss();

    @Message("SACK permitted")
    String opt_sack_permitted();

    @Message("Timestamps: TSval [tsVal], TSecr [tsEcr]")
    String opt_timestamps();

    @Message("Window scale: [value] (× [factor])")
    String opt_window_scale();

    @Message("Padding, so that the next option starts on a 4-byte boundary.")
    String about_opt_nop();

    @Message("The largest segment payload the sender can receive (RFC 9293 §3.7.1); sent only on a SYN.")
    String about_opt_mss();

    @Message("The sender understands selective acknowledgements (RFC 2018); used only if both SYNs carry it.")
    String about_opt_sack_permitted();

    @Message("TSval is the sender's clock; TSecr echoes the peer's latest TSval. They measure round trips and reject old duplicates (PAWS, RFC 7323).")
    String about_opt_timestamps();

    @Message("The sender's later window fields are multiplied by 2 to this power (RFC 7323); used only if both SYNs carry it.")
    String about_opt_window_scale();

    @Message("Symbolic")
    String symbolic_form();

    @Message("From → to")
    String route();

    @Message("Sent at")
    String sent_at();

    @Message("Arrives at")
    String arrives_at();

    @Message("Copy arrives at")
    String copy_arrives_at();

    @Message("never")
    String never();

    @Message("Fate")
    String fate();

    @Message("Rule")
    String rule();

    @Message("This step")
    String this_step();

    // --- Changing a segment's fate, and the re-run it gives ---

    @Message("What should the network do with segment [id]?")
    String menu_label();

    @Message("Lose this segment")
    String drop();

    @Message("Delay by 500 ms")
    String delay();

    @Message("Duplicate it")
    String duplicate();

    @Message("Cancel")
    String cancel();

    @Message("Injected segments cannot be changed.")
    String injected_no_fault();

    @Message("Re-run with segment [id] lost")
    String rerun_drop();

    @Message("Re-run with segment [id] delayed by 500 ms")
    String rerun_delay();

    @Message("Re-run with segment [id] duplicated")
    String rerun_duplicate();

    // --- Punctuation and what the screen reader is told of a step ---

    @Message("[label]: [value]")
    String label_value();

    @Message(". ")
    String sep();

    @Message("Reset")
    String reset();

    @Message("Step [n] of [total], [time]: [summary]")
    String announce();

    @Message("[ep]: [from] → [to].")
    String state_change();

    @Message("[The] calls [detail].")
    String sum_call();

    @Message("[The] sends [flags].")
    String sum_send();

    @Message("[flags] arrives at [the].")
    String sum_arrive();

    @Message("The network loses [flags].")
    String sum_drop();

    @Message("[The] discards a segment.")
    String sum_discard();

    @Message("[The] changes state.")
    String sum_state();

    @Message("[The] starts its [timer] timer.")
    String sum_timer_armed();

    @Message("[The] stops its [timer] timer.")
    String sum_timer_cancelled();

    @Message("The [timer] timer of [the] expires.")
    String sum_timer_fired();

    @Message("What the capture tells of [the].")
    String sum_note();

    @Message("[The] departs from the profile.")
    String sum_deviation();

    @Message("[The] took the other order of a timer race.")
    String sum_race();

    // --- The state diagram's transition labels (RFC 9293 Figure 5) ---

    @Message("passive OPEN")
    String tr_passive_open();

    @Message("active OPEN / snd SYN")
    String tr_active_open();

    @Message("CLOSE")
    String tr_close();

    @Message("CLOSE / or timeout")
    String tr_close_or_syn_timeout();

    @Message("timeout")
    String tr_syn_retries_used_up();

    @Message("SEND / snd SYN")
    String tr_send();

    @Message("rcv SYN / snd SYN,ACK")
    String tr_syn_syn_ack();

    @Message("rcv SYN,ACK / snd ACK")
    String tr_syn_ack_ack();

    @Message("rcv ACK of SYN")
    String tr_ack_of_syn();

    @Message("rcv RST")
    String tr_rst();

    @Message("CLOSE / snd FIN")
    String tr_close_fin();

    @Message("rcv FIN / snd ACK")
    String tr_fin_ack();

    @Message("rcv ACK of FIN")
    String tr_ack_of_fin();

    @Message("rcv FIN,ACK / snd ACK")
    String tr_fin_ack_ack();

    @Message("timeout 2MSL")
    String tr_timeout();

    @Message("RST")
    String tr_rst_any();

    @Message("rcv ACK (SYN cookie)")
    String tr_cookie();
}
