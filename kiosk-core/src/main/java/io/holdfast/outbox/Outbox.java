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
import io.holdfast.store.CoreJson;
import io.holdfast.store.Database;
import io.holdfast.store.KeptStatements;
import io.holdfast.store.Timestamps;

/**
 * The transactional outbox. {@link #append} runs inside the caller's transaction, so an event is
 * stored exactly when its business change is. Lifecycle: stored, published (the relay sent it),
 * acknowledged (central confirmed it), purged after a retention period. Its size is bounded in
 * bytes: when full, new work is refused and no stored event is ever dropped.
 */
public final class Outbox {

    /**
     * 256 MiB: 72 hours of a busy store's peak trading (about 2,000 events an hour at up to 1 KiB
     * each is 144 MiB) with room to spare.
     */
    public static final long DEFAULT_CAPACITY_BYTES = 256L * 1024 * 1024;
    /** What each event costs beyond its payload: keys, type, aggregate, times. */
    static final int PER_EVENT_BYTES = 256;

    private final Database database;
    private final long capacityBytes;
    private final java.util.concurrent.atomic.AtomicLong usedBytes;

    public Outbox(Database database) {
        this(database, DEFAULT_CAPACITY_BYTES);
    }

    /** The store file's installation id (see {@link io.holdfast.store.Installation}): the relay's identity on the broker. */
    public String installationId() {
        return io.holdfast.store.Installation.id(database);
    }

    public Outbox(Database database, long capacityBytes) {
        if (capacityBytes < 1024) {
            throw new IllegalArgumentException("outbox capacity must be at least 1 KiB, but was " + capacityBytes);
        }
        this.database = database;
        this.capacityBytes = capacityBytes;
        this.usedBytes = new java.util.concurrent.atomic.AtomicLong(measure(database));
    }

    /** The bytes unacknowledged events take, from the database itself. */
    private static long measure(Database database) {
        return database.read("measure the outbox", Outbox::measureIn);
    }

    private static long measureIn(Connection connection) throws SQLException {
        try (var statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                "SELECT coalesce(sum(length(CAST(payload AS BLOB))), 0) + count(*) * " + PER_EVENT_BYTES
                        + " FROM outbox_events WHERE state <> 'ACKNOWLEDGED'")) {
            row.next();
            return row.getLong(1);
        }
    }

    static long footprint(OutboxEvent event) {
        return event.payloadJson().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + PER_EVENT_BYTES;
    }

    /**
     * Refuses now, before any work starts, when an event with a payload of {@code payloadBytes} would
     * not fit: the store must not ask central to take money for work it then cannot record.
     *
     * @throws OutboxFullException when it would not fit
     */
    public void requireRoom(long payloadBytes) {
        long size = payloadBytes + PER_EVENT_BYTES;
        if (usedBytes.get() + size > capacityBytes) {
            usedBytes.set(measure(database));
            if (usedBytes.get() + size > capacityBytes) {
                throw new OutboxFullException(usedBytes.get(), capacityBytes);
            }
        }
    }

    public OutboxUsage usage() {
        return new OutboxUsage(usedBytes.get(), capacityBytes);
    }

    /**
     * Appends within the caller's open transaction and returns the store-wide sequence.
     *
     * @throws OutboxFullException when the event does not fit: the caller's transaction rolls back
     */
    public long append(Connection transaction, OutboxEvent event) throws SQLException {
        long size = footprint(event);
        if (usedBytes.get() + size > capacityBytes) {
            // The running count is a hint (a rolled-back append leaves it high): ask the database before refusing.
            usedBytes.set(measureIn(transaction));
            if (usedBytes.get() + size > capacityBytes) {
                throw new OutboxFullException(usedBytes.get(), capacityBytes);
            }
        }
        try (PreparedStatement statement = transaction.prepareStatement("""
                INSERT INTO outbox_events (idempotency_key, capability, type, aggregate_id, occurred_at, payload,
                                           previous_in_capability)
                VALUES (?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(sequence), 0) FROM outbox_events WHERE capability = ?))""",
                PreparedStatement.RETURN_GENERATED_KEYS)) {
            statement.setString(1, event.idempotencyKey());
            statement.setString(2, event.capability().name());
            statement.setString(3, event.type());
            statement.setString(4, event.aggregateId());
            statement.setString(5, Timestamps.format(event.occurredAt()));
            statement.setString(6, event.payloadJson());
            statement.setString(7, event.capability().name());
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                usedBytes.addAndGet(size);
                return keys.getLong(1);
            }
        }
    }

    /**
     * Events the relay may send, oldest first: not yet acknowledged, of the capabilities that may
     * drain now, and after the last one of each capability already in flight (the relay sends each
     * capability's events in sequence order, so what is in flight is a prefix: reading past it costs
     * nothing however wide the window). Each capability is read through its own index range, then
     * merged, so an isolated capability's backlog costs nothing.
     *
     * @param sentUpTo per capability, the highest sequence in flight; none: from the start
     */
    public List<PendingEvent> relayCandidates(java.util.Set<Capability> drainable, Map<Capability, Long> sentUpTo,
                                              int limit) {
        if (drainable.isEmpty()) {
            return List.of();
        }
        return database.read("read events to relay", connection -> {
            List<PendingEvent> pending = new ArrayList<>();
            for (Capability capability : drainable) {
                try (ResultSet row = KeptStatements.query(connection, """
                        SELECT sequence, idempotency_key, capability, type, aggregate_id, occurred_at, payload,
                               previous_in_capability
                        FROM outbox_events
                        WHERE capability = ? AND state <> 'ACKNOWLEDGED' AND sequence > ? ORDER BY sequence LIMIT ?""",
                        capability.name(), sentUpTo.getOrDefault(capability, 0L), limit)) {
                    while (row.next()) {
                        pending.add(new PendingEvent(row.getLong(1), row.getLong(8), new OutboxEvent(
                                row.getString(2), Capability.valueOf(row.getString(3)), row.getString(4),
                                row.getString(5), Instant.parse(row.getString(6)), row.getString(7))));
                    }
                }
            }
            pending.sort(java.util.Comparator.comparingLong(PendingEvent::sequence));
            return pending.size() > limit ? List.copyOf(pending.subList(0, limit)) : pending;
        });
    }

    /** Removes events central acknowledged before {@code acknowledgedBefore}; answers how many. */
    public int purgeAcknowledged(Instant acknowledgedBefore) {
        return database.inTransaction("purge acknowledged outbox events", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM outbox_events WHERE state = 'ACKNOWLEDGED' AND acknowledged_at < ?")) {
                delete.setString(1, Timestamps.format(acknowledgedBefore));
                return delete.executeUpdate();
            }
        });
    }

    /**
     * Central acknowledged these events (by idempotency key): they are done. Answers how many were
     * still waiting; acknowledging twice changes nothing.
     */
    public int acknowledge(Collection<String> idempotencyKeys, Instant at) {
        if (idempotencyKeys.isEmpty()) {
            return 0;
        }
        // One statement for the whole acknowledgement: the keys go in as one JSON array, and each row it
        // changes answers its payload's size, so the outbox's usage falls by exactly what was freed.
        String keys = CoreJson.write(List.copyOf(idempotencyKeys));
        return database.inTransaction("acknowledge " + idempotencyKeys.size() + " outbox events", connection -> {
            int changed = 0;
            long freed = 0;
            try (ResultSet row = KeptStatements.query(connection, """
                    UPDATE outbox_events SET state = 'ACKNOWLEDGED', acknowledged_at = ?
                    WHERE state <> 'ACKNOWLEDGED' AND idempotency_key IN (SELECT value FROM json_each(?))
                    RETURNING length(CAST(payload AS BLOB))""", Timestamps.format(at), keys)) {
                while (row.next()) {
                    changed++;
                    freed += row.getLong(1) + PER_EVENT_BYTES;
                }
            }
            usedBytes.addAndGet(-freed);
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
