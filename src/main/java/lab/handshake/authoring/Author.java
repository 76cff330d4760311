package lab.handshake.authoring;

import io.quarkus.security.identity.SecurityIdentity;
import lab.handshake.teacher.Teacher;

/**
 * The signed-in teacher who asks for a change, and whether their role (administrator or manager) lets them
 * change every teacher's items and the built-in curriculum.
 */
public record Author(String username, boolean mayChangeAnything) {

    static Author of(SecurityIdentity identity) {
        return new Author(identity.getPrincipal().getName(), identity.hasRole(Teacher.ADMIN) || identity.hasRole(Teacher.MANAGER));
    }
}
