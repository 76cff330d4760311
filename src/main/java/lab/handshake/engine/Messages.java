package lab.handshake.engine;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Turns {@link Explanation} keys into English or Chinese text from {@code explanations.properties} and
 * {@code explanations_zh.properties}. Placeholders are {@code {0}}, {@code {1}} …, replaced verbatim (no
 * number formatting: sequence numbers must not gain thousands separators).
 */
public final class Messages {
    private static final Map<Language, Messages> CACHE = new EnumMap<>(Language.class);

    private final ResourceBundle bundle;

    private Messages(Language language) {
        this.bundle = ResourceBundle.getBundle("lab.handshake.engine.explanations", language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static synchronized Messages of(Language language) {
        return CACHE.computeIfAbsent(language, Messages::new);
    }

    public String text(Explanation why) {
        return render(why.phrase());
    }

    public String render(Phrase phrase) {
        if (phrase.fallback() != null && !has(phrase.key())) {
            return phrase.fallback();
        }
        return format(phrase.key(), phrase.args());
    }

    /** Several sentences as one text: a space between them in English, nothing in Chinese. */
    public String join(List<Phrase> sentences) {
        StringBuilder text = new StringBuilder();
        for (Phrase sentence : sentences) {
            if (text.length() > 0) {
                text.append(format("sentence.separator"));
            }
            text.append(render(sentence));
        }
        return text.toString();
    }

    /** The text of {@code key} with its placeholders filled; a {@link Phrase} argument is rendered first. */
    public String format(String key, List<Object> args) {
        String template;
        try {
            template = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no text for message key " + key, e);
        }
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            template = template.replace("{" + i + "}", arg instanceof Phrase phrase ? render(phrase) : String.valueOf(arg));
        }
        return template;
    }

    /**
     * The rule a step cites, in this language: the RFC section or kernel function stays, the words around it
     * (such as "eighth: FIN bit") come from the key {@code rule.<the citation in lower case, words joined by ->};
     * a citation without such a key is shown as it is.
     */
    public String rule(String rule) {
        if (rule == null) {
            return null;
        }
        String key = ruleKey(rule);
        return has(key) ? format(key, List.of()) : rule;
    }

    /** The message key of a rule's citation: {@code rule.rfc-9293-3-10-7-4-eighth-fin-bit}. */
    public static String ruleKey(String rule) {
        return "rule." + rule.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    public String format(String key, Object... args) {
        return format(key, List.of(args));
    }

    /** Whether a text exists for the key (used by tests that check every key has both languages). */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
