package io.holdfast.help;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.holdfast.audit.AuditLog;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/**
 * Calls for a colleague. A device has at most one open call: calling again while one is open
 * answers that one, so a customer pressing the button twice brings one colleague. Each call and its
 * answer are in the audit log.
 */
public final class HelpCalls {

    /** A call as made: the open one, and whether this press made it. */
    public record Called(HelpCall call, boolean fresh) {
    }

    private final Database database;
    private final Clock clock;

    public HelpCalls(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Called call(String caller, String screen) {
        return database.inTransaction("call a colleague", connection -> {
            Optional<HelpCall> open = openFrom(connection, caller);
            if (open.isPresent()) {
                return new Called(open.get(), false);
            }
            Instant now = clock.instant();
            HelpCall call = new HelpCall("HELP-" + UUID.randomUUID(), caller, screen, now);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO help_calls (call_id, caller, screen, called_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, call.callId());
                insert.setString(2, caller);
                insert.setString(3, screen);
                insert.setString(4, Timestamps.format(now));
                insert.executeUpdate();
            }
            AuditLog.append(connection, now, caller, "help.called", call.callId(), Map.of("screen", screen));
            return new Called(call, true);
        });
    }

    /** Open calls, oldest first: the customer who has waited longest comes first. */
    public List<HelpCall> open() {
        return database.read("list calls for a colleague", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT call_id, caller, screen, called_at FROM help_calls
                    WHERE answered_at IS NULL ORDER BY called_at""");
                 ResultSet rows = select.executeQuery()) {
                List<HelpCall> calls = new ArrayList<>();
                while (rows.next()) {
                    calls.add(call(rows));
                }
                return calls;
            }
        });
    }

    /** A colleague answers; empty when there is no such open call (answered already, or never made). */
    public Optional<HelpCall> answer(String callId, String staffId) {
        return database.inTransaction("answer a call for a colleague", connection -> {
            Instant now = clock.instant();
            Optional<HelpCall> call = Optional.empty();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT call_id, caller, screen, called_at FROM help_calls
                    WHERE call_id = ? AND answered_at IS NULL""")) {
                select.setString(1, callId);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        call = Optional.of(call(row));
                    }
                }
            }
            if (call.isEmpty()) {
                return call;
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE help_calls SET answered_by = ?, answered_at = ? WHERE call_id = ?")) {
                update.setString(1, staffId);
                update.setString(2, Timestamps.format(now));
                update.setString(3, callId);
                update.executeUpdate();
            }
            AuditLog.append(connection, now, staffId, "help.answered", callId, Map.of("caller", call.get().caller()));
            return call;
        });
    }

    private static Optional<HelpCall> openFrom(Connection connection, String caller) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT call_id, caller, screen, called_at FROM help_calls WHERE caller = ? AND answered_at IS NULL""")) {
            select.setString(1, caller);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(call(row)) : Optional.empty();
            }
        }
    }

    private static HelpCall call(ResultSet row) throws SQLException {
        return new HelpCall(row.getString(1), row.getString(2), row.getString(3), Timestamps.parse(row.getString(4)));
    }
}
