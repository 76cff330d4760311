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

    @Message("Make each application call yourself and decide what the network does with every segment: deliver it, lose it, duplicate it or delay it. Undo any move, and share the link: others can watch your session and continue in their own copy.")
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

    @Message("Upload a pcap or pcapng of a TCP connection (from tcpdump or Wireshark; IPv4 or IPv6; Ethernet or Linux cooked capture; up to 256 KB). The engine replays it with the Linux state machine (or, if you switch the profile, the RFC 9293 one), shows both endpoints' states step by step, says which segments the capture shows were lost, and points out what the captured stack did that the profile would not. Nothing is stored.")
    String capture_intro();

    @Message("Capture file")
    String capture_file();

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

    @Message("You have no class yet. Create one and give your students its join code.")
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

    @Message("Your lessons, quizzes and scenarios")
    String author_title();

    @Message("Written by teachers")
    String author_yours();

    @Message("No teacher has written anything yet. Start a new item below, or adapt one of the built-in curriculum.")
    String author_none();

    @Message("Kind")
    String author_kind();

    @Message("Lesson")
    String author_kind_lesson();

    @Message("Quiz")
    String author_kind_quiz();

    @Message("Scenario")
    String author_kind_scenario();

    @Message("Id")
    String author_id();

    @Message("Lower-case letters, digits and '-'; it becomes the address (/lessons/<id>) and never changes.")
    String author_id_help();

    @Message("Language")
    String author_language();

    @Message("Language (lessons only)")
    String author_lesson_language();

    @Message("Status")
    String author_status();

    @Message("Draft (teachers only)")
    String author_status_draft();

    @Message("Published")
    String author_status_published();

    @Message("Published, with unpublished changes")
    String author_status_changed();

    @Message("Revision")
    String author_revision();

    @Message("Last change")
    String author_last_change();

    @Message("Start a new item")
    String author_new();

    @Message("Create draft")
    String author_create();

    @Message("Export and import")
    String author_transfer();

    @Message("The export is a zip of files laid out like the content/ folder (lessons/zh/NN-id.md, quizzes/id.yaml, scenarios/id.yaml), ready to keep in git. Importing it adds each file as a new revision; nothing is overwritten without a trace.")
    String author_transfer_help();

    @Message("Download all teacher content (zip)")
    String author_export();

    @Message("Zip archive")
    String author_archive();

    @Message("Publish every imported file that has no problems")
    String author_import_publish();

    @Message("Import")
    String author_import();

    @Message("Import report")
    String author_import_report();

    @Message("File")
    String author_file();

    @Message("Outcome")
    String author_outcome();

    @Message("Detail")
    String author_detail();

    @Message("Back to the content list")
    String author_back_to_list();

    @Message("Built-in curriculum")
    String author_builtin();

    @Message("Adapt a built-in lesson or quiz: your published version replaces it for students. A built-in scenario is copied under a new id, because built-in lessons and quizzes depend on it.")
    String author_builtin_help();

    @Message("Title")
    String author_item_title();

    @Message("Start from it")
    String author_start_from();

    @Message("Adapt")
    String author_adapt();

    @Message("New id")
    String author_new_id();

    @Message("Copy")
    String author_copy();

    @Message("published: revision {number}")
    String author_published_revision(int number);

    @Message("History")
    String author_history();

    @Message("Open the public page")
    String author_public_page();

    @Message("Draft saved.")
    String author_saved();

    @Message("Published: students see this version now.")
    String author_published_now();

    @Message("The older text is the draft again (as a new revision). Publish it to show it to students.")
    String author_restored();

    @Message("Problems to fix before publishing")
    String author_problems();

    @Message("Lesson (Markdown with front matter)")
    String author_text_lesson();

    @Message("Quiz bank (YAML, every text in English and Chinese)")
    String author_text_quiz();

    @Message("Scenario specification (YAML)")
    String author_text_scenario();

    @Message("Ctrl+S saves the draft. The preview follows your typing.")
    String author_shortcuts();

    @Message("Preview")
    String author_preview_button();

    @Message("Run")
    String author_run();

    @Message("Save draft")
    String author_save();

    @Message("Save and publish")
    String author_publish();

    @Message("Preview")
    String author_preview();

    @Message("Trace")
    String author_trace();

    @Message("As students will see it, sanitised exactly like the published page.")
    String author_preview_help();

    @Message("Run the specification in the engine to see its trace before you save it.")
    String author_run_help();

    @Message("Question kinds")
    String author_question_kinds();

    @Message("One example of each kind of question; insert one at the end of the question list and change it.")
    String author_question_kinds_help();

    @Message("Insert a {kind} question")
    String author_insert(String kind);

    @Message("Generated from a fresh run of {scenario}.")
    String author_generated_from(String scenario);

    @Message("History of {id}")
    String author_history_of(String id);

    @Message("Every save is kept. Restoring an older revision makes its text the draft again, as a new revision, so nothing in between is lost.")
    String author_history_help();

    @Message("Action")
    String author_action();

    @Message("By")
    String author_saved_by();

    @Message("When")
    String author_saved_at();

    @Message("current draft")
    String author_current_draft();

    @Message("Restore")
    String author_restore();

    @Message("Restore revision {number}")
    String author_restore_label(int number);

    @Message("Revision {number} of {id}")
    String author_revision_of(int number, String id);

    @Message("Lessons, quizzes and scenarios")
    String teacher_content();

    @Message("Withdrawn: students no longer see this item (a built-in one it replaced is back). The draft is kept.")
    String author_withdrawn();

    @Message("Withdraw from students")
    String author_withdraw();

    @Message("The draft and its history stay; publish again at any time.")
    String author_withdraw_help();

    @Message("English and Chinese")
    String author_both_languages();

    @Message("created")
    String author_action_create();

    @Message("saved")
    String author_action_save();

    @Message("restored an older revision")
    String author_action_restore();

    @Message("imported")
    String author_action_import();

    @Message("Open this lesson in the other language")
    String author_other_language_open();

    @Message("Write this lesson in the other language too")
    String author_other_language_start();

    @Message("Edit as text (YAML) with preview")
    String author_as_text();

    @Message("Every text in English and Chinese. To add an option or an ordering item, fill the empty row under the question; to take a question out, tick “Remove” and save.")
    String author_form_help();

    @Message("The quiz")
    String author_quiz_about();

    @Message("Title")
    String author_field_title();

    @Message("Topic")
    String author_field_topic();

    @Message("Lesson it tests (id)")
    String author_field_lesson();

    @Message("Question")
    String author_field_prompt();

    @Message("Scenario")
    String author_field_scenario();


    @Message("New option (leave empty if not needed)")
    String author_new_option();

    @Message("right answer")
    String author_field_correct();

    @Message("Option text")
    String author_field_option();

    @Message("Explanation")
    String author_field_why();

    @Message("List the items in the right order; students see them shuffled. The last row is empty for adding one.")
    String author_ordering_help();

    @Message("Item {number}")
    String author_field_item(int number);

    @Message("Segment (1-based, in sending order)")
    String author_field_segment();

    @Message("Field asked for")
    String author_field_field();

    @Message("Initial sequence numbers near 2^32, so the answer wraps around")
    String author_field_wrap();

    @Message("Endpoint")
    String author_field_endpoint();

    @Message("Which of its state changes (1-based)")
    String author_field_change();

    @Message("States to choose from (students see them in state-machine order)")
    String author_field_choices();

    @Message("Remove this question")
    String author_remove_question();

    @Message("Kind of new question")
    String author_new_question_kind();

    @Message("Add a question")
    String author_add_question();

    @Message("Edit as a form")
    String author_as_form();

    @Message("Simulation to watch after answering")
    String author_field_watch();

    @Message("Generated from the scenario")
    String author_field_generated_from();

    @Message("The newer text, saved by {name} (revision {number}), to merge your change into")
    String author_newer_text(String name, int number);

    @Message("{name} changed this item at {time} (now revision {number}) after you opened it, so your change was not saved. Copy your text from the box, open the item again and merge your change into the newer text.")
    String author_conflict(String name, String time, int number);

    @Message("What restoring revision {number} would change in the current draft")
    String author_diff_title(int number);

    @Message("added")
    String author_diff_added();

    @Message("removed")
    String author_diff_removed();

    @Message("This revision's text is the same as the current draft.")
    String author_diff_none();

    @Message("The whole text of revision {number}")
    String author_full_text(int number);

    @Message("Your text is saved as the draft, but it is not published: fix the problems listed below first.")
    String author_not_published();

    @Message("Not for your account")
    String error_forbidden_title();

    @Message("This page is for administrators. Ask one if you need it.")
    String error_forbidden_text();

    @Message("The request was refused ({status})")
    String error_title(int status);

    // --- Refusals before the application reads a request (issue 12, inputs) ---

    @Message("The request is larger than this site accepts. Send a smaller file or a shorter text.")
    String error_too_large_text();

    @Message("The request could not be accepted. Check what you sent and try again.")
    String error_refused_text();

    // --- Load limits (issue 12): refusals that pass with time ---

    @Message("Too many requests")
    String error_too_many_title();

    @Message("You have asked for this too often from your address. Please wait {seconds} seconds and try again.")
    String error_too_many_text(String seconds);

    @Message("The server is busy")
    String error_busy_title();

    @Message("Too many simulations are running right now. Please try again in {seconds} seconds.")
    String error_busy_text(String seconds);

    // --- Form tokens bound to the login (issue 12) ---

    @Message("The form has expired")
    String error_form_token_title();

    @Message("This form was opened before you signed in or out, or in another login, so it was not sent. Go back, reload the page and send it again.")
    String error_form_token_text();

    // --- A lesson written in one language only (issue 16) ---

    @Message("This lesson has been written in Chinese only, so it is shown in Chinese.")
    String lesson_other_language();
}
