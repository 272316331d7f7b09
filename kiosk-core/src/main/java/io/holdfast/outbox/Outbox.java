package io.holdfast.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;

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

    /**
     * Central acknowledged these events (by idempotency key): they are done. Answers how many were
     * still waiting; acknowledging twice changes nothing.
     */
    public int acknowledge(Collection<String> idempotencyKeys, Instant at) {
        return database.inTransaction("acknowledge " + idempotencyKeys.size() + " outbox events", connection -> {
            int changed = 0;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE outbox_events SET state = 'ACKNOWLEDGED', acknowledged_at = ? "
                            + "WHERE idempotency_key = ? AND state <> 'ACKNOWLEDGED'")) {
                for (String key : idempotencyKeys) {
                    update.setString(1, at.toString());
                    update.setString(2, key);
                    changed += update.executeUpdate();
                }
            }
            return changed;
        });
    }

    /** Events of one capability not yet acknowledged, oldest first: what a restoration waits for. */
    public List<String> unacknowledgedKeys(Capability capability, int limit) {
        return database.read("list unacknowledged " + capability + " events", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT idempotency_key FROM outbox_events WHERE capability = ? AND state <> 'ACKNOWLEDGED' "
                            + "ORDER BY sequence LIMIT ?")) {
                select.setString(1, capability.name());
                select.setInt(2, limit);
                List<String> keys = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        keys.add(row.getString(1));
                    }
                }
                return keys;
            }
        });
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
    public List<OutboxEvent> eventsFor(String aggregateId) {
        return database.read("read outbox events of " + aggregateId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT idempotency_key, capability, type, aggregate_id, occurred_at, payload
                    FROM outbox_events WHERE aggregate_id = ? ORDER BY sequence""")) {
                statement.setString(1, aggregateId);
                List<OutboxEvent> events = new ArrayList<>();
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        events.add(new OutboxEvent(row.getString(1), Capability.valueOf(row.getString(2)),
                                row.getString(3), row.getString(4), Instant.parse(row.getString(5)),
                                row.getString(6)));
                    }
                }
                return events;
            }
        });
    }
}
