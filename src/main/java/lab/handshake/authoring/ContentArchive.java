package lab.handshake.authoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.content.AuthoredItem;
import lab.handshake.content.AuthoredRevision;
import lab.handshake.content.ContentKind;
import lab.handshake.engine.Language;
import lab.handshake.lesson.Lesson;
import lab.handshake.lesson.LessonCatalogue;

/**
 * Teachers' content as a zip of files laid out exactly like {@code content/} ({@code lessons/zh/NN-id.md},
 * {@code quizzes/id.yaml}, {@code scenarios/id.yaml}), so that a course can be kept in git and imported
 * back. An import adds each file as a new revision of the item it names (or a new item); nothing is lost. A
 * file that would change an item the importer may not change is refused, and the rest are imported.
 */
@ApplicationScoped
public class ContentArchive {
    static final int MAX_FILES = 300;
    private static final Pattern LESSON_PATH = Pattern.compile("(?:.*/)?lessons/(en|zh)/[^/]+\\.md");
    private static final Pattern BANK_PATH = Pattern.compile("(?:.*/)?(quizzes|scenarios)/([^/]+)\\.ya?ml");

    /**
     * What an import did with one file of the archive. {@code notAllowed}: for a file refused because the
     * importer may not change that item, why; otherwise null.
     */
    public record ImportedFile(String path, Outcome outcome, String detail, NotAllowed notAllowed) {
        ImportedFile(String path, Outcome outcome, String detail) {
            this(path, outcome, detail, null);
        }
    }

    /** Why a file was refused: {@code reason} not-an-editor (ask {@code owner}) or built-in. */
    public record NotAllowed(String reason, String owner) {
    }

    public enum Outcome { CREATED, UPDATED, UNCHANGED, PUBLISHED, REFUSED, IGNORED }

    private final AuthoringService authoring;

    public ContentArchive(AuthoringService authoring) {
        this.authoring = authoring;
    }

    /** Every teacher item's draft (its newest text), as files. */
    public byte[] export() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (AuthoredItem item : authoring.list()) {
                zip.putNextEntry(new ZipEntry(path(item)));
                zip.write(item.draftText.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The file an item is in an export, and would be under {@code content/}. */
    static String path(AuthoredItem item) {
        if (item.kind != ContentKind.LESSON) {
            return item.kind.folder() + "/" + item.slug + ".yaml";
        }
        String order = lesson(item.language, item.draftText).map(lesson -> String.format("%02d", lesson.order())).orElse("00");
        return "lessons/" + item.language + "/" + order + "-" + item.slug + ".md";
    }

    /**
     * Reads an archive and stores each file as the draft of its item; with {@code publish}, every file without
     * problems is published too. The report says what became of each file in {@code language}.
     */
    @Transactional
    public List<ImportedFile> importArchive(InputStream archive, boolean publish, Author author, Language language) {
        List<ImportedFile> report = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(archive, StandardCharsets.UTF_8)) {
            int files = 0;
            int entries = 0;
            for (ZipEntry entry = nextEntry(zip, ++entries); entry != null; entry = nextEntry(zip, ++entries)) {
                if (entry.isDirectory()) {
                    continue;
                }
                if (++files > MAX_FILES) {
                    throw new Refusal.TooLarge("too-large", Worded.of(AuthoringProblemMessages.class, AuthoringProblemMessages::archive_too_large_title), Worded.of(AuthoringProblemMessages.class, words -> words.archive_too_many_files(MAX_FILES)), null);
                }
                report.add(importFile(entry.getName(), zip, publish, author, language));
            }
        } catch (IOException e) {
            throw new Refusal.Invalid("invalid-archive", Worded.of(AuthoringProblemMessages.class, AuthoringProblemMessages::invalid_archive_title), Worded.of(AuthoringProblemMessages.class, words -> words.archive_unreadable(e.getMessage())), null);
        }
        if (report.isEmpty()) {
            throw new Refusal.Invalid("invalid-archive", Worded.of(AuthoringProblemMessages.class, AuthoringProblemMessages::invalid_archive_title), Worded.of(AuthoringProblemMessages.class, AuthoringProblemMessages::archive_empty), null);
        }
        return report;
    }

    /** The next entry; its name must be UTF-8, as git and current zip tools write it. */
    private static ZipEntry nextEntry(ZipInputStream zip, int number) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (IllegalArgumentException notUtf8) {
            // ZipInputStream's way of saying that the entry's name cannot be decoded.
            throw new Refusal.Invalid("invalid-archive", Worded.of(AuthoringProblemMessages.class, AuthoringProblemMessages::invalid_archive_title), Worded.of(AuthoringProblemMessages.class, words -> words.archive_name_not_utf8(number)), null);
        }
    }

    private ImportedFile importFile(String path, InputStream zip, boolean publish, Author author, Language reportLanguage) throws IOException {
        AuthoringProblemMessages words = AuthoringService.words(reportLanguage);
        Matcher lessonPath = LESSON_PATH.matcher(path);
        Matcher bankPath = BANK_PATH.matcher(path);
        if (!lessonPath.matches() && !bankPath.matches()) {
            return new ImportedFile(path, Outcome.IGNORED, words.import_not_content());
        }
        byte[] bytes = zip.readNBytes(AuthoringService.MAX_TEXT * 4 + 1);
        if (bytes.length > AuthoringService.MAX_TEXT * 4) {
            return new ImportedFile(path, Outcome.REFUSED, words.import_too_large(AuthoringService.MAX_TEXT));
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        ContentKind kind;
        String slug;
        String language;
        if (lessonPath.matches()) {
            kind = ContentKind.LESSON;
            language = lessonPath.group(1);
            Optional<Lesson> lesson = lesson(language, text);
            if (lesson.isEmpty()) {
                return new ImportedFile(path, Outcome.REFUSED, words.import_no_front_matter());
            }
            slug = lesson.get().id();
        } else {
            kind = bankPath.group(1).equals("quizzes") ? ContentKind.QUIZ : ContentKind.SCENARIO;
            language = ContentKind.BOTH_LANGUAGES;
            slug = bankPath.group(2);
        }
        try {
            Optional<AuthoredItem> existing = authoring.find(kind, slug, language);
            AuthoredItem item;
            Outcome outcome;
            if (existing.isPresent()) {
                authoring.checkMayChange(existing.get(), author);
                int before = existing.get().draftRevision;
                item = authoring.replaceDraft(existing.get(), text, AuthoredRevision.Action.IMPORT, author.username());
                outcome = item.draftRevision == before ? Outcome.UNCHANGED : Outcome.UPDATED;
            } else {
                String itemLanguage = authoring.checkIdentity(kind, slug, language, author);
                item = authoring.insert(kind, slug, itemLanguage, text, AuthoredRevision.Action.IMPORT, author.username());
                outcome = Outcome.CREATED;
            }
            List<DraftProblem> problems = authoring.draftProblems(item);
            if (publish && problems.isEmpty() && !item.draftText.equals(item.publishedText)) {
                authoring.publishDraft(item, author.username());
                outcome = Outcome.PUBLISHED;
            }
            return new ImportedFile(path, outcome, problems.isEmpty() ? AuthoringService.named(kind).in(reportLanguage) + " " + slug : ProblemMapper.words(reportLanguage).problem_list(DraftProblem.lines(problems, reportLanguage)));
        } catch (NotAllowedException refused) {
            return new ImportedFile(path, Outcome.REFUSED, refused.detail(reportLanguage), new NotAllowed(refused.why().code(), refused.owner()));
        } catch (Refusal refused) {
            return new ImportedFile(path, Outcome.REFUSED, refused.detail(reportLanguage));
        }
    }

    private static Optional<Lesson> lesson(String language, String text) {
        try {
            return Optional.of(LessonCatalogue.parse(Language.parse(language), text));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
