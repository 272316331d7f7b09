package io.holdfast.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings the schema up to date with the numbered scripts in {@code db/migration}, and the data
 * migrations written in Java ({@link FixedWidthTimestamps}). A store whose
 * schema is newer than this gateway knows (after a rollback, say) is refused rather than guessed at.
 */
final class Migrations {

    private Migrations() {
    }

    static void apply(DatabaseSettings settings) {
        try {
            Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(StoreConnections.dataSource(settings))
                    .locations("classpath:db/migration")
                    .javaMigrations(new FixedWidthTimestamps(), new CollectionIdentity())
                    .ignoreMigrationPatterns(new String[0])
                    .validateOnMigrate(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            if (e.getMessage() != null && e.getMessage().contains("not resolved locally")) {
                throw new StoreUnavailableException(settings.file(),
                        "has a schema newer than this gateway knows; install the matching gateway version", e);
            }
            throw StoreFailures.whileOpening(settings, e);
        }
    }
}
