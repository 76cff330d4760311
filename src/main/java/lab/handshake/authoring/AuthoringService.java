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
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import lab.handshake.api.Problem;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.authoring.NotAllowedException.Reason;
import lab.handshake.config.CampusTime;
import lab.handshake.content.AuthoredChange;
import lab.handshake.content.AuthoredItem;
import lab.handshake.content.AuthoredRevision;
import lab.handshake.content.ContentKind;
import lab.handshake.content.PublishedTexts;
import lab.handshake.engine.Language;
import lab.handshake.scenario.ScenarioCatalogue;
import lab.handshake.teacher.Teacher;

/**
 * Teachers' lessons, quizzes and scenarios: drafts, publication, and a revision for every text ever saved.
 * A change names the version of the item it was made on; if someone changed the item since, the change is
 * refused with 409 and nothing is overwritten. Only the item's owner and co-editors change it (administrators
 * and managers change everything, and only they replace a built-in lesson or quiz); anyone else is refused
 * with a {@link NotAllowedException}.
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
    /** The problem type of a co-editor or new owner who has no account. */
    public static final String UNKNOWN_TEACHER = "unknown-teacher";
    /** The problem type of a co-editor list longer than {@link #MAX_CO_EDITORS}. */
    public static final String TOO_MANY_CO_EDITORS = "too-many-co-editors";
    /** The most co-editors an item may have. */
    public static final int MAX_CO_EDITORS = 20;

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
        return AuthoredItem.<AuthoredItem>findByIdOptional(id).orElseThrow(() -> Refusal.notFound(ProblemMessages::content_item, String.valueOf(id)));
    }

    /** What stops the draft's publication; {@link #problems(AuthoredItem, Language)} words it. */
    List<DraftProblem> draftProblems(AuthoredItem item) {
        return checks.problems(item.kind, item.slug, item.language, item.draftText);
    }

    /** What stops the draft's publication, in the reader's language. */
    public List<String> problems(AuthoredItem item, Language language) {
        return DraftProblem.lines(draftProblems(item), language);
    }

    /**
     * A new item, starting from a copy of the built-in file {@code from} (given the new id), or else from the
     * built-in file of the same id when there is one (a teacher's own version of a built-in lesson or quiz
     * replaces it once published), or else from a starter text.
     */
    @Transactional
    public AuthoredItem create(ContentKind kind, String slug, String language, String from, Author author) {
        String itemLanguage = checkIdentity(kind, slug, language, author);
        boolean copy = from != null && !from.isBlank();
        String source = copy ? from.strip() : slug;
        if (!SLUG.matcher(source).matches()) {
            throw invalid("from", readers -> words(readers).must_be_built_in_id(named(kind).in(readers)));
        }
        Optional<String> original = builtIn.text(kind, source, itemLanguage);
        if (copy && original.isEmpty()) {
            throw invalid("from", readers -> words(readers).no_built_in(named(kind).in(readers), kind.perLanguage() ? itemLanguage : ""));
        }
        String text = original
                .map(file -> file.replaceFirst("(?m)^id:[ \\t]*" + Pattern.quote(source) + "[ \\t]*$", "id: " + slug))
                .orElseGet(() -> starter(kind).replace("__ID__", slug));
        return insert(kind, slug, itemLanguage, text, AuthoredRevision.Action.CREATE, author.username());
    }

    /**
     * Checks the id and language of a new item, and that this author may replace the built-in file of that
     * id if there is one; returns the language column's value.
     */
    String checkIdentity(ContentKind kind, String slug, String language, Author author) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw invalid("id", Worded.of(AuthoringProblemMessages.class, AuthoringProblemMessages::slug_form));
        }
        String itemLanguage = kind.perLanguage() ? language : ContentKind.BOTH_LANGUAGES;
        if (kind.perLanguage() && Language.ofCode(language).isEmpty()) {
            throw invalid("language", Worded.of(AuthoringProblemMessages.class, AuthoringProblemMessages::lesson_language));
        }
        if (kind == ContentKind.SCENARIO && scenarios.isBuiltIn(slug)) {
            throw conflict(Worded.of(AuthoringProblemMessages.class, words -> words.built_in_scenario(slug)));
        }
        if (AuthoredItem.find(kind, slug, itemLanguage).isPresent()) {
            throw conflict(readers -> words(readers).content_exists(named(kind).in(readers), slug, kind.perLanguage() ? language : ""));
        }
        if (!author.mayChangeAnything() && builtIn.text(kind, slug, itemLanguage).isPresent()) {
            throw new NotAllowedException(Reason.BUILT_IN, kind, slug, null);
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
        item.owner = teacher;
        item.updatedBy = teacher;
        item.updatedAt = Instant.now();
        item.persist();
        addRevision(item, action, teacher);
        return item;
    }

    /** Saves a new draft text; refused if the item has changed since {@code basedOnVersion}. */
    @Transactional
    public AuthoredItem save(long id, String text, long basedOnVersion, Author author) {
        AuthoredItem item = current(id, basedOnVersion, author);
        return replaceDraft(item, text, AuthoredRevision.Action.SAVE, author.username());
    }

    AuthoredItem replaceDraft(AuthoredItem item, String text, AuthoredRevision.Action action, String teacher) {
        if (text == null) {
            throw invalid("text", Worded.of(ProblemMessages.class, ProblemMessages::body_required));
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
    public AuthoredItem publish(long id, long basedOnVersion, Author author) {
        return publishDraft(current(id, basedOnVersion, author), author.username());
    }

    AuthoredItem publishDraft(AuthoredItem item, String teacher) {
        List<DraftProblem> problems = draftProblems(item);
        if (!problems.isEmpty()) {
            throw new Refusal.Unusable(HAS_PROBLEMS, Worded.of(AuthoringProblemMessages.class, AuthoringProblemMessages::has_problems_title),
                    language -> words(language).cannot_publish(named(item.kind).in(language), ProblemMapper.words(language).problem_list(DraftProblem.lines(problems, language))),
                    language -> problems.stream().map(problem -> new Problem.FieldError("text", problem.in(language))).toList());
        }
        item.publishedText = item.draftText;
        item.publishedRevision = item.draftRevision;
        item.publishedBy = teacher;
        item.publishedAt = Instant.now();
        item.updatedAt = item.publishedAt;
        item.updatedBy = teacher;
        AuthoredChange.record(item, AuthoredChange.Action.PUBLISH, String.valueOf(item.publishedRevision), teacher, item.publishedAt);
        changed.fire(new PublishedTexts.Changed(item.kind, item.slug));
        publications.increment();
        return item;
    }

    /** Takes the item away from students (a built-in lesson or quiz it replaced comes back); the draft stays. */
    @Transactional
    public AuthoredItem withdraw(long id, long basedOnVersion, Author author) {
        AuthoredItem item = current(id, basedOnVersion, author);
        if (item.published()) {
            String teacher = author.username();
            AuthoredChange.record(item, AuthoredChange.Action.WITHDRAW, String.valueOf(item.publishedRevision), teacher, Instant.now());
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
    public AuthoredItem restore(long id, int revision, long basedOnVersion, Author author) {
        AuthoredItem item = current(id, basedOnVersion, author);
        AuthoredRevision older = revision(item, revision);
        return replaceDraft(item, older.body, AuthoredRevision.Action.RESTORE, author.username());
    }

    /**
     * Who besides the owner may change the item: existing teachers' usernames, at most
     * {@link #MAX_CO_EDITORS}. Only the owner, an administrator or a manager decides this.
     */
    @Transactional
    public AuthoredItem setCoEditors(long id, Collection<String> usernames, Author author) {
        AuthoredItem item = get(id);
        checkMayManage(item, author);
        if (usernames == null) {
            throw invalid("editors", Worded.of(AuthoringProblemMessages.class, AuthoringProblemMessages::editors_required));
        }
        if (usernames.size() > MAX_CO_EDITORS) {
            throw new Refusal.Invalid(TOO_MANY_CO_EDITORS, Worded.of(AuthoringProblemMessages.class, AuthoringProblemMessages::too_many_co_editors_title), Worded.of(AuthoringProblemMessages.class, words -> words.too_many_co_editors(MAX_CO_EDITORS)),
                    Worded.of(AuthoringProblemMessages.class, words -> List.of(new Problem.FieldError("editors", words.at_most_co_editors(MAX_CO_EDITORS)))));
        }
        TreeSet<String> editors = new TreeSet<>();
        for (String username : usernames) {
            String name = existingTeacher("editors", username);
            if (!name.equals(item.owner)) {
                editors.add(name);
            }
        }
        if (!editors.equals(item.coEditors)) {
            item.coEditors.clear();
            item.coEditors.addAll(editors);
            AuthoredChange.record(item, AuthoredChange.Action.EDITORS, String.join(",", editors), author.username(), Instant.now());
        }
        return item;
    }

    /** Hands the item to another teacher; the former owner stays on as a co-editor (if there is room). */
    @Transactional
    public AuthoredItem transfer(long id, String newOwner, Author author) {
        AuthoredItem item = get(id);
        checkMayManage(item, author);
        String owner = existingTeacher("owner", newOwner);
        if (!owner.equals(item.owner)) {
            item.coEditors.remove(owner);
            if (item.coEditors.size() < MAX_CO_EDITORS) {
                item.coEditors.add(item.owner);
            }
            item.owner = owner;
            AuthoredChange.record(item, AuthoredChange.Action.OWNER, owner, author.username(), Instant.now());
        }
        return item;
    }

    /** What this author may do with the item, for the pages to offer only that. */
    public Access access(AuthoredItem item, Author author) {
        return new Access(item.owner, List.copyOf(item.coEditors), mayChange(item, author), mayManage(item, author),
                replacesBuiltIn(item));
    }

    /** Who owns and edits an item, and what the teacher looking at it may do with it. */
    public record Access(String owner, List<String> coEditors, boolean mayChange, boolean mayManage, boolean replacesBuiltIn) {
        /** The co-editors as a page lists them (and the co-editor field takes them back). */
        public String coEditorList() {
            return String.join(", ", coEditors);
        }

        public int maxCoEditors() {
            return MAX_CO_EDITORS;
        }
    }

    /** Publications, withdrawals, new owners and co-editors of the item, newest first. */
    public List<AuthoredChange> changes(AuthoredItem item) {
        return AuthoredChange.history(item);
    }

    /** Refuses unless this author may change the item's text or what students see of it. */
    void checkMayChange(AuthoredItem item, Author author) {
        if (!mayChange(item, author)) {
            throw new NotAllowedException(replacesBuiltIn(item) ? Reason.BUILT_IN : Reason.NOT_AN_EDITOR, item.kind, item.slug, item.owner);
        }
    }

    private boolean mayChange(AuthoredItem item, Author author) {
        return author.mayChangeAnything()
                || !replacesBuiltIn(item) && (item.owner.equals(author.username()) || item.coEditors.contains(author.username()));
    }

    private static boolean mayManage(AuthoredItem item, Author author) {
        return author.mayChangeAnything() || item.owner.equals(author.username());
    }

    private static void checkMayManage(AuthoredItem item, Author author) {
        if (!mayManage(item, author)) {
            throw new NotAllowedException(Reason.NOT_THE_OWNER, item.kind, item.slug, item.owner);
        }
    }

    /** A teacher's lesson or quiz with the id of a built-in one, which replaces it while published. */
    private boolean replacesBuiltIn(AuthoredItem item) {
        return item.kind != ContentKind.SCENARIO && builtIn.text(item.kind, item.slug, item.language).isPresent();
    }

    private static String existingTeacher(String field, String username) {
        String name = username == null ? "" : username.strip();
        if (name.isEmpty() || name.length() > 64 || Teacher.findByUsername(name) == null) {
            String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
            Refusal.Worded<String> noTeacher = Worded.of(AuthoringProblemMessages.class, words -> words.names_no_teacher(shown));
            throw new Refusal.Invalid(UNKNOWN_TEACHER, Worded.of(AuthoringProblemMessages.class, AuthoringProblemMessages::unknown_teacher_title),
                    Worded.fieldDetail(field, noTeacher), Worded.fieldErrors(field, noTeacher));
        }
        return name;
    }

    public List<AuthoredRevision> history(long id) {
        return AuthoredRevision.history(get(id));
    }

    public AuthoredRevision revision(AuthoredItem item, int number) {
        return AuthoredRevision.find(item, number)
                .orElseThrow(() -> Refusal.notFound(ProblemMessages::revision, item.id + "/" + number));
    }

    public Optional<AuthoredItem> find(ContentKind kind, String slug, String language) {
        return AuthoredItem.find(kind, slug, language);
    }

    /** The item, if this author may change it and it is still at the version the change was made on. */
    private AuthoredItem current(long id, long basedOnVersion, Author author) {
        AuthoredItem item = get(id);
        checkMayChange(item, author);
        if (item.version != basedOnVersion) {
            String at = CampusTime.moment(item.updatedAt);
            throw new Refusal.Conflict(EDIT_CONFLICT, Worded.of(AuthoringProblemMessages.class, AuthoringProblemMessages::edit_conflict_title),
                    language -> words(language).edit_conflict(item.updatedBy, named(item.kind).in(language), at, item.draftRevision), null);
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
            throw new Refusal.TooLarge("too-large", Worded.of(AuthoringProblemMessages.class, AuthoringProblemMessages::text_too_large_title), Worded.of(AuthoringProblemMessages.class, words -> words.text_too_large(text.length(), MAX_TEXT)),
                    Worded.of(AuthoringProblemMessages.class, words -> List.of(new Problem.FieldError("text", words.at_most_characters(MAX_TEXT)))));
        }
    }

    /** The last part of the problem type of content refused for its form. */
    static final String INVALID = "invalid-content";

    static Refusal invalid(String field, Refusal.Worded<String> message) {
        return new Refusal.Invalid(INVALID, Worded.of(AuthoringProblemMessages.class, AuthoringProblemMessages::invalid_content_title), Worded.fieldDetail(field, message),
                Worded.fieldErrors(field, message));
    }

    static Refusal conflict(Refusal.Worded<String> detail) {
        return new Refusal.Conflict("content-exists", Worded.of(ProblemMessages.class, ProblemMessages::conflict_title), detail, null);
    }

    /** This feature's problem bundle in a language, for words that mix its messages with others ({@link #named}). */
    static AuthoringProblemMessages words(Language language) {
        return ProblemMapper.words(AuthoringProblemMessages.class, language);
    }

    /** The kind of item as refusals name it, in the reader's language. */
    static Refusal.Worded<String> named(ContentKind kind) {
        return switch (kind) {
            case LESSON -> Worded.of(ProblemMessages.class, ProblemMessages::lesson);
            case QUIZ -> Worded.of(ProblemMessages.class, ProblemMessages::quiz);
            case SCENARIO -> Worded.of(ProblemMessages.class, ProblemMessages::scenario);
        };
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
