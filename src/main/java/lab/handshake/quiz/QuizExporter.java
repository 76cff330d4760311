package lab.handshake.quiz;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
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
        String lang = language.code();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
        xml.append("  <question type=\"category\">\n    <category><text>").append(xmlText("$course$/Handshake Lab/" + QuizModel.text(quiz.title(), lang)))
                .append("</text></category>\n  </question>\n");
        SplittableRandom random = new SplittableRandom(EXPORT_SEED);
        for (QuizModel.Question q : quiz.questions()) {
            String prompt = QuizModel.text(q.prompt(), lang);
            String why = QuizModel.text(q.why(), lang);
            switch (q.kind()) {
                case "single", "multiple" -> {
                    open(xml, "multichoice", q.id(), prompt, null);
                    xml.append("    <single>").append(q.kind().equals("single")).append("</single>\n    <shuffleanswers>true</shuffleanswers>\n")
                            .append("    <answernumbering>abc</answernumbering>\n");
                    for (QuizModel.Option option : q.options()) {
                        answer(xml, optionPercent(q, option), QuizModel.text(option.text(), lang), QuizModel.text(option.why(), lang));
                    }
                }
                case "ordering" -> {
                    open(xml, "ordering", q.id(), prompt, why);
                    xml.append("    <layouttype>VERTICAL</layouttype>\n    <selecttype>ALL</selecttype>\n    <selectcount>0</selectcount>\n")
                            .append("    <gradingtype>ABSOLUTE_POSITION</gradingtype>\n    <showgrading>SHOW</showgrading>\n");
                    int position = 1;
                    for (String id : q.order()) {
                        QuizModel.Item item = q.items().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
                        xml.append("    <answer fraction=\"").append(position++).append("\" format=\"moodle_auto_format\"><text>")
                                .append(xmlText(QuizModel.text(item.text(), lang))).append("</text></answer>\n");
                    }
                }
                case "numeric" -> {
                    QuestionGenerator.Isns isns = generator.chooseIsns(q, random);
                    long answer = generator.numericAnswer(q, isns);
                    String formula = formula(isns, answer);
                    open(xml, "calculated", q.id(), prompt, why);
                    xml.append("    <synchronize>0</synchronize>\n    <single>0</single>\n    <answernumbering>abc</answernumbering>\n")
                            .append("    <shuffleanswers>0</shuffleanswers>\n")
                            .append("    <answer fraction=\"100\"><text>").append(xmlText(formula)).append("</text>\n")
                            .append("      <tolerance>0</tolerance><tolerancetype>1</tolerancetype>\n")
                            .append("      <correctanswerformat>1</correctanswerformat><correctanswerlength>0</correctanswerlength>\n")
                            .append("      <feedback format=\"html\"><text>").append(xmlText(why)).append("</text></feedback>\n    </answer>\n")
                            .append("    <dataset_definitions>\n");
                    dataset(xml, "clientIsn", isns.clientIsn());
                    dataset(xml, "serverIsn", isns.serverIsn());
                    xml.append("    </dataset_definitions>\n");
                }
                default -> {
                    String right = generator.nextStateAnswer(q);
                    open(xml, "multichoice", q.id(), prompt + contextText(q, language), null);
                    xml.append("    <single>true</single>\n    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>abc</answernumbering>\n");
                    for (String state : q.choices()) {
                        answer(xml, state.equals(right) ? 100 : 0, state, why);
                    }
                }
            }
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
        String lang = language.code();
        StringBuilder gift = new StringBuilder();
        gift.append("// ").append(QuizModel.text(quiz.title(), lang)).append(" (Handshake Lab)\n");
        gift.append("$CATEGORY: $course$/Handshake Lab/").append(QuizModel.text(quiz.title(), lang)).append("\n\n");
        SplittableRandom random = new SplittableRandom(EXPORT_SEED);
        for (QuizModel.Question q : quiz.questions()) {
            String prompt = QuizModel.text(q.prompt(), lang);
            String why = QuizModel.text(q.why(), lang);
            switch (q.kind()) {
                case "single", "multiple" -> {
                    gift.append("::").append(q.id()).append("::").append(escape(prompt)).append(" {\n");
                    for (QuizModel.Option option : q.options()) {
                        String text = escape(QuizModel.text(option.text(), lang));
                        String feedback = "#" + escape(QuizModel.text(option.why(), lang));
                        if (q.kind().equals("single")) {
                            gift.append(option.correct() ? "=" : "~").append(text).append(feedback).append('\n');
                        } else {
                            gift.append("~%").append(percent(optionPercent(q, option))).append('%').append(text).append(feedback).append('\n');
                        }
                    }
                    gift.append("}\n\n");
                }
                case "ordering" -> {
                    gift.append("::").append(q.id()).append("::").append(escape(prompt)).append(" {\n");
                    int position = 1;
                    for (String id : q.order()) {
                        QuizModel.Item item = q.items().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
                        gift.append('=').append(escape(QuizModel.text(item.text(), lang))).append(" -> ").append(position++).append('\n');
                    }
                    gift.append("####").append(escape(why)).append("\n}\n\n");
                }
                case "numeric" -> {
                    QuestionGenerator.Isns isns = generator.chooseIsns(q, random);
                    long answer = generator.numericAnswer(q, isns);
                    gift.append("::").append(q.id()).append("::").append(escape(QuestionGenerator.fillPrompt(prompt, isns)))
                            .append(" {#").append(answer).append("#").append(escape(why)).append("}\n\n");
                }
                default -> {
                    String right = generator.nextStateAnswer(q);
                    gift.append("::").append(q.id()).append("::").append(escape(prompt + contextText(q, language))).append(" {\n");
                    for (String state : q.choices()) {
                        gift.append(state.equals(right) ? "=" : "~").append(escape(state)).append('#').append(escape(why)).append('\n');
                    }
                    gift.append("}\n\n");
                }
            }
        }
        return gift.toString();
    }

    /**
     * An option's grade in percent, as the server grades it: the right options share 100; in multiple choice
     * the wrong ones share -100 (never below zero in total), in single choice they are worth 0.
     */
    private static double optionPercent(QuizModel.Question q, QuizModel.Option option) {
        long right = q.options().stream().filter(QuizModel.Option::correct).count();
        long wrong = q.options().size() - right;
        if (option.correct()) {
            return 100.0 / right;
        }
        return q.kind().equals("single") ? 0 : -100.0 / wrong;
    }

    /** The situation a next-state question starts from, written out, since an LMS cannot show the trace. */
    private String contextText(QuizModel.Question q, Language language) {
        QuestionGenerator.Context context = generator.nextStateContext(q, language);
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

    private static void open(StringBuilder xml, String type, String name, String prompt, String generalFeedback) {
        xml.append("  <question type=\"").append(type).append("\">\n")
                .append("    <name><text>").append(xmlText(name)).append("</text></name>\n")
                .append("    <questiontext format=\"html\"><text>").append(xmlText(prompt)).append("</text></questiontext>\n")
                .append("    <generalfeedback format=\"html\"><text>").append(xmlText(generalFeedback == null ? "" : generalFeedback))
                .append("</text></generalfeedback>\n")
                .append("    <defaultgrade>1</defaultgrade>\n    <penalty>0</penalty>\n    <hidden>0</hidden>\n");
    }

    private static void answer(StringBuilder xml, double fraction, String text, String feedback) {
        xml.append("    <answer fraction=\"").append(percent(fraction)).append("\" format=\"html\"><text>").append(xmlText(text))
                .append("</text>\n      <feedback format=\"html\"><text>").append(xmlText(feedback)).append("</text></feedback>\n    </answer>\n");
    }

    private static void dataset(StringBuilder xml, String name, long value) {
        xml.append("      <dataset_definition>\n        <status><text>private</text></status>\n")
                .append("        <name><text>").append(name).append("</text></name>\n        <type>calculated</type>\n")
                .append("        <distribution><text>uniform</text></distribution>\n")
                .append("        <minimum><text>0</text></minimum>\n        <maximum><text>4294967295</text></maximum>\n")
                .append("        <decimals><text>0</text></decimals>\n        <itemcount>1</itemcount>\n")
                .append("        <dataset_items>\n          <dataset_item><number>1</number><value>").append(value)
                .append("</value></dataset_item>\n        </dataset_items>\n        <number_of_items>1</number_of_items>\n")
                .append("      </dataset_definition>\n");
    }

    /** Moodle's grade fractions to five decimals (33.33333, -50). */
    private static String percent(double value) {
        String text = String.format(Locale.ROOT, "%.5f", value);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    private static String xmlText(String text) {
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
