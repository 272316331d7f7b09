package io.holdfast.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings the schema up to date with the numbered scripts in {@code db/migration}, and the data
 * migrations written in Java ({@link FixedWidthTimestamps}). Migrations only add (expand): a store
 * whose schema a newer release migrated still opens under the older one after a rollback, so Flyway
 * accepts migrations from the future; a backup is never restored over newer data to go back.
 */
final class Migrations {

    private Migrations() {
    }

    /** The store's schema. */
    static void apply(DatabaseSettings settings) {
        migrate(settings, Flyway.configure(Migrations.class.getClassLoader())
                .locations("classpath:db/migration")
                .javaMigrations(new FixedWidthTimestamps(), new CollectionIdentity()));
    }

    /** Another application's schema (the regional console's), from its own scripts only. */
    static void apply(DatabaseSettings settings, String location) {
        migrate(settings, Flyway.configure(Migrations.class.getClassLoader()).locations(location));
    }

    private static void migrate(DatabaseSettings settings, org.flywaydb.core.api.configuration.FluentConfiguration flyway) {
        try {
            flyway.dataSource(StoreConnections.dataSource(settings))
                    .ignoreMigrationPatterns("*:future")
                    .validateOnMigrate(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw StoreFailures.whileOpening(settings, e);
        }
    }
}
