package lab.handshake.quiz;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import lab.handshake.engine.Language;

/**
 * A quiz for import into an LMS: Moodle XML (every kind, numeric questions as calculated questions whose
 * formula is the engine's answer written against {clientIsn} and {serverIsn}) and GIFT (numeric questions
 * as numerical ones with one generated instance, ordering as matching). Each kind gives its Moodle question as
 * data ({@link MoodleQuestion}) and the Qute template {@code QuizExporter/moodle.xml} writes the document, escaping
 * every text as XML; GIFT is written line by line.
 */
@ApplicationScoped
public class QuizExporter {
    /** The instance a GIFT export (which has no formulas) and a Moodle dataset start from. */
    private static final long EXPORT_SEED = 9293;

    private final QuestionGenerator generator;

    public QuizExporter(QuestionGenerator generator) {
        this.generator = generator;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance moodle(String title, List<MoodleQuestion> questions);
    }

    public String moodleXml(QuizModel.Quiz quiz, Language language) {
        Export export = new Export(language, generator);
        List<MoodleQuestion> questions = quiz.questions().stream().map(q -> Question.of(q).moodle(export)).toList();
        return Templates.moodle(export.text(quiz.title()), questions).render();
    }

    /** The formula of a numeric answer: the engine's answer written against the ISN it counts from, modulo 2^32. */
    static String formula(QuestionGenerator.Isns isns, long answer) {
        long fromClient = Math.floorMod(answer - isns.clientIsn(), 1L << 32);
        long fromServer = Math.floorMod(answer - isns.serverIsn(), 1L << 32);
        return fromClient <= fromServer
                ? "fmod({clientIsn} + " + fromClient + ", 4294967296)"
                : "fmod({serverIsn} + " + fromServer + ", 4294967296)";
    }

    public String gift(QuizModel.Quiz quiz, Language language) {
        Lines gift = new Lines(language, generator);
        gift.append("// ").append(gift.text(quiz.title())).append(" (Handshake Lab)\n");
        gift.append("$CATEGORY: $course$/Handshake Lab/").append(gift.text(quiz.title())).append("\n\n");
        for (QuizModel.Question q : quiz.questions()) {
            Question.of(q).gift(gift);
        }
        return gift.toString();
    }

    /**
     * An export being made: the language, and the engine with the generator of the instances numeric questions
     * are shown with (the same for every export of a quiz, since each question draws from it in turn).
     */
    public static class Export {
        private final Language language;
        private final QuestionGenerator generator;
        private final SplittableRandom random = new SplittableRandom(EXPORT_SEED);

        Export(Language language, QuestionGenerator generator) {
            this.language = language;
            this.generator = generator;
        }

        public Language language() {
            return language;
        }

        public QuestionGenerator generator() {
            return generator;
        }

        public SplittableRandom random() {
            return random;
        }

        public String text(Map<String, String> texts) {
            return QuizModel.text(texts, language.code());
        }

        /** The situation a next-state question starts from, written out, since an LMS cannot show the trace. */
        public String contextText(QuizModel.Generate generate) {
            QuestionGenerator.Context context = generator.nextStateContext(generate, language);
            StringJoiner segments = new StringJoiner("; ");
            for (QuestionGenerator.ContextSegment s : context.segments()) {
                segments.add(s.from() + "→" + s.to() + " " + String.join(",", s.flags()) + " seq=" + s.seq()
                        + (s.ack() == null ? "" : " ack=" + s.ack()));
            }
            return " [" + QuizGrader.words(language).export_segments_so_far(segments.toString()) + "]";
        }
    }

    /** A GIFT export being written, as each kind of question adds its lines to it. */
    public static final class Lines extends Export {
        private final StringBuilder out = new StringBuilder();

        Lines(Language language, QuestionGenerator generator) {
            super(language, generator);
        }

        public Lines append(String text) {
            out.append(text);
            return this;
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }

    /** Moodle's grade fractions to five decimals (33.33333, -50). */
    static String percent(double value) {
        String text = String.format(Locale.ROOT, "%.5f", value);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    /** GIFT's special characters are escaped with a backslash. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.replace("\n", " ").toCharArray()) {
            if ("~=#{}:\\".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
