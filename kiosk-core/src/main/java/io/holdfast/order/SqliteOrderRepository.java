package io.holdfast.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.holdfast.money.Money;
import io.holdfast.store.Database;
import io.holdfast.store.KeptStatements;
import io.holdfast.store.Timestamps;

/** Orders in the store's SQLite file. */
public final class SqliteOrderRepository implements OrderRepository {

    private static final String UPSERT_ORDER = """
            INSERT INTO orders (order_id, customer_name, postcode, masked_contact, pickup_by, status,
                                collection_code_hash, updated_at, version, postcode_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, upper(replace(?, ' ', '')))
            ON CONFLICT (order_id) DO UPDATE SET
                customer_name = excluded.customer_name, postcode = excluded.postcode,
                masked_contact = excluded.masked_contact, pickup_by = excluded.pickup_by,
                status = excluded.status, collection_code_hash = excluded.collection_code_hash,
                updated_at = excluded.updated_at, version = orders.version + 1,
                postcode_key = excluded.postcode_key""";
    private static final String UPSERT_LINE = """
            INSERT INTO order_lines (order_id, line_no, sku, description, quantity, quantity_collected,
                                     unit_price_minor, currency)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (order_id, line_no) DO UPDATE SET
                sku = excluded.sku, description = excluded.description, quantity = excluded.quantity,
                quantity_collected = excluded.quantity_collected,
                unit_price_minor = excluded.unit_price_minor, currency = excluded.currency""";
    private static final String UPSERT_PARCEL = """
            INSERT INTO parcels (order_id, parcel_no, location_kind, location_code) VALUES (?, ?, ?, ?)
            ON CONFLICT (order_id, parcel_no) DO UPDATE SET
                location_kind = excluded.location_kind, location_code = excluded.location_code""";

    private final Database database;

    public SqliteOrderRepository(Database database) {
        this.database = database;
    }

    @Override
    public Optional<Order> find(OrderId id) {
        return database.read("find order " + id, connection -> load(connection, id));
    }

    /** Reads an order on the caller's connection: inside a write transaction, it sees that transaction. */
    public static Optional<Order> load(Connection connection, OrderId id) throws SQLException {
        try (ResultSet row = KeptStatements.query(connection, """
                SELECT customer_name, postcode, masked_contact, pickup_by, status, collection_code_hash, updated_at,
                       version
                FROM orders WHERE order_id = ?""", id.value())) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(new Order(id,
                    new Customer(row.getString(1), row.getString(2), row.getString(3)),
                    lines(connection, id), parcels(connection, id),
                    LocalDate.parse(row.getString(4)), OrderStatus.valueOf(row.getString(5)),
                    row.getString(6), Instant.parse(row.getString(7)), row.getInt(8)));
        }
    }

    @Override
    public void saveAll(Collection<Order> orders) {
        database.inTransaction("save " + orders.size() + " orders", connection -> upsert(connection, orders));
    }

    /** Inserts or replaces orders inside the caller's transaction. */
    static int upsert(Connection connection, Collection<Order> orders) throws SQLException {
        try (PreparedStatement order = connection.prepareStatement(UPSERT_ORDER);
             PreparedStatement line = connection.prepareStatement(UPSERT_LINE);
             PreparedStatement parcel = connection.prepareStatement(UPSERT_PARCEL)) {
            for (Order each : orders) {
                bindOrder(order, each);
                order.executeUpdate();
                for (OrderLine l : each.lines()) {
                    bindLine(line, each.id(), l);
                    line.addBatch();
                }
                for (Parcel p : each.parcels()) {
                    parcel.setString(1, each.id().value());
                    parcel.setInt(2, p.number());
                    parcel.setString(3, p.location().kind().name());
                    parcel.setString(4, p.location().code());
                    parcel.addBatch();
                }
            }
            line.executeBatch();
            parcel.executeBatch();
        }
        return orders.size();
    }

    @Override
    public long count() {
        return database.readLong("count orders", "SELECT count(*) FROM orders");
    }

    private static void bindOrder(PreparedStatement statement, Order order) throws SQLException {
        statement.setString(1, order.id().value());
        statement.setString(2, order.customer().displayName());
        statement.setString(3, order.customer().postcode());
        statement.setString(4, order.customer().maskedContact());
        statement.setString(5, order.pickupBy().toString());
        statement.setString(6, order.status().name());
        statement.setString(7, order.collectionCodeHash());
        statement.setString(8, Timestamps.format(order.updatedAt()));
        statement.setInt(9, order.version());
        statement.setString(10, order.customer().postcode());
    }

    private static void bindLine(PreparedStatement statement, OrderId id, OrderLine line) throws SQLException {
        statement.setString(1, id.value());
        statement.setInt(2, line.lineNumber());
        statement.setString(3, line.sku());
        statement.setString(4, line.description());
        statement.setInt(5, line.quantity());
        statement.setInt(6, line.quantityCollected());
        statement.setLong(7, line.unitPrice().amount());
        statement.setString(8, line.unitPrice().currency().getCurrencyCode());
    }

    private static List<OrderLine> lines(Connection connection, OrderId id) throws SQLException {
        List<OrderLine> lines = new ArrayList<>();
        try (ResultSet row = KeptStatements.query(connection, """
                SELECT line_no, sku, description, quantity, quantity_collected, unit_price_minor, currency,
                       quantity_not_collected
                FROM order_lines WHERE order_id = ? ORDER BY line_no""", id.value())) {
            while (row.next()) {
                lines.add(new OrderLine(row.getInt(1), row.getString(2), row.getString(3), row.getInt(4),
                        row.getInt(5), Money.of(row.getLong(6), row.getString(7)), row.getInt(8)));
            }
        }
        return lines;
    }

    private static List<Parcel> parcels(Connection connection, OrderId id) throws SQLException {
        List<Parcel> parcels = new ArrayList<>();
        try (ResultSet row = KeptStatements.query(connection, """
                SELECT parcel_no, location_kind, location_code FROM parcels WHERE order_id = ? ORDER BY parcel_no""",
                id.value())) {
            while (row.next()) {
                parcels.add(new Parcel(row.getInt(1),
                        new Parcel.Location(Parcel.Location.Kind.valueOf(row.getString(2)), row.getString(3))));
            }
        }
        return parcels;
    }
}
