package lab.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every language's words live in the bundles' properties files (English in {@code messages/*_en.properties}),
 * none in the Java annotations, except a word whose meaning starts or ends with a space: a localized file strips
 * the spaces at a line's ends, so that one stays in its {@code @Message}.
 */
class MessageFilesTest {

    @Test
    void noBundleKeepsItsEnglishInAnAnnotationUnlessItsSpacesMatter() {
        List<Class<?>> bundles = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("lab.handshake").stream()
                .filter(type -> type.isAnnotatedWith(MessageBundle.class)).<Class<?>>map(type -> type.reflect()).toList();
        assertTrue(bundles.size() >= 13, "the bundles are found: " + bundles);
        List<String> inAnnotations = new ArrayList<>();
        for (Class<?> bundle : bundles) {
            for (Method word : bundle.getDeclaredMethods()) {
                Message message = word.getAnnotation(Message.class);
                String value = message == null ? Message.DEFAULT_VALUE : message.value();
                if (!value.equals(Message.DEFAULT_VALUE) && value.strip().equals(value)) {
                    inAnnotations.add(bundle.getSimpleName() + "." + word.getName());
                }
            }
        }
        assertEquals(List.of(), inAnnotations);
    }
}
