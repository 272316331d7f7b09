package io.holdfast.central.books;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

import io.holdfast.central.mqtt.AppliedEvent;
import io.holdfast.money.Money;
import io.holdfast.store.Timestamps;

/**
 * Central's books, as the simulator keeps them: every event it applied from each store (with its
 * verdict), duplicates it refused, refunds it paid, and gift cards and redemptions it changed. In a
 * SQLite file beside the demo's data, so a restarted demo goes on where it stopped: central knows
 * the events it applied before, and the store's next ones follow them. Tests keep theirs in memory.
 * One connection, used under this object's lock; the schema is Flyway's {@code db/central-sim}.
 */
public final class CentralBooks implements AutoCloseable {

    /** An event central applied, and its verdict when it gave one (as JSON). */
    public record BookedEvent(AppliedEvent event, Optional<String> verdictJson) {
    }

    /** A gift card central changed; {@code offlineSpendsJson} is a JSON array. */
    public record CardRow(String fingerprint, String lastFour, Optional<String> pinCheck, long balance,
                          String currency, boolean blocked, Instant changedAt, String offlineSpendsJson) {
    }

    /** A redemption central holds, took, voided or was asked to reverse. */
    public record RedemptionRow(String redemptionId, String fingerprint, long amount, String reference,
                                boolean captured, boolean voided, boolean reversed) {
    }

    /** A refund central paid; {@code fresh} when this request paid it, not an earlier one. */
    public record PaidRefund(String reference, boolean fresh) {
    }

    private final Connection connection;
    private final String where;
    private final Clock clock;

    private CentralBooks(Connection connection, String where, Clock clock) {
        this.connection = connection;
        this.where = where;
        this.clock = clock;
    }

    /** The books in {@code file}, made (with its folder) on first use. */
    public static CentralBooks open(Path file, Clock clock) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot make the folder for central's books " + file + ": " + e.getMessage(), e);
        }
        return open("jdbc:sqlite:" + file.toAbsolutePath(), file.toString(), clock);
    }

    /** Books that last as long as this object: for tests and benchmarks. */
    public static CentralBooks inMemory(Clock clock) {
        return open("jdbc:sqlite:file:central-" + UUID.randomUUID() + "?mode=memory&cache=shared", "memory", clock);
    }

    private static CentralBooks open(String url, String where, Clock clock) {
        try {
            Connection connection = DriverManager.getConnection(url);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 5000");
                if (!"memory".equals(where)) {
                    statement.execute("PRAGMA journal_mode = WAL");
                    statement.execute("PRAGMA synchronous = FULL");
                }
            }
            SQLiteDataSource dataSource = new SQLiteDataSource();
            dataSource.setUrl(url);
            Flyway.configure(CentralBooks.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/central-sim")
                    .load()
                    .migrate();
            return new CentralBooks(connection, where, clock);
        } catch (SQLException | RuntimeException e) {
            throw new IllegalStateException("Cannot open central's books at " + where + ": " + e.getMessage(), e);
        }
    }

    /**
     * Events applied and duplicates refused in one batch, written in one transaction. Several of
     * central's consumers may share these books: an event another one booked first is not booked
     * again but counted as a refused duplicate, and answered, so the caller knows. The table's keys
     * (store and sequence; store and event key) are what make that exact.
     *
     * @return the events of {@code applied} that were in the books already
     */
    public synchronized List<AppliedEvent> record(List<BookedEvent> applied, List<AppliedEvent> duplicates) {
        if (applied.isEmpty() && duplicates.isEmpty()) {
            return List.of();
        }
        String now = Timestamps.format(clock.instant());
        List<AppliedEvent> bookedBefore = new ArrayList<>();
        inTransaction(() -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO applied_events (store, sequence, previous, event_key, capability, type, aggregate,
                                                payload, verdict, applied_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                for (BookedEvent booked : applied) {
                    AppliedEvent event = booked.event();
                    insert.setString(1, event.store());
                    insert.setLong(2, event.sequence());
                    insert.setLong(3, event.previous());
                    insert.setString(4, event.key());
                    insert.setString(5, event.capability());
                    insert.setString(6, event.type());
                    insert.setString(7, event.aggregate());
                    insert.setString(8, event.payloadJson());
                    insert.setString(9, booked.verdictJson().orElse(null));
                    insert.setString(10, now);
                    if (insert.executeUpdate() == 0) {
                        bookedBefore.add(event);
                    }
                }
            }
            try (PreparedStatement refused = connection.prepareStatement("""
                    INSERT INTO refused_duplicates (store, capability, refused) VALUES (?, ?, 1)
                    ON CONFLICT (store, capability) DO UPDATE SET refused = refused + 1""")) {
                for (AppliedEvent duplicate : concat(duplicates, bookedBefore)) {
                    refused.setString(1, duplicate.store());
                    refused.setString(2, duplicate.capability());
                    refused.addBatch();
                }
                refused.executeBatch();
            }
        });
        return bookedBefore;
    }

    private static List<AppliedEvent> concat(List<AppliedEvent> first, List<AppliedEvent> second) {
        List<AppliedEvent> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    /** How many events the books hold, whichever consumer applied them. */
    public synchronized long appliedCount() {
        long[] count = {0};
        query("SELECT count(*) FROM applied_events", row -> count[0] = row.getLong(1));
        return count[0];
    }

    /** How many different events (store and key) the books hold: the same as {@link #appliedCount()} unless one was applied twice. */
    public synchronized long distinctKeys() {
        long[] count = {0};
        query("SELECT count(*) FROM (SELECT DISTINCT store, event_key FROM applied_events)", row -> count[0] = row.getLong(1));
        return count[0];
    }

    /** Whether the store's event {@code sequence} is in the books, whichever consumer booked it. */
    public synchronized boolean isApplied(String store, long sequence) {
        boolean[] found = {false};
        query("SELECT 1 FROM applied_events WHERE store = ? AND sequence = ?", row -> found[0] = true, store, sequence);
        return found[0];
    }

    /** Every event central applied, in the order it applied them. */
    public synchronized List<BookedEvent> appliedEvents() {
        List<BookedEvent> events = new ArrayList<>();
        query("""
                SELECT store, sequence, previous, event_key, capability, type, aggregate, payload, verdict
                FROM applied_events ORDER BY rowid""", row -> events.add(new BookedEvent(
                new AppliedEvent(row.getString(1), row.getLong(2), row.getLong(3), row.getString(4), row.getString(5),
                        row.getString(6), row.getString(7), row.getString(8)),
                Optional.ofNullable(row.getString(9)))));
        return events;
    }

    public synchronized long duplicatesRefused() {
        long[] total = {0};
        query("SELECT coalesce(sum(refused), 0) FROM refused_duplicates", row -> total[0] = row.getLong(1));
        return total[0];
    }

    /** Pays {@code refundId} once: asked again, it answers the first payment's reference. */
    public synchronized PaidRefund payOnce(String refundId, Money amount) {
        Optional<String> before = paidReference(refundId);
        if (before.isPresent()) {
            return new PaidRefund(before.get(), false);
        }
        String reference = "CR-" + UUID.randomUUID();
        update("INSERT INTO refunds_paid (refund_id, reference, amount, currency, paid_at) VALUES (?, ?, ?, ?, ?)",
                refundId, reference, amount.amount(), amount.currency().getCurrencyCode(),
                Timestamps.format(clock.instant()));
        return new PaidRefund(reference, true);
    }

    public synchronized Optional<String> paidReference(String refundId) {
        List<String> found = new ArrayList<>();
        query("SELECT reference FROM refunds_paid WHERE refund_id = ?", row -> found.add(row.getString(1)), refundId);
        return found.stream().findFirst();
    }

    public synchronized long refundsPaid() {
        long[] count = {0};
        query("SELECT count(*) FROM refunds_paid", row -> count[0] = row.getLong(1));
        return count[0];
    }

    public synchronized void saveCard(CardRow card) {
        update("""
                INSERT OR REPLACE INTO gift_cards (fingerprint, last_four, pin_check, balance, currency, blocked,
                                                   changed_at, offline_spends)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", card.fingerprint(), card.lastFour(), card.pinCheck().orElse(null),
                card.balance(), card.currency(), card.blocked() ? 1 : 0, Timestamps.format(card.changedAt()),
                card.offlineSpendsJson());
    }

    /** The cards central changed since its books began. */
    public synchronized List<CardRow> cards() {
        List<CardRow> cards = new ArrayList<>();
        query("""
                SELECT fingerprint, last_four, pin_check, balance, currency, blocked, changed_at, offline_spends
                FROM gift_cards ORDER BY changed_at DESC""", row -> cards.add(new CardRow(row.getString(1),
                row.getString(2), Optional.ofNullable(row.getString(3)), row.getLong(4), row.getString(5),
                row.getInt(6) != 0, Timestamps.parse(row.getString(7)), row.getString(8))));
        return cards;
    }

    public synchronized void saveRedemption(RedemptionRow redemption) {
        update("""
                INSERT OR REPLACE INTO gift_card_redemptions (redemption_id, fingerprint, amount, reference, captured,
                                                              voided, reversed)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", redemption.redemptionId(), redemption.fingerprint(),
                redemption.amount(), redemption.reference(), redemption.captured() ? 1 : 0,
                redemption.voided() ? 1 : 0, redemption.reversed() ? 1 : 0);
    }

    public synchronized List<RedemptionRow> redemptions() {
        List<RedemptionRow> redemptions = new ArrayList<>();
        query("""
                SELECT redemption_id, fingerprint, amount, reference, captured, voided, reversed
                FROM gift_card_redemptions""", row -> redemptions.add(new RedemptionRow(row.getString(1),
                row.getString(2), row.getLong(3), row.getString(4), row.getInt(5) != 0, row.getInt(6) != 0,
                row.getInt(7) != 0)));
        return redemptions;
    }

    /** What the ledger page shows: see {@link LedgerView}. */
    public synchronized LedgerView view(int recentEvents) {
        return LedgerView.read(this, recentEvents);
    }

    /** Where the books are: a file, or {@code memory}. */
    public String where() {
        return where;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot close central's books at " + where + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    @FunctionalInterface
    private interface SqlBlock {
        void run() throws SQLException;
    }

    synchronized void query(String sql, RowReader reader, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private void inTransaction(SqlBlock block) {
        try {
            connection.setAutoCommit(false);
            try {
                block.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    private IllegalStateException failure(String doing, SQLException e) {
        return new IllegalStateException("Cannot " + doing + " central's books at " + where + ": " + e.getMessage(), e);
    }
}
