package io.holdfast.regional.command;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.holdfast.audit.AuditLog;
import io.holdfast.regional.Refused;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/**
 * What needs a second person: a fleet-wide restoration and every rollout. The approver must be
 * someone other than whoever asked; the decision is recorded and audited in the caller's transaction.
 */
public final class Approvals {

    /** One request as the page lists it. */
    public record Request(String id, String kind, String subject, String requestedBy, String requestedAt,
                          String state, String decidedBy) {
    }

    private final Database database;
    private final Clock clock;

    public Approvals(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public static void request(Connection connection, String id, String kind, String subject, String requestedBy,
                        java.time.Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO approvals (id, kind, subject, requested_by, requested_at, state) VALUES (?, ?, ?, ?, ?, 'PENDING')""")) {
            insert.setString(1, id);
            insert.setString(2, kind);
            insert.setString(3, subject);
            insert.setString(4, requestedBy);
            insert.setString(5, Timestamps.format(at));
            insert.executeUpdate();
        }
        AuditLog.append(connection, at, requestedBy, "APPROVAL_REQUESTED", id, Map.of("kind", kind, "subject", subject));
    }

    /**
     * Decides a pending request, refusing an approval by the person who asked.
     *
     * @return who asked for it
     */
    public static String decide(Connection connection, String id, String approver, boolean approve, Clock clock)
            throws SQLException {
        String requester;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT requested_by, state FROM approvals WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new Refused(404, "approval-not-found", "nothing awaits approval as " + id);
                }
                if (!row.getString(2).equals("PENDING")) {
                    throw new Refused(409, "approval-decided", id + " was " + row.getString(2).toLowerCase() + " already");
                }
                requester = row.getString(1);
            }
        }
        if (requester.equals(approver)) {
            throw new Refused(403, "approval-by-requester", approver + " asked for " + id
                    + "; another approver must decide it");
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE approvals SET state = ?, decided_by = ?, decided_at = ? WHERE id = ? AND state = 'PENDING'")) {
            update.setString(1, approve ? "APPROVED" : "REFUSED");
            update.setString(2, approver);
            update.setString(3, Timestamps.format(clock.instant()));
            update.setString(4, id);
            update.executeUpdate();
        }
        AuditLog.append(connection, clock.instant(), approver, approve ? "APPROVED" : "APPROVAL_REFUSED", id,
                Map.of("requestedBy", requester));
        return requester;
    }

    public List<Request> recent(int limit) {
        return database.read("list approvals", connection -> {
            List<Request> all = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, kind, subject, requested_by, requested_at, state, coalesce(decided_by, '')
                    FROM approvals ORDER BY requested_at DESC LIMIT ?""")) {
                select.setInt(1, limit);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        all.add(new Request(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                                row.getString(5), row.getString(6), row.getString(7)));
                    }
                }
            }
            return all;
        });
    }
}
