package lab.handshake.teacher;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntity;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** A teacher's account; Quarkus Security JPA checks logins against it (passwords are bcrypt hashes). */
@Entity
@Table(name = "teacher")
@UserDefinition
public class Teacher extends PanacheEntity {
    public static final String TEACHER = "teacher";
    public static final String ADMIN = "admin";
    /** May change every teacher's content and replace the built-in curriculum, without the other admin powers. */
    public static final String MANAGER = "manager";

    @Username
    public String username;

    @Password
    public String passwordHash;

    /** Comma-separated: "teacher", "manager,teacher", or "admin,teacher" for an administrator. */
    @Roles
    public String roles;

    public String displayName;

    public Instant createdAt;

    /** Only an active account may sign in; Quarkus Security JPA checks the password, {@link LoginForm} this. */
    @Enumerated(EnumType.STRING)
    public TeacherStatus status = TeacherStatus.ACTIVE;

    public static Teacher create(String username, String password, String displayName, boolean admin) {
        Teacher teacher = new Teacher();
        teacher.username = username;
        teacher.passwordHash = BcryptUtil.bcryptHash(password);
        teacher.displayName = displayName;
        teacher.roles = admin ? ADMIN + "," + TEACHER : TEACHER;
        teacher.createdAt = Instant.now();
        teacher.persist();
        return teacher;
    }

    public Set<String> roleSet() {
        return Set.of(roles.split(","));
    }

    public boolean isAdmin() {
        return roleSet().contains(ADMIN);
    }

    public boolean isManager() {
        return roleSet().contains(MANAGER);
    }

    /** Gives or takes the manager role, keeping the others in their stored order. */
    void setManager(boolean manager) {
        List<String> kept = new ArrayList<>(Arrays.stream(roles.split(","))
                .filter(role -> !role.equals(MANAGER)).toList());
        if (manager) {
            kept.add(0, MANAGER);
        }
        roles = String.join(",", kept);
    }

    public static Teacher findByUsername(String username) {
        return find("username", username).firstResult();
    }
}
