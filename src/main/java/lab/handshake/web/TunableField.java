package lab.handshake.web;

import java.util.List;
import lab.handshake.engine.Language;
import lab.handshake.engine.Messages;
import lab.handshake.engine.spec.Tunable;

/**
 * A tunable of TCP as the "TCP setting" block shows it (tags/tunableSetting.html, in the scenario editor and the
 * sandbox's set-up): the engine's description ({@link Tunable}, read from the record components, so no second list
 * exists) with its name, meaning and choices in the page's language, and the language's words between them: between
 * listed values ({@code separator}), after the name ({@code colon}), and between the meaning and the sentence that
 * follows it ({@code sentenceSeparator}: the engine's, a space in English, nothing in Chinese).
 */
public record TunableField(Tunable tunable, String label, String meaning, List<Choice> choices, String separator, String colon,
                           String sentenceSeparator) {

    /**
     * A value a choice tunable takes, as a scenario writes it, its words, and those words as they stand beside the
     * value (in the language's own parentheses: a Chinese page uses full-width ones).
     */
    public record Choice(String value, String label, String aside) {
    }

    /** The step of its number field: any for a rate, whole numbers for the others. */
    public String step() {
        return tunable.kind() == Tunable.Kind.DECIMAL ? "any" : "1";
    }

    /** Every tunable, in the order of {@code TcpParams}. */
    public static List<TunableField> all(Language language) {
        Messages words = Messages.of(language);
        String separator = words.format("tunable.words.separator");
        String colon = words.format("tunable.words.colon");
        String sentenceSeparator = words.format("sentence.separator");
        return Tunable.all().stream().map(tunable -> new TunableField(tunable, words.format(tunable.key()), words.format(tunable.meaningKey()),
                tunable.choices().stream().map(choice -> {
                    String label = words.format(tunable.choiceKey(choice));
                    return new Choice(choice, label, words.format("tunable.words.aside", label));
                }).toList(), separator, colon, sentenceSeparator)).toList();
    }
}
