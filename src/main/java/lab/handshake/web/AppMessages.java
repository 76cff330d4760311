package lab.handshake.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the pages, English here and Chinese in {@code messages/msg_zh.properties}. Templates use
 * them as {@code {msg:nav_lessons}}.
 */
@MessageBundle
public interface AppMessages {
    @Message("Handshake Lab")
    String site_name();

    @Message("How a TCP connection opens and closes, segment by segment")
    String site_tagline();

    @Message("Skip to content")
    String skip_to_content();

    @Message("Main navigation")
    String nav_label();

    @Message("Lessons")
    String nav_lessons();

    @Message("Simulations")
    String nav_simulations();

    @Message("API")
    String nav_api();

    @Message("Language")
    String language_label();

    @Message("中文")
    String other_language_name();

    @Message("Read this page in Chinese")
    String other_language_title();

    @Message("Learn how TCP opens a connection with three segments and closes it with four, why it takes exactly that many, and why the side that closes first waits 2MSL in TIME_WAIT. Every lesson is built on a simulation of RFC 9293 that you can step through, break and re-run, next to what Linux really does.")
    String home_intro();

    @Message("Lessons, in order")
    String home_lessons();

    @Message("Every simulation")
    String home_simulations();

    @Message("Lesson {order}")
    String lesson_number(int order);

    @Message("On this page")
    String lesson_contents();

    @Message("Previous lesson")
    String lesson_previous();

    @Message("Next lesson")
    String lesson_next();

    @Message("Simulations in this lesson")
    String lesson_simulations();

    @Message("Common misconception")
    String callout_misconception();

    @Message("On Linux")
    String callout_linux();

    @Message("Note")
    String callout_note();

    @Message("Open in the simulator")
    String sim_open();

    @Message("Segments of this simulation (a table for readers without JavaScript)")
    String sim_fallback_caption();

    @Message("Time (ms)")
    String sim_col_time();

    @Message("From → to")
    String sim_col_direction();

    @Message("Segment")
    String sim_col_segment();

    @Message("What happened")
    String sim_col_fate();

    @Message("Final states")
    String sim_final_states();

    @Message("Lessons that use this simulation")
    String sim_lessons();

    @Message("No simulation called “{id}” exists.")
    String sim_missing(String id);

    @Message("Page not found")
    String not_found_title();

    @Message("There is no page at this address. The lessons and the simulations are listed on the home page.")
    String not_found_text();

    @Message("Back to the home page")
    String not_found_home();

    @Message("The simulation needs JavaScript; the table below lists its segments.")
    String sim_noscript();
}
