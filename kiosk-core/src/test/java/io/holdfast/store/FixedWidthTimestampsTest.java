package io.holdfast.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixedWidthTimestampsTest {

    @TempDir
    Path folder;

    @Test
    void everyInstantIsWrittenInOneFixedWidthThatSortsAsText() {
        Instant onTheMinute = Instant.parse("2026-11-21T09:00:00Z");
        Instant withNanos = Instant.parse("2026-11-21T09:00:00.123456789Z");

        assertThat(Timestamps.format(onTheMinute)).isEqualTo("2026-11-21T09:00:00.000000000Z")
                .hasSize(Timestamps.WIDTH);
        assertThat(Timestamps.format(withNanos)).hasSize(Timestamps.WIDTH);
        assertThat(Timestamps.parse(Timestamps.format(withNanos))).as("read back equals written").isEqualTo(withNanos);
        assertThat(Timestamps.format(onTheMinute)).isLessThan(Timestamps.format(withNanos));
        assertThat(onTheMinute.toString()).as("the old text sorted after a later instant")
                .isGreaterThan(withNanos.toString());
    }

    @Test
    void migrationFourteenRewritesRowsAStoreWroteBeforeItSoTextComparisonsHoldAgain() throws SQLException {
        Path file = folder.resolve("holdfast.db");
        DatabaseSettings settings = DatabaseSettings.of(file);
        Flyway.configure(getClass().getClassLoader()).dataSource(StoreConnections.dataSource(settings))
                .locations("classpath:db/migration").target("13").load().migrate();
        try (Connection connection = StoreConnections.dataSource(settings).getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    INSERT INTO sessions (token_hash, principal, role, created_at, expires_at) VALUES
                        ('expired', 'S1001', 'COLLEAGUE', '2026-11-21T01:00:00Z', '2026-11-21T09:00:00Z'),
                        ('live', 'S1001', 'COLLEAGUE', '2026-11-21T08:59:59.5Z', '2026-11-21T09:00:00.250Z')""");
            statement.executeUpdate("""
                    INSERT INTO store_exceptions (exception_id, kind, aggregate_id, detail, raised_at)
                    VALUES ('E1', 'ORDER_CANCELLED_AFTER_COLLECTION', 'CC-1', 'x', '2026-11-21T09:00:00.000Z')""");
        }

        try (Database database = Database.open(settings)) {
            assertThat(database.readLong("sessions in the new width", "SELECT count(*) FROM sessions WHERE length(created_at) = "
                    + Timestamps.WIDTH + " AND length(expires_at) = " + Timestamps.WIDTH)).isEqualTo(2);
            assertThat(database.readLong("both expired before 09:00:00.5, the whole second too",
                    "SELECT count(*) FROM sessions WHERE expires_at < '"
                            + Timestamps.format(Instant.parse("2026-11-21T09:00:00.500Z")) + "'")).isEqualTo(2);
            assertThat(database.readLong("rows still there", "SELECT count(*) FROM store_exceptions")).isOne();
            assertThat(database.readLong("raised_at rewritten", "SELECT count(*) FROM store_exceptions WHERE raised_at = '"
                    + "2026-11-21T09:00:00.000000000Z'")).isOne();
        }
    }
}
