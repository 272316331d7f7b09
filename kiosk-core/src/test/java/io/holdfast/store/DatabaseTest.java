package io.holdfast.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.testing.Immutable;

class DatabaseTest {

    @TempDir
    Path folder;

    @Test
    void opensANewStoreInWalModeWithForeignKeysAndTheCurrentSchema() {
        Path file = folder.resolve("nested/holdfast.db");

        try (Database database = Database.open(DatabaseSettings.of(file))) {
            assertThat(file).exists();
            assertThat(pragma(database, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(database, "foreign_keys")).isEqualTo("1");
            assertThat(database.readLong("count orders", "SELECT count(*) FROM orders")).isZero();
            assertThat(database.readLong("schema version",
                    "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history")).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void keepsWhatWasCommittedAcrossARestart() {
        Path file = folder.resolve("holdfast.db");
        try (Database database = Database.open(DatabaseSettings.of(file))) {
            insertReceiptHeader(database, "0421-01-20261121-0001");
        }

        try (Database reopened = Database.open(DatabaseSettings.of(file))) {
            assertThat(reopened.readLong("count", "SELECT count(*) FROM receipts")).isEqualTo(1);
        }
    }

    @Test
    void rollsBackEverythingInATransactionThatFails() {
        try (Database database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")))) {
            assertThatThrownBy(() -> database.inTransaction("write two receipts", c -> {
                try (var statement = c.createStatement()) {
                    statement.executeUpdate(receiptHeaderInsert("0421-01-20261121-0001"));
                    statement.executeUpdate("INSERT INTO receipts (receipt_id) VALUES ('missing columns')");
                }
                return null;
            })).isInstanceOf(StoreException.class).hasMessageStartingWith("Cannot write two receipts");

            assertThat(database.readLong("count", "SELECT count(*) FROM receipts")).isZero();
        }
    }

    @Test
    void aReadSeesOneMomentEvenWhenAWriteLandsInTheMiddleOfIt() {
        try (Database database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")))) {
            insertReceiptHeader(database, "0421-01-20261121-0001");

            long[] counts = database.read("count twice", c -> {
                long before = count(c);
                insertReceiptHeader(database, "0421-01-20261121-0002");
                return new long[]{before, count(c)};
            });

            assertThat(counts).containsExactly(1, 1);
            assertThat(database.readLong("count", "SELECT count(*) FROM receipts")).isEqualTo(2);
        }
    }

    @Test
    void refusesAFileThatIsNotSqliteAndLeavesItUntouched() throws IOException {
        Path file = folder.resolve("holdfast.db");
        Files.writeString(file, "these are somebody's notes, not a database");
        String before = digest(file);

        assertThatThrownBy(() -> Database.open(DatabaseSettings.of(file)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is not a SQLite database");
        assertThat(digest(file)).isEqualTo(before);
    }

    @Test
    void refusesACorruptDatabaseNamingTheFileAndLeavesItUntouched() throws IOException {
        Path file = folder.resolve("holdfast.db");
        try (Database database = Database.open(DatabaseSettings.of(file))) {
            for (int i = 0; i < 200; i++) {
                insertReceiptHeader(database, "0421-01-20261121-%04d".formatted(i));
            }
        }
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            long pages = raw.length() / 4096;
            for (long page = 1; page < pages; page++) {
                raw.seek(page * 4096);
                raw.write(new byte[]{(byte) 0xFF, (byte) 0xFF, 0x13, 0x37, 0x42});
            }
        }
        String before = digest(file);

        assertThatThrownBy(() -> Database.open(DatabaseSettings.of(file)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("Store database " + file)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("integrity check", "corrupt"));
        assertThat(digest(file)).isEqualTo(before);
    }

    @Test
    void refusesASecondGatewayOnTheSameFile() {
        Path file = folder.resolve("holdfast.db");
        try (Database first = Database.open(DatabaseSettings.of(file))) {
            assertThatThrownBy(() -> Database.open(DatabaseSettings.of(file)))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("in use by another Holdfast process");
            assertThat(first.answers()).isTrue();
        }
        try (Database afterwards = Database.open(DatabaseSettings.of(file))) {
            assertThat(afterwards.answers()).isTrue();
        }
    }

    @Test
    void refusesADatabaseThatAnotherProcessHoldsLocked() throws SQLException {
        Path file = folder.resolve("holdfast.db");
        Database.open(DatabaseSettings.of(file)).close();
        DatabaseSettings impatient = new DatabaseSettings(file, Duration.ofMillis(200), 1);

        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             var statement = other.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE");
            statement.executeUpdate(receiptHeaderInsert("0421-01-20261121-0001"));

            assertThatThrownBy(() -> Database.open(impatient))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessage("Store database " + file + " is locked by another process (waited 200 ms)");
            statement.execute("ROLLBACK");
        }
    }

    @Test
    void opensASchemaANewerReleaseExpandedSoARolledBackGatewayRunsOnIt() {
        Path file = folder.resolve("holdfast.db");
        try (Database database = Database.open(DatabaseSettings.of(file))) {
            database.inTransaction("pretend a newer gateway ran here", c -> {
                try (var statement = c.createStatement()) {
                    statement.execute("CREATE TABLE from_the_future (id INTEGER PRIMARY KEY) STRICT");
                    return statement.executeUpdate("""
                            INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,
                                checksum, installed_by, execution_time, success)
                            VALUES (999, '999', 'from the future', 'SQL', 'V999__future.sql', 0, 'test', 0, 1)""");
                }
            });
        }

        try (Database older = Database.open(DatabaseSettings.of(file))) {
            assertThat(older.readLong("count the future's rows", "SELECT count(*) FROM from_the_future")).isZero();
            older.proveWritable();
        }
    }

    @Test
    void aStoreWhoseFileCannotBeWrittenDoesNotStart() {
        Path file = folder.resolve("holdfast.db");
        Database.open(DatabaseSettings.of(file)).close();
        Immutable.set(file, true);
        try {
            assertThatThrownBy(() -> Database.open(DatabaseSettings.of(file)))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("cannot be written");
        } finally {
            Immutable.set(file, false);
        }
        try (Database database = Database.open(DatabaseSettings.of(file))) {
            database.proveWritable();
        }
    }

    @Test
    void committedWorkInTheWalSurvivesACrash() throws IOException {
        Path crashed = crashWithTwentySales();

        try (Database database = Database.open(DatabaseSettings.of(crashed))) {
            assertThat(database.readLong("count sales", "SELECT count(*) FROM store_exceptions")).isEqualTo(20);
        }
    }

    @Test
    void aWalWithADamagedHeaderStopsStartUpAndIsSetAsideNotLost() throws IOException {
        Path crashed = crashWithTwentySales();
        Path wal = crashed.resolveSibling("holdfast.db-wal");
        byte[] original = Files.readAllBytes(wal);
        try (RandomAccessFile damaged = new RandomAccessFile(wal.toFile(), "rw")) {
            damaged.write(new byte[32]);
        }

        assertThatThrownBy(() -> Database.open(DatabaseSettings.of(crashed)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining(wal.toString()).hasMessageContaining("damaged header")
                .hasMessageContaining("Restore the store from its last backup or call support");

        Path aside = crashed.resolveSibling("holdfast.db.damaged-1");
        assertThat(wal).doesNotExist();
        assertThat(aside.resolve("holdfast.db-wal")).exists().hasSize(original.length);
        assertThat(aside.resolve("holdfast.db")).exists();
        assertThat(crashed).exists();
    }

    @Test
    void aWalWithADamagedFrameBeforeCommittedWorkStopsStartUp() throws IOException {
        Path crashed = crashWithTwentySales();
        Path wal = crashed.resolveSibling("holdfast.db-wal");
        try (RandomAccessFile damaged = new RandomAccessFile(wal.toFile(), "rw")) {
            damaged.seek(32 + 24 + 100);
            damaged.write(new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
        }

        assertThatThrownBy(() -> Database.open(DatabaseSettings.of(crashed)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("damaged frame");
    }

    /** A store with twenty committed sales in its WAL, copied as a SIGKILL would leave it: no checkpoint. */
    private Path crashWithTwentySales() throws IOException {
        Path live = folder.resolve("live/holdfast.db");
        Path crashed = folder.resolve("crashed/holdfast.db");
        Files.createDirectories(crashed.getParent());
        try (Database database = Database.open(DatabaseSettings.of(live))) {
            for (int i = 0; i < 20; i++) {
                int n = i;
                database.inTransaction("a sale", connection -> {
                    try (var insert = connection.prepareStatement("""
                            INSERT INTO store_exceptions (exception_id, kind, aggregate_id, detail, raised_at)
                            VALUES (?, 'REFUND_DECLINED', 'R', 'sale', '2026-11-24T09:30:00.000000000Z')""")) {
                        insert.setString(1, "E" + n);
                        return insert.executeUpdate();
                    }
                });
            }
            for (String name : new String[]{"holdfast.db", "holdfast.db-wal", "holdfast.db-shm"}) {
                Files.copy(live.resolveSibling(name), crashed.resolveSibling(name));
            }
        }
        assertThat(Files.size(crashed.resolveSibling("holdfast.db-wal"))).isGreaterThan(32);
        return crashed;
    }

    @Test
    void backsUpAnOpenStoreToAConsistentCopy() {
        Path file = folder.resolve("holdfast.db");
        Path copy = folder.resolve("backups/copy.db");
        try (Database database = Database.open(DatabaseSettings.of(file))) {
            insertReceiptHeader(database, "0421-01-20261121-0001");
            insertReceiptHeader(database, "0421-01-20261121-0002");

            BackupReport report = Database.backup(DatabaseSettings.of(file), copy);

            assertThat(report.target()).isEqualTo(copy);
            assertThat(report.bytes()).isPositive();
        }
        try (Database restored = Database.open(DatabaseSettings.of(copy))) {
            assertThat(restored.readLong("count", "SELECT count(*) FROM receipts")).isEqualTo(2);
        }
    }

    @Test
    void refusesToOverwriteAnExistingFileWithABackup() throws IOException {
        Path file = folder.resolve("holdfast.db");
        Path existing = Files.writeString(folder.resolve("keep.db"), "precious");
        Database.open(DatabaseSettings.of(file)).close();

        assertThatThrownBy(() -> Database.backup(DatabaseSettings.of(file), existing))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("already exists");
        assertThat(existing).hasContent("precious");
    }

    @Test
    void rejectsSettingsThatMakeNoSense() {
        assertThatThrownBy(() -> new DatabaseSettings(folder.resolve("x.db"), Duration.ofSeconds(-5), 1))
                .hasMessage("busy timeout must be positive, but was PT-5S");
        assertThatThrownBy(() -> new DatabaseSettings(folder.resolve("x.db"), Duration.ofSeconds(1), 0))
                .hasMessage("readers must be at least 1, but was 0");
    }

    private static long count(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM receipts")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String pragma(Database database, String name) {
        return database.read("read pragma " + name, c -> {
            try (var statement = c.createStatement(); var rows = statement.executeQuery("PRAGMA " + name)) {
                rows.next();
                return rows.getString(1);
            }
        });
    }

    private static void insertReceiptHeader(Database database, String receiptId) {
        database.inTransaction("insert receipt", c -> {
            try (var statement = c.createStatement()) {
                return statement.executeUpdate(receiptHeaderInsert(receiptId));
            }
        });
    }

    private static String receiptHeaderInsert(String receiptId) {
        return "INSERT INTO receipts (receipt_id, till_id, issued_at, total_minor, currency) VALUES ('"
                + receiptId + "', '01', '2026-11-21T10:00:00Z', 1299, 'GBP')";
    }

    private static String digest(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
