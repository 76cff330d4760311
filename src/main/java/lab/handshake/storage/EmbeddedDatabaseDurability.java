package lab.handshake.storage;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes the embedded H2 database write every commit to its file before the commit returns, so that an answer
 * that says "saved" is never undone by a crash of the process ({@code kill -9}, an out-of-memory kill, a
 * container restart). H2 otherwise keeps commits in memory for up to 500 ms ({@code WRITE_DELAY}) and a crash
 * in that window lost about 1.4 % of acknowledged writes under load. The setting is persistent in the database
 * file; setting it at every start also covers an H2 URL an operator wrote without it. PostgreSQL needs nothing:
 * it flushes its write-ahead log on commit ({@code synchronous_commit = on}, its default).
 */
@ApplicationScoped
public class EmbeddedDatabaseDurability {
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabaseDurability.class);

    private final AgroalDataSource dataSource;
    private final String databaseKind;

    public EmbeddedDatabaseDurability(AgroalDataSource dataSource, @ConfigProperty(name = "quarkus.datasource.db-kind") String databaseKind) {
        this.dataSource = dataSource;
        this.databaseKind = databaseKind;
    }

    /** First of the start's observers, before anything at start writes (the first administrator, the LTI keys). */
    void writeEveryCommitAtOnce(@Observes @Priority(Integer.MIN_VALUE) StartupEvent start) throws SQLException {
        if (!"h2".equals(databaseKind)) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET WRITE_DELAY 0");
        }
        LOG.debug("H2 writes every commit to its file before the commit returns (WRITE_DELAY 0)");
    }
}
