package io.holdfast.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.holdfast.audit.AuditLog;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/**
 * Keeps only what is needed about customers: once an order, receipt or return has seen nothing for
 * the retention period, the names, postcodes, contact details, proxy collectors' names and loyalty
 * ids on it are removed, while amounts and ids stay for the books. Expired sessions and idempotency
 * records past the retention (whose stored answers can carry a customer's details) go whole: nothing
 * can be retried that long after. The audit log is never touched, so its chain still verifies; the
 * personal data is kept out of it in the first place (a proxy's name is audited as its hash).
 *
 * <p>Removed text is overwritten on disk as well: the store writes with SQLite's {@code secure_delete}
 * on, and the purge merges the name index and checkpoints the write-ahead log, so the old bytes do
 * not linger in free pages, index segments or the log.
 */
public final class PersonalDataPurge {

    /** What the store keeps by default after the last event of a customer's order, receipt or return. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    public static final String AUDIT_ACTION = "privacy.purged";

    /** Orders that are finished with: collected, sent back, cancelled or expired. */
    private static final String FINISHED_ORDERS = """
            personal_data_removed_at IS NULL
            AND status IN ('COLLECTED', 'RETURNED_TO_SENDER', 'CANCELLED', 'EXPIRED')
            AND updated_at < ?1
            AND NOT EXISTS (SELECT 1 FROM collections c WHERE c.order_id = orders.order_id AND c.collected_at >= ?1)
            AND NOT EXISTS (SELECT 1 FROM returns r WHERE r.purchase_id = orders.order_id AND r.returned_at >= ?1)""";
    private static final String OLD_RECEIPTS = """
            loyalty_id IS NOT NULL AND issued_at < ?1
            AND NOT EXISTS (SELECT 1 FROM returns r WHERE r.purchase_id = receipts.receipt_id AND r.returned_at >= ?1)""";
    private static final String OLD_RETURNS = "customer_key <> '' AND returned_at < ?1";

    /**
     * What a purge removes, or would.
     *
     * @param cutoff          rows whose last event is before this are purged
     * @param orders          orders whose customer details go
     * @param collectors      proxy collectors' names on those orders' hand-overs
     * @param receipts        receipts whose loyalty id goes
     * @param returns         returns whose customer key (loyalty id or card) goes
     * @param sessions        expired sessions deleted
     * @param idempotency     idempotency records deleted
     */
    public record Plan(Instant cutoff, long orders, long collectors, long receipts, long returns, long sessions,
                       long idempotency) {
        public Plan {
            Objects.requireNonNull(cutoff, "cutoff");
        }

        public long total() {
            return orders + collectors + receipts + returns + sessions + idempotency;
        }

        Map<String, Object> asDetail() {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("cutoff", cutoff.toString());
            detail.put("orders", orders);
            detail.put("collectors", collectors);
            detail.put("receipts", receipts);
            detail.put("returns", returns);
            detail.put("sessions", sessions);
            detail.put("idempotencyRecords", idempotency);
            return detail;
        }
    }

    private final Database database;
    private final Duration retention;
    private final Clock clock;

    public PersonalDataPurge(Database database, Duration retention, Clock clock) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the retention must be positive, but was " + retention);
        }
        this.database = database;
        this.retention = retention;
        this.clock = clock;
    }

    /** What a purge now would remove; nothing is changed. */
    public Plan plan() {
        Instant cutoff = clock.instant().minus(retention);
        return database.read("plan the personal data purge", connection -> count(connection, cutoff));
    }

    /** Removes what {@link #plan()} names, in one transaction with its audit entry, then scrubs the freed bytes. */
    public Plan purge(String actor) {
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        Plan done = database.inTransaction("purge personal data before " + cutoff, connection -> {
            Plan plan = count(connection, cutoff);
            if (plan.total() == 0) {
                return plan;
            }
            String stamp = Timestamps.format(cutoff);
            update(connection, stamp, "UPDATE collections SET collector = '' WHERE collector IS NOT NULL AND collector <> ''"
                    + " AND order_id IN (SELECT order_id FROM orders WHERE " + FINISHED_ORDERS + ")");
            update(connection, stamp, "UPDATE orders SET customer_name = '', postcode = '', postcode_key = '',"
                    + " masked_contact = '', personal_data_removed_at = '" + Timestamps.format(now) + "' WHERE "
                    + FINISHED_ORDERS);
            update(connection, stamp, "UPDATE receipts SET loyalty_id = NULL WHERE " + OLD_RECEIPTS);
            update(connection, stamp, "UPDATE returns SET customer_key = '' WHERE " + OLD_RETURNS);
            update(connection, stamp, "DELETE FROM sessions WHERE expires_at < ?1");
            update(connection, stamp, "DELETE FROM idempotent_requests WHERE created_at < ?1");
            AuditLog.append(connection, now, actor, AUDIT_ACTION, "store", plan.asDetail());
            return plan;
        });
        if (done.total() > 0) {
            database.inTransaction("merge the name index after the purge", connection -> {
                try (Statement merge = connection.createStatement()) {
                    merge.execute("INSERT INTO orders_by_name (orders_by_name) VALUES ('optimize')");
                }
                return null;
            });
            database.checkpoint();
        }
        return done;
    }

    private static Plan count(Connection connection, Instant cutoff) throws SQLException {
        String stamp = Timestamps.format(cutoff);
        return new Plan(cutoff,
                count(connection, stamp, "SELECT count(*) FROM orders WHERE " + FINISHED_ORDERS),
                count(connection, stamp, "SELECT count(*) FROM collections WHERE collector IS NOT NULL AND collector <> ''"
                        + " AND order_id IN (SELECT order_id FROM orders WHERE " + FINISHED_ORDERS + ")"),
                count(connection, stamp, "SELECT count(*) FROM receipts WHERE " + OLD_RECEIPTS),
                count(connection, stamp, "SELECT count(*) FROM returns WHERE " + OLD_RETURNS),
                count(connection, stamp, "SELECT count(*) FROM sessions WHERE expires_at < ?1"),
                count(connection, stamp, "SELECT count(*) FROM idempotent_requests WHERE created_at < ?1"));
    }

    private static long count(Connection connection, String cutoff, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, cutoff);
            try (var row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void update(Connection connection, String cutoff, String sql) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, cutoff);
            update.executeUpdate();
        }
    }
}
