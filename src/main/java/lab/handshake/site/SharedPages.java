package lab.handshake.site;

import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import lab.handshake.content.PublishedTexts;
import lab.handshake.delivery.EncodedBody;
import lab.handshake.engine.Language;

/**
 * The pages that are the same for every reader of a language (a lesson, a simulator page), rendered and
 * compressed once: a lecture hall asking for one lesson costs one rendering, not one per student. They are made
 * from the curriculum and what teachers published, so they are made again when a publication changes that
 * ({@link PublishedTexts#derived}); a page is kept only for a path that exists, so there are at most as many as
 * the catalogues have entries, in two languages.
 */
@ApplicationScoped
public class SharedPages {
    private record Key(String path, Language language) {
    }

    private final Supplier<Map<Key, EncodedBody>> pages;

    public SharedPages(PublishedTexts published) {
        this.pages = published.derived(snapshot -> new ConcurrentHashMap<>());
    }

    /** The page at {@code path} in {@code language}, from {@code page} (rendered only when it is not kept yet). */
    public EncodedBody page(String path, Language language, Supplier<TemplateInstance> page) {
        return pages.get().computeIfAbsent(new Key(path, language), key -> EncodedBody.of(
                page.get().setLocale(language.locale()).render().getBytes(StandardCharsets.UTF_8),
                "text/html;charset=UTF-8", EncodedBody.Effort.ON_DEMAND));
    }
}
