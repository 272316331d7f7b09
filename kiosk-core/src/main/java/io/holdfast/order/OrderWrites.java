package io.holdfast.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.holdfast.store.KeptStatements;
import io.holdfast.store.Timestamps;

/** Statements on an order inside a caller's transaction. */
final class OrderWrites {

    private OrderWrites() {
    }

    /** Writes an order's collected quantities, status, time and version as given. */
    static void updateQuantitiesAndStatus(Connection connection, Order order) throws SQLException {
        try (PreparedStatement header = connection.prepareStatement(
                "UPDATE orders SET status = ?, updated_at = ?, version = ? WHERE order_id = ?");
             PreparedStatement line = connection.prepareStatement(
                     "UPDATE order_lines SET quantity_collected = ?, quantity_not_collected = ? WHERE order_id = ? AND line_no = ?")) {
            header.setString(1, order.status().name());
            header.setString(2, Timestamps.format(order.updatedAt()));
            header.setInt(3, order.version());
            header.setString(4, order.id().value());
            if (header.executeUpdate() != 1) {
                throw new SQLException("order " + order.id() + " vanished while it was being written");
            }
            for (OrderLine each : order.lines()) {
                line.setInt(1, each.quantityCollected());
                line.setInt(2, each.quantityNotCollected());
                line.setString(3, order.id().value());
                line.setInt(4, each.lineNumber());
                line.addBatch();
            }
            line.executeBatch();
        }
    }

    static List<Collection> collections(Connection connection, OrderId order) throws SQLException {
        Map<String, List<LineQuantity>> lines = new LinkedHashMap<>();
        try (ResultSet row = KeptStatements.query(connection, """
                SELECT l.collection_id, l.line_no, l.quantity FROM collection_lines l
                JOIN collections c ON c.collection_id = l.collection_id
                WHERE c.order_id = ? ORDER BY l.line_no""", order.value())) {
            while (row.next()) {
                lines.computeIfAbsent(row.getString(1), k -> new ArrayList<>())
                        .add(new LineQuantity(row.getInt(2), row.getInt(3)));
            }
        }
        Map<String, List<NotCollected>> setAside = new LinkedHashMap<>();
        try (ResultSet row = KeptStatements.query(connection, """
                SELECT n.collection_id, n.line_no, n.quantity, n.reason FROM collection_not_collected n
                JOIN collections c ON c.collection_id = n.collection_id
                WHERE c.order_id = ? ORDER BY n.line_no""", order.value())) {
            while (row.next()) {
                setAside.computeIfAbsent(row.getString(1), k -> new ArrayList<>()).add(new NotCollected(
                        row.getInt(2), row.getInt(3), NotCollectedReason.valueOf(row.getString(4))));
            }
        }
        List<Collection> collections = new ArrayList<>();
        try (ResultSet row = KeptStatements.query(connection, """
                SELECT collection_id, collected_at, staff_id, verification, offline, photo_id, collector FROM collections
                WHERE order_id = ? ORDER BY collected_at, rowid""", order.value())) {
            while (row.next()) {
                collections.add(new Collection(row.getString(1), order,
                        lines.getOrDefault(row.getString(1), List.of()),
                        setAside.getOrDefault(row.getString(1), List.of()), new IdentityCheck(
                                Verification.valueOf(row.getString(4)),
                                Optional.ofNullable(row.getString(6)).map(PhotoId::valueOf),
                                Optional.ofNullable(row.getString(7))),
                        row.getString(3), Instant.parse(row.getString(2)), row.getInt(5) == 1));
            }
        }
        return collections;
    }
}
