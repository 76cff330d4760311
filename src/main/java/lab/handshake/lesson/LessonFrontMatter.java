package lab.handshake.lesson;

import java.util.List;

/** The YAML between the two {@code ---} lines at the top of a lesson file. */
record LessonFrontMatter(String id, Integer order, String title, String summary, List<String> scenarios, List<String> quizzes) {
}
