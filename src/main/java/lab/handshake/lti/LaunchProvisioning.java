package lab.handshake.lti;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import lab.handshake.classes.ClassCoTeacher;
import lab.handshake.classes.ClassMember;
import lab.handshake.classes.ClassService;
import lab.handshake.classes.SchoolClass;
import lab.handshake.teacher.Teacher;

/**
 * What a validated launch makes here, in one transaction: the LMS user (a learner id; for an instructor also a
 * teacher account with a random password nobody knows), the course's class (owned by its first instructor, taught
 * by the later ones too; learners become members), the launch of a quiz (its class, and its line item when graded), and a one-time ticket that signs the user in when its link is opened.
 */
@ApplicationScoped
public class LaunchProvisioning {
    static final Duration TICKET_LIFETIME = Duration.ofMinutes(2);
    private static final int TICKET_BYTES = 32;
    private static final int MAX_TICKET_LENGTH = 64;
    private static final String DEFAULT_CLASS_NAME = "LMS course";
    private static final String DEFAULT_TEACHER_NAME = "LMS instructor";

    private final ClassService classes;
    private final GradePassback grades;
    private final SecureRandom random = new SecureRandom();

    public LaunchProvisioning(ClassService classes, GradePassback grades) {
        this.classes = classes;
        this.grades = grades;
    }

    /** What a ticket signs in: the learner, their teacher account (by username) if any, the class to show. */
    public record Admitted(String learnerId, String teacherUsername, String classJoinCode, String targetPath) {
    }

    /** A provisioned launch: the ticket for the sign-in link, and what the launch page says. */
    public record Launched(String ticket, String name, LtiRole role, String className) {
    }

    /** Provisions the launch and returns its ticket; a first launch racing another for the same user or course is retried once. */
    public Launched admit(ValidatedLaunch launch) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> admitOnce(launch));
        } catch (RuntimeException e) {
            if (!isConstraintViolation(e)) {
                throw e;
            }
            return QuarkusTransaction.requiringNew().call(() -> admitOnce(launch));
        }
    }

    private Launched admitOnce(ValidatedLaunch launch) {
        LtiUser user = user(launch);
        Long classId = null;
        String className = null;
        if (launch.contextId() != null) {
            SchoolClass schoolClass = courseClass(launch);
            classId = schoolClass.id;
            className = schoolClass.name;
            if (launch.role() == LtiRole.INSTRUCTOR) {
                if (schoolClass.ownerId == null) {
                    schoolClass.ownerId = user.teacherId;
                } else {
                    // A course has several instructors; each later one teaches its class with the first.
                    ClassCoTeacher.add(schoolClass, user.teacherId);
                }
            } else {
                ClassMember.enrol(schoolClass.id, user.learnerId, ClassService.memberNameFrom(user.name));
            }
        }
        grades.recordLink(launch, user.learnerId, classId);
        byte[] bytes = new byte[TICKET_BYTES];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        LtiSessionTicket row = new LtiSessionTicket();
        row.ticketHash = hash(ticket);
        row.learnerId = user.learnerId;
        row.teacherId = launch.role() == LtiRole.INSTRUCTOR ? user.teacherId : null;
        row.classId = classId;
        row.targetPath = launch.targetPath();
        row.expiresAt = Instant.now().plus(TICKET_LIFETIME);
        row.persistAndFlush();
        return new Launched(ticket, user.name, launch.role(), className);
    }

    private static LtiUser user(ValidatedLaunch launch) {
        LtiUser user = LtiUser.of(launch.platform().id, launch.subject());
        if (user == null) {
            user = new LtiUser();
            user.platformId = launch.platform().id;
            user.subject = launch.subject();
            user.learnerId = UUID.randomUUID().toString();
        }
        if (launch.name() != null) {
            user.name = launch.name();
        }
        if (launch.role() == LtiRole.INSTRUCTOR && user.teacherId == null) {
            user.teacherId = instructorAccount(launch).id;
        }
        user.persistAndFlush();
        return user;
    }

    /** A teacher account named after the platform and subject; its password is random and never shown, so only launches sign it in. */
    private static Teacher instructorAccount(ValidatedLaunch launch) {
        String username = "lti-" + hash(launch.platform().id + "\n" + launch.subject()).substring(0, 20);
        Teacher existing = Teacher.findByUsername(username);
        if (existing != null) {
            return existing;
        }
        byte[] password = new byte[32];
        new SecureRandom().nextBytes(password);
        return Teacher.create(username, Base64.getEncoder().encodeToString(password),
                launch.name() == null ? DEFAULT_TEACHER_NAME : launch.name(), false);
    }

    private SchoolClass courseClass(ValidatedLaunch launch) {
        LtiContext context = LtiContext.of(launch.platform().id, launch.contextId());
        if (context != null) {
            if (launch.membershipsUrl() != null) {
                context.membershipsUrl = launch.membershipsUrl();
            }
            return SchoolClass.findById(context.classId);
        }
        SchoolClass created = classes.create(launch.contextTitle() == null ? DEFAULT_CLASS_NAME : launch.contextTitle(), null);
        context = new LtiContext();
        context.platformId = launch.platform().id;
        context.contextId = launch.contextId();
        context.classId = created.id;
        context.membershipsUrl = launch.membershipsUrl();
        context.persistAndFlush();
        return created;
    }

    /** Spends a ticket: what it signs in, if it was issued, is unexpired and was not spent before. */
    public Optional<Admitted> redeem(String ticket) {
        if (ticket == null || ticket.isEmpty() || ticket.length() > MAX_TICKET_LENGTH) {
            return Optional.empty();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            LtiSessionTicket row = LtiSessionTicket.findById(hash(ticket));
            if (row == null || LtiSessionTicket.delete("ticketHash = ?1 and expiresAt > ?2", row.ticketHash, Instant.now()) != 1) {
                return Optional.empty();
            }
            SchoolClass schoolClass = row.classId == null ? null : SchoolClass.findById(row.classId);
            Teacher teacher = row.teacherId == null ? null : Teacher.findById(row.teacherId);
            return Optional.of(new Admitted(row.learnerId, teacher == null ? null : teacher.username,
                    schoolClass == null ? null : schoolClass.joinCode, row.targetPath));
        });
    }

    private static boolean isConstraintViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
