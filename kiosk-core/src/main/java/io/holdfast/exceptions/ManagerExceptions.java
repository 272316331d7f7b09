package io.holdfast.exceptions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.holdfast.audit.AuditLog;
import io.holdfast.outbox.Outbox;
import io.holdfast.outbox.OutboxEvent;
import io.holdfast.store.CoreJson;
import io.holdfast.store.Database;
import io.holdfast.store.Hashes;
import io.holdfast.store.Timestamps;

/**
 * The manager's list of exceptions: raised by the store's own rules, assigned to a colleague, worked
 * with notes and the actions that fit each kind, and resolved. Every step is kept in the exception's
 * history and the audit log, in one transaction; an action that settles an exception (a write-off, a
 * recovery, a refund made another way, a card kept blocked) also tells central through the outbox,
 * since it changes the books.
 */
public final class ManagerExceptions {

    /** What central is told when an exception is settled by an action. */
    public static final String SETTLED_EVENT = "exception.settled";

    /** The outcome of a step on an exception. */
    public sealed interface Outcome {
        record Done(ManagerException exception) implements Outcome {
        }

        record NotFound(String exceptionId) implements Outcome {
        }

        /** Assigning or acting on an exception already resolved. */
        record AlreadyResolved(ManagerException exception) implements Outcome {
        }

        record ActionNotFitting(ExceptionKind kind, ExceptionAction action) implements Outcome {
        }
    }

    private static final String COLUMNS = """
            exception_id, kind, aggregate_id, detail, raised_at, resolved_by, resolution, resolved_at, assigned_to""";

    private final Database database;
    private final Outbox outbox;
    private final Clock clock;

    public ManagerExceptions(Database database, Outbox outbox, Clock clock) {
        this.database = database;
        this.outbox = outbox;
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
        String id = "EX-" + UUID.randomUUID();
        try (PreparedStatement insert = transaction.prepareStatement("""
                INSERT INTO store_exceptions (exception_id, kind, aggregate_id, detail, raised_at) VALUES (?, ?, ?, ?, ?)""")) {
            insert.setString(1, id);
            insert.setString(2, kind.name());
            insert.setString(3, aggregateId);
            insert.setString(4, detail);
            insert.setString(5, Timestamps.format(at));
            insert.executeUpdate();
        }
        history(transaction, id, at, "gateway", ExceptionHistory.Entry.RAISED, Optional.empty(), detail);
    }

    /** Open ones first, newest first. */
    public List<ManagerException> list() {
        return database.read("list manager exceptions", connection -> select(connection,
                "SELECT " + COLUMNS + " FROM store_exceptions ORDER BY resolved_at IS NOT NULL, raised_at DESC"));
    }

    /** The open exceptions of one kind, newest first: for pages polled often, without the resolved history. */
    public List<ManagerException> open(ExceptionKind kind) {
        return database.read("list open " + kind + " exceptions", connection -> select(connection, "SELECT " + COLUMNS
                + " FROM store_exceptions WHERE kind = ? AND resolved_at IS NULL ORDER BY raised_at DESC", kind.name()));
    }

    /** Every step of one exception, oldest first; empty when there is no such exception. */
    public List<ExceptionHistory> history(String exceptionId) {
        return database.read("read the history of " + exceptionId, connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT entry_no, at, actor, entry, action, note FROM store_exception_history
                    WHERE exception_id = ? ORDER BY entry_no""")) {
                select.setString(1, exceptionId);
                List<ExceptionHistory> steps = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        steps.add(new ExceptionHistory(rows.getInt(1), Timestamps.parse(rows.getString(2)),
                                rows.getString(3), ExceptionHistory.Entry.valueOf(rows.getString(4)),
                                Optional.ofNullable(rows.getString(5)).map(ExceptionAction::valueOf), rows.getString(6)));
                    }
                }
                return steps;
            }
        });
    }

    /** Resolves an open exception; answers empty when there is no open one with that id. */
    public Optional<ManagerException> resolve(String exceptionId, String staffId, String note) {
        return switch (step(exceptionId, staffId, (connection, existing) -> {
            resolve(connection, existing, staffId, note, Optional.empty());
            return "exception.resolved";
        }, noted(note))) {
            case Outcome.Done done -> Optional.of(done.exception());
            default -> Optional.empty();
        };
    }

    /** Gives an open exception to a colleague to look after. */
    public Outcome assign(String exceptionId, String assignee, String by) {
        return step(exceptionId, by, (connection, existing) -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE store_exceptions SET assigned_to = ? WHERE exception_id = ?")) {
                update.setString(1, assignee);
                update.setString(2, exceptionId);
                update.executeUpdate();
            }
            history(connection, exceptionId, clock.instant(), by, ExceptionHistory.Entry.ASSIGNED, Optional.empty(),
                    "assigned to " + assignee);
            return "exception.assigned";
        }, Map.of("assignee", assignee));
    }

    /** Adds a note to an exception, open or resolved: what was found, who was called. */
    public Outcome note(String exceptionId, String note, String by) {
        Optional<ManagerException> existing = find(exceptionId);
        if (existing.isEmpty()) {
            return new Outcome.NotFound(exceptionId);
        }
        database.inTransaction("note on " + exceptionId, connection -> {
            history(connection, exceptionId, clock.instant(), by, ExceptionHistory.Entry.NOTE, Optional.empty(), note);
            AuditLog.append(connection, clock.instant(), by, "exception.noted", exceptionId, noted(note));
            return null;
        });
        return new Outcome.Done(find(exceptionId).orElseThrow());
    }

    /**
     * Takes an action that fits the exception's kind. A settling action resolves the exception and
     * tells central (the outbox event, in the same transaction); a step such as contacting the
     * customer stays in its history and leaves it open.
     */
    public Outcome act(String exceptionId, ExceptionAction action, String note, String by) {
        Optional<ManagerException> found = find(exceptionId);
        if (found.isPresent() && !found.get().kind().actions().contains(action)) {
            return new Outcome.ActionNotFitting(found.get().kind(), action);
        }
        Map<String, Object> detail = new LinkedHashMap<>(noted(note));
        detail.put("action", action.name());
        return step(exceptionId, by, (connection, existing) -> {
            if (action.settles()) {
                resolve(connection, existing, by, note, Optional.of(action));
            } else {
                history(connection, exceptionId, clock.instant(), by, ExceptionHistory.Entry.ACTION, Optional.of(action),
                        note);
            }
            return "exception." + action.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }, detail);
    }

    /**
     * A note as the audit log keeps it: its SHA-256, not its words. Notes are free text a colleague may
     * put a customer's name in; the words stay in the exception's history, and the append-only audit
     * log holds nothing personal that could never be taken out.
     */
    private static Map<String, Object> noted(String note) {
        return Map.of("noteSha256", Hashes.sha256Hex(note));
    }

    /** A step on an open exception, audited; the work writes its own rows and names the audit action. */
    private Outcome step(String exceptionId, String by, Step work, Map<String, Object> detail) {
        return database.inTransaction("work on exception " + exceptionId, connection -> {
            Optional<ManagerException> existing = find(connection, exceptionId);
            if (existing.isEmpty()) {
                return new Outcome.NotFound(exceptionId);
            }
            if (!existing.get().open()) {
                return new Outcome.AlreadyResolved(existing.get());
            }
            String auditAction = work.run(connection, existing.get());
            AuditLog.append(connection, clock.instant(), by, auditAction, exceptionId, detail);
            return new Outcome.Done(find(connection, exceptionId).orElseThrow());
        });
    }

    @FunctionalInterface
    private interface Step {
        /** Does the step in {@code transaction} and answers the audit action's name. */
        String run(Connection transaction, ManagerException existing) throws SQLException;
    }

    /** Resolves in the caller's transaction; a settling action also goes to central through the outbox. */
    private void resolve(Connection connection, ManagerException existing, String staffId, String note,
                         Optional<ExceptionAction> action) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE store_exceptions SET resolved_at = ?, resolved_by = ?, resolution = ?
                WHERE exception_id = ? AND resolved_at IS NULL""")) {
            update.setString(1, Timestamps.format(now));
            update.setString(2, staffId);
            update.setString(3, action.map(a -> a.name() + ": ").orElse("") + note);
            update.setString(4, existing.exceptionId());
            update.executeUpdate();
        }
        if (action.isPresent()) {
            history(connection, existing.exceptionId(), now, staffId, ExceptionHistory.Entry.ACTION, action, note);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("exceptionId", existing.exceptionId());
            payload.put("kind", existing.kind().name());
            payload.put("aggregateId", existing.aggregateId());
            payload.put("action", action.get().name());
            payload.put("note", note);
            payload.put("by", staffId);
            payload.put("at", now.toString());
            outbox.append(connection, new OutboxEvent("exception-settled-" + existing.exceptionId(),
                    existing.kind().capability(), SETTLED_EVENT, existing.aggregateId(), now, CoreJson.write(payload)));
        }
        history(connection, existing.exceptionId(), now, staffId, ExceptionHistory.Entry.RESOLVED,
                Optional.empty(), note);
    }

    /** One exception, open or resolved. */
    public Optional<ManagerException> find(String exceptionId) {
        return database.read("find exception " + exceptionId, connection -> find(connection, exceptionId));
    }

    private static Optional<ManagerException> find(Connection connection, String exceptionId) throws SQLException {
        return select(connection, "SELECT " + COLUMNS + " FROM store_exceptions WHERE exception_id = ?", exceptionId)
                .stream().findFirst();
    }

    private static int history(Connection connection, String exceptionId, Instant at, String actor,
                               ExceptionHistory.Entry entry, Optional<ExceptionAction> action, String note)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO store_exception_history (exception_id, entry_no, at, actor, entry, action, note)
                VALUES (?1, (SELECT coalesce(max(entry_no), 0) + 1 FROM store_exception_history WHERE exception_id = ?1),
                        ?2, ?3, ?4, ?5, ?6)""")) {
            insert.setString(1, exceptionId);
            insert.setString(2, Timestamps.format(at));
            insert.setString(3, actor);
            insert.setString(4, entry.name());
            insert.setString(5, action.map(Enum::name).orElse(null));
            insert.setString(6, note);
            return insert.executeUpdate();
        }
    }

    private static List<ManagerException> select(Connection connection, String sql, String... parameters)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            List<ManagerException> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(read(rows));
                }
            }
            return found;
        }
    }

    private static ManagerException read(ResultSet row) throws SQLException {
        Optional<ManagerException.Resolution> resolution = row.getString(8) == null ? Optional.empty()
                : Optional.of(new ManagerException.Resolution(row.getString(6), row.getString(7),
                Timestamps.parse(row.getString(8))));
        return new ManagerException(row.getString(1), ExceptionKind.valueOf(row.getString(2)), row.getString(3),
                row.getString(4), Timestamps.parse(row.getString(5)), Optional.ofNullable(row.getString(9)), resolution);
    }
}
