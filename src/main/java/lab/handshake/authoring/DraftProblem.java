package lab.handshake.authoring;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;
import java.util.Optional;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.ReadingProblem;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.api.ViolationWords;
import lab.handshake.content.ContentKind;
import lab.handshake.engine.Language;
import lab.handshake.engine.SimulationLimitException;
import lab.handshake.engine.spec.Violation;
import lab.handshake.lesson.MalformedLesson;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * One thing wrong with a teacher's draft, as a value: what is wrong and what it is about. It is worded only where it
 * is shown, in the reader's language, from the problem bundle that also words the refusal to publish it. Nothing
 * stores it: the checks run again whenever a draft's problems are shown.
 */
public sealed interface DraftProblem extends Refusal.Worded<String> {

    /** The problems in {@code language}, one line each. */
    static List<String> lines(List<DraftProblem> problems, Language language) {
        return problems.stream().map(problem -> problem.in(language)).toList();
    }

    /** The id written in the text is not the item's. */
    record IdMismatch(ContentKind kind, String written, String expected) implements DraftProblem {
        @Override
        public String in(Language language) {
            return AuthoringService.words(language).draft_id_mismatch(written, AuthoringService.named(kind).in(language), expected);
        }
    }

    record EmptyTitle() implements DraftProblem {
        @Override
        public String in(Language language) {
            return AuthoringService.words(language).draft_empty_title();
        }
    }

    /** The list {@code field} (a lesson's {@code scenarios} or {@code quizzes}) names an item that does not exist. */
    record NoSuchItem(String field, ContentKind kind, String id) implements DraftProblem {
        @Override
        public String in(Language language) {
            return AuthoringService.words(language).draft_no_such_item(field, AuthoringService.named(kind).in(language), id);
        }
    }

    /** A scenario draft breaks a rule of the specification. */
    record Breaks(Violation violation) implements DraftProblem {
        @Override
        public String in(Language language) {
            return ViolationWords.line(violation, ProblemMapper.words(language));
        }
    }

    /** A scenario draft that would run past one of the simulation's bounds. */
    record TooLargeToRun(long limit, String what) implements DraftProblem {
        static TooLargeToRun of(SimulationLimitException limit) {
            return new TooLargeToRun(limit.limit(), limit.what());
        }

        @Override
        public String in(Language language) {
            return ProblemMapper.words(language).simulation_limit(limit, what);
        }
    }

    /**
     * The text cannot be read: the line (null when the reader gives none) and why, in the reader's language: a
     * value of the wrong shape or an unknown property ({@link ReadingProblem}), a syntax error, a lesson without its
     * front matter ({@link MalformedLesson}); anything else as its first line.
     */
    record Unreadable(Integer line, Refusal.Worded<String> reason) implements DraftProblem {
        static Unreadable of(Exception e) {
            Integer line = e instanceof JsonProcessingException parse && parse.getLocation() != null
                    ? parse.getLocation().getLineNr() : null;
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof MalformedLesson lesson) {
                    return new Unreadable(line, lesson);
                }
                if (cause instanceof JsonMappingException mapping) {
                    Optional<ReadingProblem> problem = ReadingProblem.of(mapping);
                    if (problem.isPresent()) {
                        return new Unreadable(line, problem.get());
                    }
                }
                if (cause instanceof JsonParseException syntax) {
                    Integer column = syntax.getLocation() == null ? null : syntax.getLocation().getColumnNr();
                    String problem = syntax.getCause() instanceof MarkedYAMLException yaml ? yaml.getProblem()
                            : firstLine(syntax.getOriginalMessage());
                    return new Unreadable(line, language -> AuthoringService.words(language).draft_malformed(column, problem));
                }
            }
            String reason = firstLine(e);
            return new Unreadable(line, language -> AuthoringService.words(language).draft_unreadable_otherwise(reason));
        }

        @Override
        public String in(Language language) {
            return AuthoringService.words(language).draft_unreadable(line, reason.in(language));
        }
    }

    /** Rendering the lesson's page as a student would get it failed; the reason is the failure's first line (English only). */
    record PageNotShown(String reason) implements DraftProblem {
        @Override
        public String in(Language language) {
            return AuthoringService.words(language).draft_page_not_shown(reason);
        }
    }

    /**
     * What the checks a draft shares with the built-in files found, worded as those checks word it (the server log
     * words the built-in files' problems in English).
     */
    record Shared(Refusal.Worded<String> problem) implements DraftProblem {
        @Override
        public String in(Language language) {
            return problem.in(language);
        }
    }

    /** A failure's first line, without Java class names. */
    static String firstLine(Exception e) {
        return firstLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String firstLine = newline < 0 ? message : message.substring(0, newline);
        return firstLine.replaceAll("\\(class [^)]*\\)", "").strip();
    }
}
