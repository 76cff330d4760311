package lab.handshake.authoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import lab.handshake.api.ApiProblem;
import lab.handshake.api.Problem;
import lab.handshake.content.AuthoredItem;
import lab.handshake.content.AuthoredRevision;
import lab.handshake.content.ContentKind;
import lab.handshake.content.PublishedTexts;
import lab.handshake.scenario.ScenarioCatalogue;

/**
 * Teachers' lessons, quizzes and scenarios: drafts, publication, and a revision for every text ever saved.
 * A change names the version of the item it was made on; if someone changed the item since, the change is
 * refused with 409 and nothing is overwritten.
 */
@ApplicationScoped
public class AuthoringService {
    /** The longest text an item may have (characters): 180 KB of Chinese, within the 256 KB request limit. */
    public static final int MAX_TEXT = 60_000;
    /** The problem type of a change made on an outdated version. */
    public static final String EDIT_CONFLICT = "edit-conflict";
    /** The problem type of a publication refused because the draft has problems. */
    public static final String HAS_PROBLEMS = "content-has-problems";
    static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    private final ContentChecks checks;
    private final BuiltInFiles builtIn;
    private final ScenarioCatalogue scenarios;
    private final Event<PublishedTexts.Changed> changed;
    private final Counter publications;

    public AuthoringService(ContentChecks checks, BuiltInFiles builtIn, ScenarioCatalogue scenarios, Event<PublishedTexts.Changed> changed,
                            MeterRegistry metrics) {
        this.checks = checks;
        this.builtIn = builtIn;
        this.scenarios = scenarios;
        this.changed = changed;
        this.publications = Counter.builder("handshake.content.publications")
                .description("Lessons, quizzes and scenarios published by teachers").register(metrics);
    }

    public List<AuthoredItem> list() {
        return AuthoredItem.listInOrder();
    }

    /**
     * The item as the database has it now. Transactional so that, called from a page after a change in this
     * same request, it never returns the copy an earlier read left in the request's session.
     */
    @Transactional
    public AuthoredItem get(long id) {
        return AuthoredItem.<AuthoredItem>findByIdOptional(id).orElseThrow(() -> ApiProblem.notFound("content item", String.valueOf(id)));
    }

    public List<String> problems(AuthoredItem item) {
        return checks.problems(item.kind, item.slug, item.language, item.draftText);
    }

    /**
     * A new item, starting from a copy of the built-in file {@code from} (given the new id), or else from the
     * built-in file of the same id when there is one (a teacher's own version of a built-in lesson or quiz
     * replaces it once published), or else from a starter text.
     */
    @Transactional
    public AuthoredItem create(ContentKind kind, String slug, String language, String from, String teacher) {
        String itemLanguage = checkIdentity(kind, slug, language);
        boolean copy = from != null && !from.isBlank();
        String source = copy ? from.strip() : slug;
        if (!SLUG.matcher(source).matches()) {
            throw invalid("from", "must be the id of a built-in " + kind.code());
        }
        Optional<String> original = builtIn.text(kind, source, itemLanguage);
        if (copy && original.isEmpty()) {
            throw invalid("from", "names no built-in " + kind.code() + (kind.perLanguage() ? " in " + itemLanguage : ""));
        }
        String text = original
                .map(file -> file.replaceFirst("(?m)^id:[ \\t]*" + Pattern.quote(source) + "[ \\t]*$", "id: " + slug))
                .orElseGet(() -> starter(kind).replace("__ID__", slug));
        return insert(kind, slug, itemLanguage, text, AuthoredRevision.Action.CREATE, teacher);
    }

    /** Checks the id and language of a new item and returns the language column's value. */
    String checkIdentity(ContentKind kind, String slug, String language) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw invalid("id", "must be 1 to 64 lower-case letters, digits and '-', starting and ending with a letter or digit");
        }
        String itemLanguage = kind.perLanguage() ? language : ContentKind.BOTH_LANGUAGES;
        if (kind.perLanguage() && !"en".equals(language) && !"zh".equals(language)) {
            throw invalid("language", "must be en or zh for a lesson");
        }
        if (kind == ContentKind.SCENARIO && scenarios.isBuiltIn(slug)) {
            throw conflict("The built-in curriculum has a scenario '" + slug + "', and lessons and quizzes depend on it; "
                    + "give your scenario another id (you can start from a copy of its text).");
        }
        if (AuthoredItem.find(kind, slug, itemLanguage).isPresent()) {
            throw conflict("There is already a " + kind.code() + " '" + slug + "'" + (kind.perLanguage() ? " in " + language : "")
                    + "; open it from the content list instead.");
        }
        return itemLanguage;
    }

    AuthoredItem insert(ContentKind kind, String slug, String itemLanguage, String text, AuthoredRevision.Action action, String teacher) {
        checkSize(text);
        AuthoredItem item = new AuthoredItem();
        item.kind = kind;
        item.slug = slug;
        item.language = itemLanguage;
        item.draftText = text;
        item.draftRevision = 1;
        item.updatedBy = teacher;
        item.updatedAt = Instant.now();
        item.persist();
        addRevision(item, action, teacher);
        return item;
    }

    /** Saves a new draft text; refused if the item has changed since {@code basedOnVersion}. */
    @Transactional
    public AuthoredItem save(long id, String text, long basedOnVersion, String teacher) {
        AuthoredItem item = current(id, basedOnVersion);
        return replaceDraft(item, text, AuthoredRevision.Action.SAVE, teacher);
    }

    AuthoredItem replaceDraft(AuthoredItem item, String text, AuthoredRevision.Action action, String teacher) {
        if (text == null) {
            throw invalid("text", "is required");
        }
        checkSize(text);
        String normalized = text.replace("\r\n", "\n");
        if (normalized.equals(item.draftText)) {
            return item;
        }
        item.draftText = normalized;
        item.draftRevision++;
        item.updatedBy = teacher;
        item.updatedAt = Instant.now();
        addRevision(item, action, teacher);
        return item;
    }

    /** Makes the draft what students see; refused while it has problems. */
    @Transactional
    public AuthoredItem publish(long id, long basedOnVersion, String teacher) {
        return publishDraft(current(id, basedOnVersion), teacher);
    }

    AuthoredItem publishDraft(AuthoredItem item, String teacher) {
        List<String> problems = problems(item);
        if (!problems.isEmpty()) {
            throw new ApiProblem(422, HAS_PROBLEMS, "Content has problems",
                    "This " + item.kind.code() + " cannot be published yet: " + String.join("; ", problems) + ".",
                    problems.stream().map(p -> new Problem.FieldError("text", p)).toList());
        }
        item.publishedText = item.draftText;
        item.publishedRevision = item.draftRevision;
        item.publishedBy = teacher;
        item.publishedAt = Instant.now();
        item.updatedAt = item.publishedAt;
        item.updatedBy = teacher;
        changed.fire(new PublishedTexts.Changed(item.kind, item.slug));
        publications.increment();
        return item;
    }

    /** Takes the item away from students (a built-in lesson or quiz it replaced comes back); the draft stays. */
    @Transactional
    public AuthoredItem withdraw(long id, long basedOnVersion, String teacher) {
        AuthoredItem item = current(id, basedOnVersion);
        if (item.published()) {
            item.publishedText = null;
            item.publishedRevision = null;
            item.publishedBy = null;
            item.publishedAt = null;
            item.updatedBy = teacher;
            item.updatedAt = Instant.now();
            changed.fire(new PublishedTexts.Changed(item.kind, item.slug));
        }
        return item;
    }

    /** Makes an older revision's text the draft again (as a new revision, so nothing in between is lost). */
    @Transactional
    public AuthoredItem restore(long id, int revision, long basedOnVersion, String teacher) {
        AuthoredItem item = current(id, basedOnVersion);
        AuthoredRevision older = revision(item, revision);
        return replaceDraft(item, older.body, AuthoredRevision.Action.RESTORE, teacher);
    }

    public List<AuthoredRevision> history(long id) {
        return AuthoredRevision.history(get(id));
    }

    public AuthoredRevision revision(AuthoredItem item, int number) {
        return AuthoredRevision.find(item, number)
                .orElseThrow(() -> ApiProblem.notFound("revision", item.id + "/" + number));
    }

    public Optional<AuthoredItem> find(ContentKind kind, String slug, String language) {
        return AuthoredItem.find(kind, slug, language);
    }

    private AuthoredItem current(long id, long basedOnVersion) {
        AuthoredItem item = get(id);
        if (item.version != basedOnVersion) {
            throw new ApiProblem(409, EDIT_CONFLICT, "Edit conflict",
                    item.updatedBy + " changed this " + item.kind.code() + " at " + item.updatedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                            + " (now revision " + item.draftRevision + "), after you opened it. Your change was not saved: "
                            + "copy your text, open the item again and merge your change into the newer text.", null);
        }
        return item;
    }

    private static void addRevision(AuthoredItem item, AuthoredRevision.Action action, String teacher) {
        AuthoredRevision revision = new AuthoredRevision();
        revision.item = item;
        revision.number = item.draftRevision;
        revision.body = item.draftText;
        revision.action = action;
        revision.savedBy = teacher;
        revision.savedAt = item.updatedAt;
        revision.persist();
    }

    static void checkSize(String text) {
        if (text.length() > MAX_TEXT) {
            throw new ApiProblem(413, "too-large", "Text too large",
                    "The text has " + text.length() + " characters; at most " + MAX_TEXT + " are allowed.",
                    List.of(new Problem.FieldError("text", "at most " + MAX_TEXT + " characters")));
        }
    }

    static ApiProblem invalid(String field, String message) {
        return new ApiProblem(400, "invalid-content", "Invalid content", "'" + field + "' " + message + ".",
                List.of(new Problem.FieldError(field, message)));
    }

    static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "content-exists", "Conflict", detail, null);
    }

    /** The text a new item starts from: {@code authoring/new-<kind>.*} with {@code __ID__} for its id. */
    static String starter(ContentKind kind) {
        String file = "authoring/new-" + kind.code() + (kind == ContentKind.LESSON ? ".md" : ".yaml");
        try (InputStream input = AuthoringService.class.getClassLoader().getResourceAsStream(file)) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
