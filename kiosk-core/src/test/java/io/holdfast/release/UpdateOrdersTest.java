package io.holdfast.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.audit.AuditEntry;
import io.holdfast.audit.AuditLog;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.TestClocks;

class UpdateOrdersTest {

    private static final Instant NOW = TestClocks.START;
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @TempDir
    Path folder;
    private Database database;
    private UpdateOrders orders;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        orders = new UpdateOrders(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theNewestAnnouncementComesFirstOnceEachAndAHandledOneNeverAgain() {
        ReleaseAnnouncement two = new ReleaseAnnouncement(2, "holdfast-2.zip", A, false, "regional-it");
        ReleaseAnnouncement three = new ReleaseAnnouncement(3, "holdfast-3.zip", B, true, "regional-it");
        assertThat(orders.announce(two, "regional-it", NOW)).isTrue();
        assertThat(orders.announce(two, "regional-it", NOW)).as("the same bundle again").isFalse();
        assertThat(orders.announce(three, "regional-it", NOW)).isTrue();

        assertThat(orders.next()).contains(three);
        assertThat(orders.urgent(3)).isTrue();
        assertThat(orders.urgent(2)).isFalse();
        orders.handled(three);
        assertThat(orders.next()).contains(two);
        orders.handled(two);
        assertThat(orders.next()).isEmpty();
        assertThat(new AuditLog(database).latest(10)).extracting(AuditEntry::action)
                .contains("RELEASE_ANNOUNCED");
    }

    @Test
    void aLaterFreezeReplacesAnEarlierOne() {
        assertThat(orders.freezeUntil()).isEmpty();
        database.inTransaction("freeze", connection -> {
            UpdateOrders.freeze(connection, NOW.plus(Duration.ofHours(48)), "incident", "regional-it-1", NOW);
            return null;
        });
        assertThat(orders.freezeUntil()).contains(NOW.plus(Duration.ofHours(48)));
        database.inTransaction("lift", connection -> {
            UpdateOrders.freeze(connection, NOW, "lifted", "regional-it-1", NOW);
            return null;
        });
        assertThat(orders.freezeUntil()).contains(NOW);
    }
}
