package io.holdfast.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.EnumMap;

import io.holdfast.mode.Capability;
import io.holdfast.store.Database;

/**
 * The transactional outbox. {@link #append} runs inside the caller's transaction, so an event is
 * stored exactly when its business change is. The relay that drains it comes with sync.
 */
public final class Outbox {

    private final Database database;

    public Outbox(Database database) {
        this.database = database;
    }

    /** Appends within the caller's open transaction and returns the store-wide sequence. */
    public long append(Connection transaction, OutboxEvent event) throws SQLException {
        try (PreparedStatement statement = transaction.prepareStatement("""
                INSERT INTO outbox_events (idempotency_key, capability, type, aggregate_id, occurred_at, payload)
                VALUES (?, ?, ?, ?, ?, ?)""", PreparedStatement.RETURN_GENERATED_KEYS)) {
            statement.setString(1, event.idempotencyKey());
            statement.setString(2, event.capability().name());
            statement.setString(3, event.type());
            statement.setString(4, event.aggregateId());
            statement.setString(5, event.occurredAt().toString());
            statement.setString(6, event.payloadJson());
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Events not yet acknowledged by central, per capability: the backlog. */
    public Map<Capability, Long> backlog() {
        return database.read("count the outbox backlog", connection -> {
            Map<Capability, Long> backlog = new EnumMap<>(Capability.class);
            for (Capability capability : Capability.values()) {
                backlog.put(capability, 0L);
            }
            try (var statement = connection.createStatement(); var rows = statement.executeQuery(
                    "SELECT capability, count(*) FROM outbox_events WHERE state <> 'ACKNOWLEDGED' GROUP BY capability")) {
                while (rows.next()) {
                    backlog.put(Capability.valueOf(rows.getString(1)), rows.getLong(2));
                }
            }
            return backlog;
        });
    }

    /** Every event of an aggregate, oldest first: for tests and the manager's audit. */
    public java.util.List<OutboxEvent> eventsFor(String aggregateId) {
        return database.read("read outbox events of " + aggregateId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT idempotency_key, capability, type, aggregate_id, occurred_at, payload
                    FROM outbox_events WHERE aggregate_id = ? ORDER BY sequence""")) {
                statement.setString(1, aggregateId);
                java.util.List<OutboxEvent> events = new java.util.ArrayList<>();
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        events.add(new OutboxEvent(row.getString(1), Capability.valueOf(row.getString(2)),
                                row.getString(3), row.getString(4), java.time.Instant.parse(row.getString(5)),
                                row.getString(6)));
                    }
                }
                return events;
            }
        });
    }
}
