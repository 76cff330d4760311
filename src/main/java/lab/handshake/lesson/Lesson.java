package lab.handshake.lesson;

import java.util.List;

/**
 * One lesson in one language, as its Markdown file says: the front matter and the body.
 *
 * @param scenarios the simulations the lesson embeds, in the order it shows them
 * @param quizzes   the quizzes that test it
 */
public record Lesson(String id, String language, int order, String title, String summary, List<String> scenarios,
                     List<String> quizzes, String markdown) {
}
