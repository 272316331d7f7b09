package io.holdfast.exceptions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.holdfast.audit.AuditLog;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/** The manager's list of exceptions: raised by the store's own rules, resolved by a supervisor. */
public final class ManagerExceptions {

    private final Database database;
    private final Clock clock;

    public ManagerExceptions(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Raises one inside the caller's transaction, unless the same one is already open. */
    public static void raise(Connection transaction, ExceptionKind kind, String aggregateId, String detail, Instant at)
            throws SQLException {
        try (PreparedStatement existing = transaction.prepareStatement(
                "SELECT 1 FROM store_exceptions WHERE kind = ? AND aggregate_id = ? AND resolved_at IS NULL")) {
            existing.setString(1, kind.name());
            existing.setString(2, aggregateId);
            try (ResultSet row = existing.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement insert = transaction.prepareStatement("""
                INSERT INTO store_exceptions (exception_id, kind, aggregate_id, detail, raised_at) VALUES (?, ?, ?, ?, ?)""")) {
            insert.setString(1, "EX-" + UUID.randomUUID());
            insert.setString(2, kind.name());
            insert.setString(3, aggregateId);
            insert.setString(4, detail);
            insert.setString(5, Timestamps.format(at));
            insert.executeUpdate();
        }
    }

    /** Open ones first, newest first. */
    public List<ManagerException> list() {
        return database.read("list manager exceptions", connection -> {
            try (var statement = connection.createStatement(); var rows = statement.executeQuery("""
                    SELECT exception_id, kind, aggregate_id, detail, raised_at, resolved_by, resolution, resolved_at
                    FROM store_exceptions ORDER BY resolved_at IS NOT NULL, raised_at DESC""")) {
                List<ManagerException> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(read(rows));
                }
                return found;
            }
        });
    }

    /** The open exceptions of one kind, newest first: for pages polled often, without the resolved history. */
    public List<ManagerException> open(ExceptionKind kind) {
        return database.read("list open " + kind + " exceptions", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT exception_id, kind, aggregate_id, detail, raised_at, resolved_by, resolution, resolved_at
                    FROM store_exceptions WHERE kind = ? AND resolved_at IS NULL ORDER BY raised_at DESC""")) {
                select.setString(1, kind.name());
                List<ManagerException> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(read(rows));
                    }
                }
                return found;
            }
        });
    }

    /** Resolves an open exception; answers empty when there is no open one with that id. */
    public Optional<ManagerException> resolve(String exceptionId, String staffId, String note) {
        return database.inTransaction("resolve exception " + exceptionId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE store_exceptions SET resolved_at = ?, resolved_by = ?, resolution = ?
                    WHERE exception_id = ? AND resolved_at IS NULL""")) {
                update.setString(1, Timestamps.format(clock.instant()));
                update.setString(2, staffId);
                update.setString(3, note);
                update.setString(4, exceptionId);
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            AuditLog.append(connection, clock.instant(), staffId, "exception.resolved", exceptionId,
                    java.util.Map.of("note", note));
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT exception_id, kind, aggregate_id, detail, raised_at, resolved_by, resolution, resolved_at
                    FROM store_exceptions WHERE exception_id = ?""")) {
                select.setString(1, exceptionId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return Optional.of(read(row));
                }
            }
        });
    }

    private static ManagerException read(ResultSet row) throws SQLException {
        Optional<ManagerException.Resolution> resolution = row.getString(8) == null ? Optional.empty()
                : Optional.of(new ManagerException.Resolution(row.getString(6), row.getString(7),
                Instant.parse(row.getString(8))));
        return new ManagerException(row.getString(1), ExceptionKind.valueOf(row.getString(2)), row.getString(3),
                row.getString(4), Instant.parse(row.getString(5)), resolution);
    }
}
