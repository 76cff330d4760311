package lab.handshake.content;

import java.util.Locale;
import java.util.Optional;

/**
 * The three kinds of content a teacher writes, each stored as the text of the file it would be under
 * {@code content/}: a lesson is Markdown with front matter, one file per language; a quiz bank and a
 * scenario are YAML files holding both languages.
 */
public enum ContentKind {
    LESSON("lessons"),
    QUIZ("quizzes"),
    SCENARIO("scenarios");

    /** The language column of an item whose file holds both languages. */
    public static final String BOTH_LANGUAGES = "*";

    private final String folder;

    ContentKind(String folder) {
        this.folder = folder;
    }

    /** The folder under {@code content/} (and in an export archive) that holds this kind's files. */
    public String folder() {
        return folder;
    }

    /** As URLs and JSON spell it: lesson, quiz, scenario. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean perLanguage() {
        return this == LESSON;
    }

    public static Optional<ContentKind> parse(String code) {
        for (ContentKind kind : values()) {
            if (kind.code().equals(code)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
