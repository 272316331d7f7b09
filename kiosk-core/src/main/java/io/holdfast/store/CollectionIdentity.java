package io.holdfast.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 17: a hand-over records what was checked beyond the method, the kind of photo ID seen
 * and a proxy collector's name, and the method may be {@code PROXY}. SQLite cannot change a CHECK
 * constraint in place, so {@code collections} is rebuilt the way SQLite documents: foreign keys off,
 * in one transaction copy every row into the new table, replace the old one, check every foreign
 * key, commit, foreign keys on. A row that does not copy rolls the whole change back.
 */
final class CollectionIdentity implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("17");
    }

    @Override
    public String getDescription() {
        return "collection identity";
    }

    @Override
    public Integer getChecksum() {
        return 17;
    }

    /** Foreign keys can be switched off only outside a transaction; this migration makes its own. */
    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA foreign_keys = OFF");
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                rebuild(statement);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
                statement.execute("PRAGMA foreign_keys = ON");
            }
        }
    }

    private static void rebuild(Statement statement) throws SQLException {
        statement.execute("""
                CREATE TABLE collections_v17 (
                    collection_id TEXT    NOT NULL PRIMARY KEY,
                    order_id      TEXT    NOT NULL REFERENCES orders (order_id),
                    collected_at  TEXT    NOT NULL,
                    staff_id      TEXT    NOT NULL,
                    verification  TEXT    NOT NULL
                                  CHECK (verification IN ('COLLECTION_CODE', 'QR_CODE', 'ID_SEEN', 'PROXY')),
                    offline       INTEGER NOT NULL CHECK (offline IN (0, 1)),
                    printer_id    TEXT,
                    photo_id      TEXT CHECK (photo_id IN ('DRIVING_LICENCE', 'PASSPORT', 'NATIONAL_ID_CARD',
                                                           'OTHER_PHOTO_ID')),
                    collector     TEXT,
                    CHECK (verification <> 'PROXY' OR (collector IS NOT NULL AND photo_id IS NOT NULL))
                ) STRICT""");
        long before = count(statement, "collections");
        statement.execute("""
                INSERT INTO collections_v17 (collection_id, order_id, collected_at, staff_id, verification, offline,
                                             printer_id)
                SELECT collection_id, order_id, collected_at, staff_id, verification, offline, printer_id
                FROM collections""");
        long copied = count(statement, "collections_v17");
        if (copied != before) {
            throw new SQLException("collections: copied " + copied + " of " + before + " rows; nothing changed");
        }
        statement.execute("DROP TABLE collections");
        statement.execute("ALTER TABLE collections_v17 RENAME TO collections");
        statement.execute("CREATE INDEX collections_by_order ON collections (order_id)");
        try (ResultSet broken = statement.executeQuery("PRAGMA foreign_key_check")) {
            if (broken.next()) {
                throw new SQLException("a foreign key no longer holds after rebuilding collections: table "
                        + broken.getString(1) + ", row " + broken.getLong(2) + "; nothing changed");
            }
        }
    }

    private static long count(Statement statement, String table) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
