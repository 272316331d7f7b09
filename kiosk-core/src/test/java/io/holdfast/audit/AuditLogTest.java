package io.holdfast.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.store.StoreException;
import io.holdfast.testing.TestClocks;

class AuditLogTest {

    @TempDir
    Path folder;

    @Test
    void eachEntryPointsBackToTheOneBeforeAndTheChainVerifies() {
        try (Database database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")))) {
            AuditLog log = new AuditLog(database);
            AuditEntry first = log.append(Instant.parse("2026-11-21T09:00:00Z"), "S2001", "capability.isolated",
                    "PAYMENTS", Map.of("reason", "card data at risk"));
            AuditEntry second = log.append(Instant.parse("2026-11-21T09:01:00Z"), "gateway", "capability.degraded",
                    "ORDERS", Map.of("reason", "central not answering"));

            assertThat(first.previousHash()).isEqualTo(AuditLog.GENESIS);
            assertThat(second.previousHash()).isEqualTo(first.hash());
            assertThat(log.verify()).isEqualTo(new AuditLog.Verification.Intact(2));
            assertThat(log.latest(1)).containsExactly(second);
        }
    }

    @Test
    void theLogRefusesUpdatesAndDeletes() {
        try (Database database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")))) {
            new AuditLog(database).append(TestClocks.TICKING.instant(), "S2001", "capability.isolated", "PAYMENTS", Map.of());

            assertThatThrownBy(() -> database.inTransaction("tamper", c -> {
                try (var s = c.createStatement()) {
                    return s.executeUpdate("UPDATE audit_log SET actor = 'someone else'");
                }
            })).isInstanceOf(StoreException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> database.inTransaction("tamper", c -> {
                try (var s = c.createStatement()) {
                    return s.executeUpdate("DELETE FROM audit_log");
                }
            })).hasMessageContaining("append-only");
        }
    }

    @Test
    void anEditMadeAroundTheTriggersIsFoundAndNamed() throws Exception {
        Path file = folder.resolve("holdfast.db");
        try (Database database = Database.open(DatabaseSettings.of(file))) {
            AuditLog log = new AuditLog(database);
            for (int i = 1; i <= 3; i++) {
                log.append(Instant.parse("2026-11-21T09:0" + i + ":00Z"), "S1001", "order.collected", "CC-10000" + i,
                        Map.of("units", i));
            }
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); var s = raw.createStatement()) {
            s.execute("DROP TRIGGER audit_log_no_update");
            s.executeUpdate("UPDATE audit_log SET detail = '{\"units\":99}' WHERE sequence = 2");
        }

        try (Database database = Database.open(DatabaseSettings.of(file))) {
            assertThat(new AuditLog(database).verify()).isEqualTo(new AuditLog.Verification.Broken(2,
                    "entry 2 was changed after it was written (its hash does not match its content)"));
        }
    }

    @Test
    void aDeletedEntryIsFoundAndNamed() throws Exception {
        Path file = folder.resolve("holdfast.db");
        try (Database database = Database.open(DatabaseSettings.of(file))) {
            AuditLog log = new AuditLog(database);
            for (int i = 1; i <= 3; i++) {
                log.append(TestClocks.TICKING.instant(), "S1001", "order.collected", "CC-10000" + i, Map.of());
            }
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); var s = raw.createStatement()) {
            s.execute("DROP TRIGGER audit_log_no_delete");
            s.executeUpdate("DELETE FROM audit_log WHERE sequence = 2");
        }

        try (Database database = Database.open(DatabaseSettings.of(file))) {
            assertThat(new AuditLog(database).verify())
                    .isEqualTo(new AuditLog.Verification.Broken(2, "entry 2 is missing (the next entry is 3)"));
        }
    }

    @Test
    void exportsOneJsonObjectPerEntry() {
        try (Database database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")))) {
            AuditLog log = new AuditLog(database);
            log.append(Instant.parse("2026-11-21T09:00:00Z"), "S2001", "capability.isolated", "PAYMENTS", Map.of());
            StringWriter out = new StringWriter();

            assertThat(log.export(out)).isEqualTo(1);
            assertThat(out.toString()).startsWith("{\"sequence\":1,").contains("\"action\":\"capability.isolated\"")
                    .endsWith("}\n");
        }
    }
}
