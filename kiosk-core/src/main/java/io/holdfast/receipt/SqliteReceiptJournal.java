package io.holdfast.receipt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.holdfast.money.Money;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/** The receipt journal in the store's SQLite file. */
public final class SqliteReceiptJournal implements ReceiptJournal {

    private final Database database;

    public SqliteReceiptJournal(Database database) {
        this.database = database;
    }

    @Override
    public void record(Receipt receipt) {
        database.inTransaction("record receipt " + receipt.id(), connection -> insert(connection, receipt));
    }

    /** Writes a receipt in the caller's transaction; false when one with its id is already there. */
    static boolean insert(Connection connection, Receipt receipt) throws SQLException {
        try (PreparedStatement header = connection.prepareStatement("""
                INSERT INTO receipts (receipt_id, till_id, issued_at, total_minor, currency, loyalty_id)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (receipt_id) DO NOTHING""")) {
            header.setString(1, receipt.id().value());
            header.setString(2, receipt.tillId());
            header.setString(3, Timestamps.format(receipt.issuedAt()));
            header.setLong(4, receipt.total().amount());
            header.setString(5, receipt.total().currency().getCurrencyCode());
            header.setString(6, receipt.loyaltyId().orElse(null));
            if (header.executeUpdate() == 0) {
                return false;
            }
        }
        insertLines(connection, receipt);
        insertTenders(connection, receipt);
        return true;
    }

    @Override
    public Optional<Receipt> find(ReceiptId id) {
        return database.read("find receipt " + id, connection -> load(connection, id));
    }

    /** Reads a receipt in the caller's transaction. */
    public static Optional<Receipt> load(Connection connection, ReceiptId id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT till_id, issued_at, currency, loyalty_id FROM receipts WHERE receipt_id = ?")) {
            statement.setString(1, id.value());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String currency = row.getString(3);
                return Optional.of(new Receipt(id, row.getString(1), Instant.parse(row.getString(2)),
                        lines(connection, id, currency), tenders(connection, id, currency),
                        Optional.ofNullable(row.getString(4))));
            }
        }
    }

    @Override
    public long count() {
        return database.readLong("count receipts", "SELECT count(*) FROM receipts");
    }

    private static void insertLines(Connection connection, Receipt receipt) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO receipt_lines (receipt_id, line_no, sku, description, quantity, unit_price_minor, category)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            for (ReceiptLine line : receipt.lines()) {
                statement.setString(1, receipt.id().value());
                statement.setInt(2, line.lineNumber());
                statement.setString(3, line.sku());
                statement.setString(4, line.description());
                statement.setInt(5, line.quantity());
                statement.setLong(6, line.unitPrice().amount());
                statement.setString(7, line.category());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void insertTenders(Connection connection, Receipt receipt) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO receipt_tenders (receipt_id, tender_no, kind, amount_minor, reference)
                VALUES (?, ?, ?, ?, ?)""")) {
            int number = 1;
            for (Tender tender : receipt.tenders()) {
                statement.setString(1, receipt.id().value());
                statement.setInt(2, number++);
                statement.setString(3, tender.kind().name());
                statement.setLong(4, tender.amount().amount());
                statement.setString(5, tender.reference());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static List<ReceiptLine> lines(Connection connection, ReceiptId id, String currency) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT line_no, sku, description, quantity, unit_price_minor, category
                FROM receipt_lines WHERE receipt_id = ? ORDER BY line_no""")) {
            statement.setString(1, id.value());
            List<ReceiptLine> lines = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    lines.add(new ReceiptLine(row.getInt(1), row.getString(2), row.getString(3), row.getInt(4),
                            Money.of(row.getLong(5), currency), row.getString(6)));
                }
            }
            return lines;
        }
    }

    private static List<Tender> tenders(Connection connection, ReceiptId id, String currency) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT kind, amount_minor, reference FROM receipt_tenders WHERE receipt_id = ? ORDER BY tender_no""")) {
            statement.setString(1, id.value());
            List<Tender> tenders = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    tenders.add(new Tender(Tender.Kind.valueOf(row.getString(1)),
                            Money.of(row.getLong(2), currency), row.getString(3)));
                }
            }
            return tenders;
        }
    }
}
