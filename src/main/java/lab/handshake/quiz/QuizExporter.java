package lab.handshake.quiz;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import lab.handshake.engine.Language;

/**
 * A quiz for import into an LMS: Moodle XML (every kind, numeric questions as calculated questions whose
 * formula is the engine's answer written against {clientIsn} and {serverIsn}) and GIFT (numeric questions
 * as numerical ones with one generated instance, ordering as matching).
 */
@ApplicationScoped
public class QuizExporter {
    /** The instance a GIFT export (which has no formulas) and a Moodle dataset start from. */
    private static final long EXPORT_SEED = 9293;

    private final QuestionGenerator generator;

    public QuizExporter(QuestionGenerator generator) {
        this.generator = generator;
    }

    public String moodleXml(QuizModel.Quiz quiz, Language language) {
        Lines xml = new Lines(new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n"), language, generator);
        xml.append("  <question type=\"category\">\n    <category><text>").append(xmlText("$course$/Handshake Lab/" + xml.text(quiz.title())))
                .append("</text></category>\n  </question>\n");
        for (QuizModel.Question q : quiz.questions()) {
            Question.of(q).moodleXml(xml);
            xml.append("  </question>\n");
        }
        return xml.append("</quiz>\n").toString();
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
        Lines gift = new Lines(new StringBuilder(), language, generator);
        gift.append("// ").append(gift.text(quiz.title())).append(" (Handshake Lab)\n");
        gift.append("$CATEGORY: $course$/Handshake Lab/").append(gift.text(quiz.title())).append("\n\n");
        for (QuizModel.Question q : quiz.questions()) {
            Question.of(q).gift(gift);
        }
        return gift.toString();
    }

    /**
     * An export being written, as each kind of question adds its lines to it: the text so far, the language,
     * and the engine with the generator of the instances numeric questions are shown with (the same for every
     * export of a quiz).
     */
    public static final class Lines {
        private final StringBuilder out;
        private final Language language;
        private final QuestionGenerator generator;
        private final SplittableRandom random = new SplittableRandom(EXPORT_SEED);

        Lines(StringBuilder out, Language language, QuestionGenerator generator) {
            this.out = out;
            this.language = language;
            this.generator = generator;
        }

        public Lines append(String text) {
            out.append(text);
            return this;
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

        /** A Moodle question's opening elements. */
        public void open(String type, String name, String prompt, String generalFeedback) {
            out.append("  <question type=\"").append(type).append("\">\n")
                    .append("    <name><text>").append(xmlText(name)).append("</text></name>\n")
                    .append("    <questiontext format=\"html\"><text>").append(xmlText(prompt)).append("</text></questiontext>\n")
                    .append("    <generalfeedback format=\"html\"><text>").append(xmlText(generalFeedback == null ? "" : generalFeedback))
                    .append("</text></generalfeedback>\n")
                    .append("    <defaultgrade>1</defaultgrade>\n    <penalty>0</penalty>\n    <hidden>0</hidden>\n");
        }

        /** A Moodle answer worth {@code fraction} percent. */
        public void answer(double fraction, String text, String feedback) {
            out.append("    <answer fraction=\"").append(percent(fraction)).append("\" format=\"html\"><text>").append(xmlText(text))
                    .append("</text>\n      <feedback format=\"html\"><text>").append(xmlText(feedback)).append("</text></feedback>\n    </answer>\n");
        }

        /** A Moodle dataset with the one value a calculated question's instance has. */
        public void dataset(String name, long value) {
            out.append("      <dataset_definition>\n        <status><text>private</text></status>\n")
                    .append("        <name><text>").append(name).append("</text></name>\n        <type>calculated</type>\n")
                    .append("        <distribution><text>uniform</text></distribution>\n")
                    .append("        <minimum><text>0</text></minimum>\n        <maximum><text>4294967295</text></maximum>\n")
                    .append("        <decimals><text>0</text></decimals>\n        <itemcount>1</itemcount>\n")
                    .append("        <dataset_items>\n          <dataset_item><number>1</number><value>").append(value)
                    .append("</value></dataset_item>\n        </dataset_items>\n        <number_of_items>1</number_of_items>\n")
                    .append("      </dataset_definition>\n");
        }

        /** The situation a next-state question starts from, written out, since an LMS cannot show the trace. */
        public String contextText(QuizModel.Generate generate) {
            QuestionGenerator.Context context = generator.nextStateContext(generate, language);
            StringBuilder text = new StringBuilder(" [");
            text.append(language == Language.ZH ? "此前的报文段：" : "Segments so far: ");
            List<QuestionGenerator.ContextSegment> segments = context.segments();
            for (int i = 0; i < segments.size(); i++) {
                QuestionGenerator.ContextSegment s = segments.get(i);
                text.append(i == 0 ? "" : "; ").append(s.from()).append("→").append(s.to()).append(' ')
                        .append(String.join(",", s.flags())).append(" seq=").append(s.seq());
                if (s.ack() != null) {
                    text.append(" ack=").append(s.ack());
                }
            }
            return text.append(']').toString();
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

    static String xmlText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
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
