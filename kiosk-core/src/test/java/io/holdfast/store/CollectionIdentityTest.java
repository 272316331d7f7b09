package io.holdfast.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migration 17 rebuilds {@code collections} to allow PROXY: every row and every reference to it survive. */
class CollectionIdentityTest {

    @TempDir
    Path folder;

    @Test
    void aStoresHandOversSurviveTheRebuildAndTheNewRulesHold() throws SQLException {
        DatabaseSettings settings = DatabaseSettings.of(folder.resolve("holdfast.db"));
        Flyway.configure(getClass().getClassLoader()).dataSource(StoreConnections.dataSource(settings))
                .locations("classpath:db/migration").javaMigrations(new FixedWidthTimestamps())
                .target("16").load().migrate();
        String at = "2026-11-21T09:00:00.000000000Z";
        try (Connection connection = StoreConnections.dataSource(settings).getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO orders (order_id, customer_name, postcode, masked_contact, pickup_by,"
                    + " status, collection_code_hash, updated_at) VALUES ('CC-1', 'Ann Lee', 'LS6 2QB', 'a***',"
                    + " '2026-11-28', 'PARTLY_COLLECTED', 'h', '" + at + "')");
            statement.executeUpdate("INSERT INTO collections (collection_id, order_id, collected_at, staff_id,"
                    + " verification, offline, printer_id) VALUES ('COL-1', 'CC-1', '" + at + "', 'S1001', 'ID_SEEN', 1,"
                    + " 'desk-1-printer')");
            statement.executeUpdate("INSERT INTO collection_lines (collection_id, line_no, quantity) VALUES ('COL-1', 1, 2)");
        }

        try (Database database = Database.open(settings)) {
            assertThat(database.readLong("kept", "SELECT count(*) FROM collections WHERE collection_id = 'COL-1'"
                    + " AND verification = 'ID_SEEN' AND offline = 1 AND printer_id = 'desk-1-printer'"
                    + " AND photo_id IS NULL AND collector IS NULL")).isOne();
            assertThat(database.readLong("its lines", "SELECT count(*) FROM collection_lines c JOIN collections h"
                    + " USING (collection_id)")).isOne();
            assertThat(database.readLong("foreign keys", "SELECT count(*) FROM pragma_foreign_key_check")).isZero();
            assertThat(database.readLong("foreign keys are enforced again", "SELECT foreign_keys FROM pragma_foreign_keys"))
                    .isOne();
            database.inTransaction("a proxy", connection -> {
                try (Statement statement = connection.createStatement()) {
                    return statement.executeUpdate("INSERT INTO collections (collection_id, order_id, collected_at,"
                            + " staff_id, verification, offline, photo_id, collector) VALUES ('COL-2', 'CC-1', '" + at
                            + "', 'S1001', 'PROXY', 0, 'PASSPORT', 'Sam Lee')");
                }
            });
            assertThatThrownBy(() -> database.inTransaction("a proxy without a name", connection -> {
                try (Statement statement = connection.createStatement()) {
                    return statement.executeUpdate("INSERT INTO collections (collection_id, order_id, collected_at,"
                            + " staff_id, verification, offline, photo_id) VALUES ('COL-3', 'CC-1', '" + at
                            + "', 'S1001', 'PROXY', 0, 'PASSPORT')");
                }
            })).hasMessageContaining("CHECK");
        }
    }
}
