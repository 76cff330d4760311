package lab.handshake.teacher;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import lab.handshake.config.HandshakeConfig;
import org.jboss.logging.Logger;

/**
 * The first administrator comes from the environment (HANDSHAKE_ADMIN_USERNAME, HANDSHAKE_ADMIN_PASSWORD) when
 * no account exists yet; administrators then add teachers in the application. Made at start, beside the template
 * engine ({@code startup.BesideTemplateEngine}): its bcrypt hash is a large part of a first start.
 */
@ApplicationScoped
public class FirstAdministrator {
    private static final Logger LOG = Logger.getLogger(FirstAdministrator.class);
    static final int MIN_PASSWORD_LENGTH = 10;

    private final Optional<String> username;
    private final Optional<String> password;

    public FirstAdministrator(HandshakeConfig config) {
        this.username = config.admin().username();
        this.password = config.admin().password();
    }

    @Transactional
    public void createIfNoAccount() {
        if (Teacher.count() > 0) {
            return;
        }
        if (username.isEmpty() || password.isEmpty()) {
            LOG.warn("No teacher account exists; set HANDSHAKE_ADMIN_USERNAME and HANDSHAKE_ADMIN_PASSWORD to create the first administrator.");
            return;
        }
        if (password.get().length() < MIN_PASSWORD_LENGTH) {
            LOG.errorf("HANDSHAKE_ADMIN_PASSWORD must have at least %d characters; no administrator created.", MIN_PASSWORD_LENGTH);
            return;
        }
        Teacher.create(username.get(), password.get(), username.get(), true);
        LOG.infof("Created the first administrator '%s'", username.get());
    }
}
