package lab.handshake.teacher;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What administrators do to teachers' accounts, and the rules: valid usernames and passwords, usernames never
 * reused, and no administrator disables or deletes their own account (so there is always one left). Disabling,
 * deleting and a new password end the teacher's logins at once. Deleting keeps the row, marked deleted, so
 * everything the teacher wrote stays attributed to them.
 */
@ApplicationScoped
public class TeacherAccounts {
    private static final Logger LOG = Logger.getLogger(TeacherAccounts.class);
    private static final int MAX_DISPLAY_NAME = 80;
    /** bcrypt reads at most 72 bytes; a longer password would only seem stronger. */
    static final int MAX_PASSWORD_LENGTH = 72;

    /** An account as administrators see it. */
    public record Account(String username, String displayName, boolean admin, boolean manager, TeacherStatus status,
                          Instant createdAt) {
        public boolean disabled() {
            return status == TeacherStatus.DISABLED;
        }

        static Account of(Teacher teacher) {
            return new Account(teacher.username, teacher.displayName, teacher.isAdmin(), teacher.isManager(), teacher.status,
                    teacher.createdAt);
        }
    }

    private final TeacherSessions sessions;

    public TeacherAccounts(TeacherSessions sessions) {
        this.sessions = sessions;
    }

    /** Every account that is not deleted. */
    @Transactional
    public List<Account> list() {
        return Teacher.<Teacher>list("status <> ?1 order by username", TeacherStatus.DELETED).stream().map(Account::of).toList();
    }

    @Transactional
    public Account create(String actor, String username, String displayName, String password) {
        if (username == null || !LoginForm.USERNAME.matcher(username).matches()) {
            throw new AccountRefusal(AccountRefusal.Reason.INVALID_USERNAME);
        }
        requireStrong(password);
        if (Teacher.findByUsername(username) != null) {
            throw new AccountRefusal(AccountRefusal.Reason.USERNAME_TAKEN);
        }
        String name = displayName == null || displayName.isBlank() ? username : displayName.strip();
        Teacher teacher = Teacher.create(username, password, name.length() > MAX_DISPLAY_NAME ? name.substring(0, MAX_DISPLAY_NAME) : name, false);
        LOG.infof("Administrator %s added the teacher account %s", actor, username);
        return Account.of(teacher);
    }

    @Transactional
    public Account disable(String actor, String username) {
        return Account.of(endAccess(actor, username, TeacherStatus.DISABLED));
    }

    @Transactional
    public Account enable(String actor, String username) {
        Teacher teacher = existing(username);
        teacher.status = TeacherStatus.ACTIVE;
        LOG.infof("Administrator %s enabled the teacher account %s", actor, username);
        return Account.of(teacher);
    }

    /**
     * Gives or takes the manager role: managers may replace the built-in curriculum and change every teacher's
     * items. It takes effect on the account's next request, since every request reads the roles afresh.
     */
    @Transactional
    public Account setManager(String actor, String username, boolean manager) {
        Teacher teacher = existing(username);
        teacher.setManager(manager);
        LOG.infof("Administrator %s %s the manager role %s the teacher account %s", actor, manager ? "gave" : "took",
                manager ? "to" : "from", username);
        return Account.of(teacher);
    }

    @Transactional
    public void delete(String actor, String username) {
        endAccess(actor, username, TeacherStatus.DELETED);
    }

    /** A new password; the teacher's other logins end (an administrator resetting their own stays signed in). */
    @Transactional
    public void resetPassword(String actor, String username, String password) {
        requireStrong(password);
        Teacher teacher = existing(username);
        teacher.passwordHash = BcryptUtil.bcryptHash(password);
        if (!teacher.username.equals(actor)) {
            sessions.closeAll(teacher);
        }
        LOG.infof("Administrator %s set a new password for the teacher account %s", actor, username);
    }

    /** Disabling or deleting: the account's logins end with it. */
    private Teacher endAccess(String actor, String username, TeacherStatus status) {
        Teacher teacher = othersAccount(actor, username);
        teacher.status = status;
        sessions.closeAll(teacher);
        LOG.infof("Administrator %s set the teacher account %s to %s", actor, username, status);
        return teacher;
    }

    private static void requireStrong(String password) {
        if (password == null || password.length() < FirstAdministrator.MIN_PASSWORD_LENGTH
                || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_LENGTH) {
            throw new AccountRefusal(AccountRefusal.Reason.WEAK_PASSWORD);
        }
    }

    private static Teacher existing(String username) {
        Teacher teacher = username == null ? null : Teacher.findByUsername(username);
        if (teacher == null || teacher.status == TeacherStatus.DELETED) {
            throw new AccountRefusal(AccountRefusal.Reason.NO_SUCH_ACCOUNT);
        }
        return teacher;
    }

    private static Teacher othersAccount(String actor, String username) {
        Teacher teacher = existing(username);
        if (teacher.username.equals(actor)) {
            throw new AccountRefusal(AccountRefusal.Reason.NOT_YOURSELF);
        }
        return teacher;
    }
}
