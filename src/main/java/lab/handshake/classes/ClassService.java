package lab.handshake.classes;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import lab.handshake.api.Problem;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.limits.ClientLimit;
import lab.handshake.limits.ClientLimits;

/**
 * Classes: teachers create them and get a random join code; learners join with the code; an attempt may name
 * only a class its learner has joined. Its refusals are typed ({@link UnknownClass}, {@link NotInClass},
 * {@link InvalidClass}) so that pages catch them by type and say them in the reader's language.
 */
@ApplicationScoped
public class ClassService {
    public static final String UNKNOWN_CLASS = "unknown-class";
    public static final String NOT_IN_CLASS = "not-in-class";
    public static final String INVALID_CLASS = "invalid-class";
    public static final String INVALID_MEMBER_NAME = "invalid-member-name";
    public static final int MAX_NAME_LENGTH = 80;

    /** A join code no class has: 404 when joining with it, 422 for an attempt that names it. */
    public static final class UnknownClass extends Refusal {
        UnknownClass(Kind kind, Worded<String> detail, String field) {
            super(kind, UNKNOWN_CLASS, Worded.of(ClassProblemMessages.class, ClassProblemMessages::unknown_class_title), detail,
                    Worded.of(ClassProblemMessages.class, words -> List.of(new Problem.FieldError(field, words.not_a_class_code()))));
        }
    }

    /** An attempt for a class its learner has not joined. */
    public static final class NotInClass extends Refusal.NotAllowed {
        NotInClass(String joinCode) {
            super(NOT_IN_CLASS, Worded.of(ClassProblemMessages.class, ClassProblemMessages::not_in_class_title), Worded.of(ClassProblemMessages.class, words -> words.not_joined(joinCode)),
                    Worded.of(ClassProblemMessages.class, words -> List.of(new Problem.FieldError("classCode", words.names_class_not_joined()))));
        }
    }

    /** A class name that cannot be used. */
    public static final class InvalidClass extends Refusal.Invalid {
        InvalidClass() {
            super(INVALID_CLASS, Worded.of(ClassProblemMessages.class, ClassProblemMessages::invalid_class_title),
                    Worded.fieldDetail("name", Worded.of(ClassProblemMessages.class, words -> words.class_name_length(MAX_NAME_LENGTH))),
                    Worded.fieldErrors("name", Worded.of(ClassProblemMessages.class, words -> words.class_name_length(MAX_NAME_LENGTH))));
        }
    }

    /** A name a learner gives on joining that cannot be used. */
    public static final class InvalidMemberName extends Refusal.Invalid {
        InvalidMemberName() {
            super(INVALID_MEMBER_NAME, Worded.of(ClassProblemMessages.class, ClassProblemMessages::invalid_name_title),
                    Worded.fieldDetail("displayName", Worded.of(ClassProblemMessages.class, words -> words.member_name_length(MAX_NAME_LENGTH))),
                    Worded.fieldErrors("displayName", Worded.of(ClassProblemMessages.class, words -> words.member_name_length(MAX_NAME_LENGTH))));
        }
    }

    /** One member of a class as its teacher sees them: the name they gave, or "Student n" in the reader's language. */
    public record RosterEntry(long memberId, int number, String name, boolean pseudonym, Instant joinedAt) {
    }

    /** A class's members in joining order, and each learner's entry (the learner id stays on the server). */
    public record Roster(List<RosterEntry> members, Map<String, RosterEntry> byLearner) {
        /** The entry of a learner who is not (or no longer) a member: the name of their attempt, or a dash. */
        public String nameOf(String learnerId, String fallback) {
            RosterEntry entry = byLearner.get(learnerId);
            return entry != null ? entry.name() : fallback == null ? "—" : fallback;
        }
    }

    /** Upper-case letters and digits without the look-alikes 0/O and 1/I, so a code read aloud is typed right. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    /** 10 characters of 32: 50 random bits, far beyond guessing at any rate a server answers. */
    private static final int CODE_LENGTH = 10;
    /** What a class's code may look like in an address or a form (legacy codes keep their '-' and '_'). */
    private static final Pattern CODE_FORM = Pattern.compile("[A-Z0-9_-]{1,48}");

    /** A class as its learners see it. */
    public record JoinedClass(String joinCode, String name) {
        static JoinedClass of(SchoolClass schoolClass) {
            return new JoinedClass(schoolClass.joinCode, schoolClass.name);
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final ClientLimits limits;

    public ClassService(ClientLimits limits) {
        this.limits = limits;
    }

    /** A class owned by this teacher, or by nobody yet (an LMS course before its instructor's first launch). */
    @Transactional
    public SchoolClass create(String name, Long ownerId) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidClass();
        }
        SchoolClass created = new SchoolClass();
        created.name = trimmed;
        created.joinCode = freshCode();
        created.ownerId = ownerId;
        created.createdAt = Instant.now();
        created.persist();
        return created;
    }

    private String freshCode() {
        while (true) {
            StringBuilder code = new StringBuilder(CODE_LENGTH);
            for (int i = 0; i < CODE_LENGTH; i++) {
                code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            if (SchoolClass.byJoinCode(code.toString()) == null) {
                return code.toString();
            }
        }
    }

    /**
     * The learner joins the class with this code, under the name they give (blank: none, a pseudonym stands for
     * them); joining again changes only the name, if one is given. 404 for an unknown code, and 429 once the
     * client (a {@link lab.handshake.api.ClientKey}) has tried too many unknown codes.
     */
    public JoinedClass join(String joinCode, String learnerId, String clientKey, String displayName) {
        String name = memberName(displayName);
        try {
            return QuarkusTransaction.requiringNew().call(() -> joinOnce(joinCode, learnerId, clientKey, name));
        } catch (RuntimeException e) {
            if (!isDuplicateMembership(e)) {
                throw e;
            }
            // The same learner joined at the same moment (a double click, a second tab): they are a member now.
            return QuarkusTransaction.requiringNew().call(() -> joinOnce(joinCode, learnerId, clientKey, name));
        }
    }

    private JoinedClass joinOnce(String joinCode, String learnerId, String clientKey, String name) {
        SchoolClass schoolClass = joinable(joinCode, clientKey).orElseThrow(() -> new UnknownClass(Refusal.Kind.NOT_FOUND,
                Worded.of(ClassProblemMessages.class, words -> words.no_class_to_join(shown(joinCode))), "joinCode"));
        ClassMember.enrol(schoolClass.id, learnerId, name);
        return JoinedClass.of(schoolClass);
    }

    /** A name as given on joining: stripped, null when blank, refused when too long or not on one line. */
    private static String memberName(String displayName) {
        String trimmed = displayName == null ? "" : displayName.strip();
        if (trimmed.length() > MAX_NAME_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidMemberName();
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** A name that comes from elsewhere (the LMS) made to fit the roster: one line, at most the longest name kept. */
    public static String memberNameFrom(String external) {
        if (external == null) {
            return null;
        }
        String line = external.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (line.length() > MAX_NAME_LENGTH) {
            line = line.substring(0, line.offsetByCodePoints(0, line.codePointCount(0, MAX_NAME_LENGTH - 1))).strip();
        }
        return line.isEmpty() ? null : line;
    }

    /** The class's roster; those who gave no name are "Student n" in this language, n their place in joining order. */
    @Transactional
    public Roster roster(SchoolClass schoolClass, String language) {
        ClassMessages words = MessageBundles.get(ClassMessages.class, Localized.Literal.of(language));
        List<RosterEntry> members = new ArrayList<>();
        Map<String, RosterEntry> byLearner = new HashMap<>();
        List<ClassMember> rows = ClassMember.rosterOf(schoolClass.id);
        for (int i = 0; i < rows.size(); i++) {
            ClassMember row = rows.get(i);
            boolean pseudonym = row.displayName == null;
            RosterEntry entry = new RosterEntry(row.id, i + 1, pseudonym ? words.roster_pseudonym(i + 1) : row.displayName,
                    pseudonym, row.joinedAt);
            members.add(entry);
            byLearner.put(row.learnerId, entry);
        }
        return new Roster(List.copyOf(members), Map.copyOf(byLearner));
    }

    /** The learner behind a roster entry of this class, for the teacher's per-student view. */
    @Transactional
    public Optional<String> learnerOf(SchoolClass schoolClass, long memberId) {
        return Optional.ofNullable(ClassMember.<ClassMember>findById(memberId))
                .filter(member -> member.classId == schoolClass.id).map(member -> member.learnerId);
    }

    private static boolean isDuplicateMembership(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }

    @Transactional
    public List<JoinedClass> joinedBy(String learnerId) {
        return learnerId == null ? List.of() : SchoolClass.joinedBy(learnerId).stream().map(JoinedClass::of).toList();
    }

    /**
     * The id of the class an attempt is submitted for, or null for none. A code no class has is refused with
     * 422 (counted as a wrong join code, as in {@link #join}), a class the learner has not joined with 403.
     */
    @Transactional
    public Long forAttempt(String joinCode, String learnerId, String clientKey) {
        if (joinCode == null || joinCode.isBlank()) {
            return null;
        }
        SchoolClass schoolClass = joinable(joinCode, clientKey).orElseThrow(() -> new UnknownClass(Refusal.Kind.UNUSABLE,
                Worded.of(ClassProblemMessages.class, words -> words.no_class_for_attempt(shown(joinCode))), "classCode"));
        if (learnerId == null || !ClassMember.isMember(schoolClass.id, learnerId)) {
            throw new NotInClass(schoolClass.joinCode);
        }
        return schoolClass.id;
    }

    /** Every class this teacher manages. */
    @Transactional
    public List<SchoolClass> managedBy(ClassViewer viewer) {
        return viewer.admin() ? SchoolClass.everyClass() : SchoolClass.taughtBy(viewer.teacherId());
    }

    /** The class with this code, if this teacher manages it; to anyone else it does not exist. */
    @Transactional
    public Optional<SchoolClass> managed(ClassViewer viewer, String code) {
        String normalized = code == null ? "" : code.strip().toUpperCase();
        if (!CODE_FORM.matcher(normalized).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(SchoolClass.byJoinCode(normalized)).filter(viewer::manages);
    }

    /**
     * {@link #joinable(String)}, for a client that has not run out of wrong codes; a code no class has costs one,
     * so that guessing codes (both answers tell whether a class exists) is bounded per client.
     */
    private Optional<SchoolClass> joinable(String joinCode, String clientKey) {
        limits.checkBucket(ClientLimit.WRONG_JOIN_CODES, clientKey);
        Optional<SchoolClass> found = joinable(joinCode);
        if (found.isEmpty()) {
            limits.take(ClientLimit.WRONG_JOIN_CODES, clientKey);
        }
        return found;
    }

    /** A class learners may join or submit for: typed case-insensitively, with spaces and dashes ignored. */
    private static Optional<SchoolClass> joinable(String joinCode) {
        String normalized = joinCode == null ? "" : joinCode.replaceAll("[\\s-]", "").toUpperCase();
        if (normalized.length() != CODE_LENGTH || !CODE_FORM.matcher(normalized).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(SchoolClass.byJoinCode(normalized)).filter(found -> !found.legacy);
    }

    /** A code as the learner typed it, bounded, for the message. */
    private static String shown(String joinCode) {
        String text = joinCode == null ? "" : joinCode.strip();
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }
}
