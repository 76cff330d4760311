package lab.handshake.quiz;

import java.util.List;

/**
 * One question of a Moodle XML export, as data: its name, prompt and general feedback (null for none), and exactly
 * one of the parts a kind has (a choice, a calculated question or an ordering). The template
 * {@code QuizExporter/moodle.xml} writes it, escaping every text.
 */
public record MoodleQuestion(String name, String prompt, String generalFeedback, Choice choice, Calculated calculated,
                             Ordering ordering) {

    /** A multichoice answer: its grade already written as Moodle's percent (33.33333), its text and feedback. */
    public record Answer(String fraction, String text, String feedback) {
    }

    /** A multichoice question: one answer or several may be right, shown shuffled. */
    public record Choice(boolean single, List<Answer> answers) {
    }

    /** A calculated question's dataset: a variable of the formula with the one value its instance has. */
    public record Dataset(String name, long value) {
    }

    /** A calculated question: the right answer as a formula of the datasets, with its feedback. */
    public record Calculated(String formula, String feedback, List<Dataset> datasets) {
    }

    /** An ordering question: its items in the right order (each graded by its absolute position). */
    public record Ordering(List<String> items) {
    }

    static MoodleQuestion choice(String name, String prompt, Choice choice) {
        return new MoodleQuestion(name, prompt, null, choice, null, null);
    }

    static MoodleQuestion calculated(String name, String prompt, Calculated calculated) {
        return new MoodleQuestion(name, prompt, calculated.feedback(), null, calculated, null);
    }

    static MoodleQuestion ordering(String name, String prompt, String generalFeedback, Ordering ordering) {
        return new MoodleQuestion(name, prompt, generalFeedback, null, null, ordering);
    }

    /** Moodle's question type. */
    public String type() {
        return choice != null ? "multichoice" : calculated != null ? "calculated" : "ordering";
    }
}
