package lab.handshake.authoring;

import java.util.List;
import lab.handshake.engine.Language;
import lab.handshake.engine.Messages;
import lab.handshake.engine.spec.Tunable;

/**
 * A tunable of TCP as the scenario editor's "TCP setting" block shows it: the engine's description ({@link Tunable},
 * read from the record components, so no second list exists) with its name, meaning and choices in the page's language.
 */
public record TunableField(Tunable tunable, String label, String meaning, List<Choice> choices) {

    /** A value a choice tunable takes, as a scenario writes it, and its words. */
    public record Choice(String value, String label) {
    }

    /** The step of its number field: any for a rate, whole numbers for the others. */
    public String step() {
        return tunable.kind() == Tunable.Kind.DECIMAL ? "any" : "1";
    }

    /** Every tunable, in the order of {@code TcpParams}. */
    static List<TunableField> all(Language language) {
        Messages words = Messages.of(language);
        return Tunable.all().stream().map(tunable -> new TunableField(tunable, words.format(tunable.key()), words.format(tunable.meaningKey()),
                tunable.choices().stream().map(choice -> new Choice(choice, words.format(tunable.choiceKey(choice)))).toList())).toList();
    }
}
