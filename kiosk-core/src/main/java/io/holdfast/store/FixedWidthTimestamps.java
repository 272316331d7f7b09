package io.holdfast.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 14: rewrites every stored instant in the one fixed-width format of {@link Timestamps}.
 * Until 13, some columns held {@code Instant.toString()} text ({@code 2026-11-21T09:00Z}) and others
 * the fixed format, and text comparisons between the two (the session purge, the outbox purge, the
 * gift-card {@code as_of}) went wrong. Each distinct old value is rewritten in place, so tables
 * without a rowid are handled alike and nothing is deleted.
 *
 * <p>The audit log is left as written: it is append-only (its triggers refuse updates), its hash
 * chain covers the instant, not the text, and no query compares its times as text.
 */
final class FixedWidthTimestamps implements JavaMigration {

    /** Every column that holds an instant, by table, as the schema stands at version 13. */
    static final Map<String, List<String>> COLUMNS = columns();

    private static Map<String, List<String>> columns() {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        columns.put("orders", List.of("updated_at"));
        columns.put("receipts", List.of("issued_at"));
        columns.put("gift_card_balances", List.of("as_of"));
        columns.put("collections", List.of("collected_at"));
        columns.put("outbox_events", List.of("occurred_at", "published_at", "acknowledged_at"));
        columns.put("idempotent_requests", List.of("created_at"));
        columns.put("staff", List.of("locked_until"));
        columns.put("sessions", List.of("created_at", "expires_at"));
        columns.put("store_exceptions", List.of("raised_at", "resolved_at"));
        columns.put("capability_states", List.of("since"));
        columns.put("notices", List.of("changed_at"));
        columns.put("command_sequences", List.of("accepted_at"));
        columns.put("stream_positions", List.of("updated_at"));
        columns.put("store_policy", List.of("installed_at"));
        columns.put("returns", List.of("returned_at"));
        columns.put("refunds", List.of("created_at", "settled_at"));
        columns.put("gift_card_redemptions", List.of("authorised_at", "settled_at", "verdict_at"));
        columns.put("gift_card_blocks", List.of("blocked_at", "cleared_at"));
        columns.put("gift_card_pin_failures", List.of("locked_until"));
        return Map.copyOf(columns);
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("14");
    }

    @Override
    public String getDescription() {
        return "fixed width timestamps";
    }

    @Override
    public Integer getChecksum() {
        return 14;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        for (Map.Entry<String, List<String>> table : COLUMNS.entrySet()) {
            for (String column : table.getValue()) {
                rewrite(connection, table.getKey(), column);
            }
        }
    }

    private static void rewrite(Connection connection, String table, String column) throws SQLException {
        List<String> old = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT " + column + " FROM " + table
                + " WHERE " + column + " IS NOT NULL AND length(" + column + ") <> " + Timestamps.WIDTH);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                old.add(rows.getString(1));
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET " + column + " = ? WHERE " + column + " = ?")) {
            for (String text : old) {
                update.setString(1, Timestamps.format(Timestamps.parse(text)));
                update.setString(2, text);
                update.executeUpdate();
            }
        }
    }
}
