package org.homeward.platform.keys;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Changing the master key (ADR 33): the new key in {@code homeward.keys.master-file}, the old one in
 * {@code homeward.keys.previous-master-file}; at start every data key and every other secret still sealed
 * under the old one ({@link SealedUnderMaster}) is re-sealed under the new one, in one transaction. Then the
 * old file can go.
 */
@ApplicationScoped
public class MasterKeyRotation {
    private static final Logger LOG = Logger.getLogger(MasterKeyRotation.class);

    void onStart(
            @Observes StartupEvent started,
            PersonKeys keys,
            @Any Instance<SealedUnderMaster> tables,
            AgroalDataSource dataSource,
            @ConfigProperty(name = "homeward.keys.previous-master-file") Optional<String> previousFile)
            throws SQLException {
        if (previousFile.isEmpty() || previousFile.get().isBlank() || !Files.exists(Path.of(previousFile.get()))) {
            return;
        }
        MasterKey previous = MasterKey.fromFile(Path.of(previousFile.get()));
        if (previous.id().equals(keys.master().id())) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int n = 0;
            for (SealedUnderMaster table : tables) {
                n += table.reseal(c, previous);
            }
            c.commit();
            LOG.infof(
                    "Re-sealed %d keys and secrets from master key %s under %s",
                    n, previous.id(), keys.master().id());
        }
    }
}
