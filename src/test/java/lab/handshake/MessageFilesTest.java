package lab.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import lab.handshake.engine.Language;
import org.junit.jupiter.api.Test;

/**
 * Every language's words live in the bundles' properties files (English in {@code messages/*_en.properties}),
 * none in the Java annotations, except a word whose meaning starts or ends with a space: a localized file strips
 * the spaces at a line's ends, so that one stays in its {@code @Message}.
 */
class MessageFilesTest {

    private static List<Class<?>> bundles() {
        List<Class<?>> bundles = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("lab.handshake").stream()
                .filter(type -> type.isAnnotatedWith(MessageBundle.class)).<Class<?>>map(type -> type.reflect()).toList();
        assertTrue(bundles.size() >= 13, "the bundles are found: " + bundles);
        return bundles;
    }

    private static boolean inAnnotation(Method word) {
        Message message = word.getAnnotation(Message.class);
        return message != null && !message.value().equals(Message.DEFAULT_VALUE);
    }

    /**
     * A new {@link Language} needs a file beside each bundle's and the scripts' {@code pickLang} (and the engine's
     * explanations: {@code ExplanationTextsTest}): this names each file, and each word a file lacks, in every language.
     */
    @Test
    void everyLanguageHasEveryBundlesFileWithEveryWord() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Class<?> bundle : bundles()) {
            for (Language language : Language.values()) {
                String name = bundle.getAnnotation(MessageBundle.class).value();
                String file = "messages/" + (name.equals(MessageBundle.DEFAULTED_NAME) ? MessageBundle.DEFAULT_NAME : name) + "_"
                        + language.code() + ".properties";
                Properties words = MainResources.properties(file);
                if (words.isEmpty()) {
                    missing.add(file + " (" + bundle.getSimpleName() + ")");
                    continue;
                }
                Arrays.stream(bundle.getDeclaredMethods()).filter(word -> Modifier.isAbstract(word.getModifiers()))
                        .filter(word -> !words.containsKey(word.getName()) && !inAnnotation(word))
                        .forEach(word -> missing.add(file + ": " + word.getName()));
            }
        }
        String scripts = MainResources.text("META-INF/resources/js/i18n.js");
        Arrays.stream(Language.values()).filter(language -> !scripts.contains("'" + language.code() + "'"))
                .forEach(language -> missing.add("js/i18n.js: pickLang knows no '" + language.code() + "'"));
        assertEquals(List.of(), missing);
    }

    @Test
    void noBundleKeepsItsEnglishInAnAnnotationUnlessItsSpacesMatter() {
        List<String> inAnnotations = new ArrayList<>();
        for (Class<?> bundle : bundles()) {
            for (Method word : bundle.getDeclaredMethods()) {
                if (inAnnotation(word) && word.getAnnotation(Message.class).value().strip().equals(word.getAnnotation(Message.class).value())) {
                    inAnnotations.add(bundle.getSimpleName() + "." + word.getName());
                }
            }
        }
        assertEquals(List.of(), inAnnotations);
    }
}
