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

    @Message("Sandbox")
    String nav_sandbox();

    @Message("Sandbox: drive a connection yourself")
    String sandbox_title();

    @Message("Make each application call yourself and decide what the network does with every segment: deliver it, lose it, duplicate it or delay it. Undo any move, and share the link to continue elsewhere.")
    String sandbox_intro();

    @Message("The sandbox needs JavaScript.")
    String sandbox_noscript();

    @Message("Open in the sandbox")
    String sim_open_sandbox();

    @Message("Download (Wireshark, packetdrill, slides)")
    String sim_download();

    @Message("Captures")
    String nav_captures();

    @Message("Your own capture, explained")
    String capture_title();

    @Message("Upload a pcap or pcapng of a TCP connection (from tcpdump or Wireshark; IPv4 or IPv6; Ethernet or Linux cooked capture; up to 256 KB). The engine replays it with the RFC 9293 state machine, shows both endpoints' states step by step, and points out what the captured stack did that a textbook endpoint would not. Nothing is stored.")
    String capture_intro();

    @Message("Capture file")
    String capture_file();

    @Message("Connection number (only if the file holds several)")
    String capture_connection();

    @Message("Explain this capture")
    String capture_submit();

    @Message("Uploading needs JavaScript; without it, POST the file to /api/captures (see the API documentation).")
    String capture_noscript();

    @Message("Quizzes")
    String nav_quizzes();

    @Message("Quizzes")
    String quizzes_title();

    @Message("Test what you understood. Every answer is graded on the server with an explanation, and the numbers in some questions are new every time.")
    String quizzes_intro();

    @Message("{count} questions")
    String quiz_question_count(int count);

    @Message("Question {number}")
    String quiz_question_number(int number);

    @Message("Choose one answer.")
    String quiz_choose_one();

    @Message("Choose every right answer (partial credit).")
    String quiz_choose_many();

    @Message("Put the items in order: choose the item for each position.")
    String quiz_order_help();

    @Message("Position {position}")
    String quiz_position(int position);

    @Message("— choose —")
    String quiz_choose_placeholder();

    @Message("Your answer (a whole number)")
    String quiz_number_label();

    @Message("What happened so far")
    String quiz_context();

    @Message("States now: client {client}, server {server}")
    String quiz_context_states(String client, String server);

    @Message("arrived")
    String quiz_arrived();

    @Message("in flight")
    String quiz_in_flight();

    @Message("Your name (optional, shown to your teacher)")
    String quiz_display_name();

    @Message("Class code (optional, from your teacher)")
    String quiz_class_code();

    @Message("Submit answers")
    String quiz_submit();

    @Message("Result: {score} of {max} ({percent}%)")
    String quiz_result(String score, int max, int percent);

    @Message("Right")
    String quiz_right();

    @Message("Partly right")
    String quiz_partly();

    @Message("Wrong")
    String quiz_wrong();

    @Message("Your answer")
    String quiz_your_answer();

    @Message("Right answer")
    String quiz_right_answer();

    @Message("no answer")
    String quiz_no_answer();

    @Message("Why")
    String quiz_why();

    @Message("Read the lesson")
    String quiz_read_lesson();

    @Message("Watch it in the simulator")
    String quiz_see_simulation();

    @Message("Try this quiz again")
    String quiz_again();

    @Message("Quizzes for this lesson")
    String lesson_quizzes();

    @Message("My progress")
    String progress_title();

    @Message("Your submitted attempts on this browser. No account is needed: an anonymous identity is kept in a cookie.")
    String progress_intro();

    @Message("No attempt yet.")
    String progress_none();

    @Message("Quiz")
    String progress_quiz();

    @Message("Score")
    String progress_score();

    @Message("Submitted")
    String progress_when();

    @Message("Teacher login")
    String teacher_login();

    @Message("The username or the password is wrong.")
    String teacher_login_failed();

    @Message("Username")
    String teacher_username();

    @Message("Password")
    String teacher_password();

    @Message("Students need no account: lessons, simulations, the sandbox and quizzes are open to everyone.")
    String teacher_students_no_account();

    @Message("Teacher")
    String teacher_title();

    @Message("Signed in as {name}.")
    String teacher_signed_in(String name);

    @Message("Log out")
    String teacher_logout();

    @Message("Accounts")
    String teacher_accounts();

    @Message("Classes")
    String teacher_classes();

    @Message("Class code")
    String teacher_class_code();

    @Message("Attempts")
    String teacher_attempts();

    @Message("Average")
    String teacher_average();

    @Message("No class has submitted a quiz yet. Give your students a class code to enter with their answers.")
    String teacher_no_classes();

    @Message("Class {code}")
    String teacher_class_title(String code);

    @Message("Download as CSV")
    String teacher_csv();

    @Message("Question")
    String teacher_question();

    @Message("Right")
    String teacher_right();

    @Message("Most chosen wrong answer")
    String teacher_most_wrong();

    @Message("Display name")
    String teacher_display_name();

    @Message("Roles")
    String teacher_roles();

    @Message("Add a teacher")
    String teacher_add();
}
