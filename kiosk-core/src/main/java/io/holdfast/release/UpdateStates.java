package io.holdfast.release;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.holdfast.audit.AuditLog;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/**
 * The store's update state in SQLite: one row, moved with its audit entry in one transaction. A move
 * to the same state with the same detail (a download's progress asked twice) changes nothing.
 */
public final class UpdateStates {

    private final Database database;

    public UpdateStates(Database database) {
        this.database = database;
    }

    /** The state now; IDLE since {@code epoch} before the first move. */
    public UpdateStatus current() {
        return database.read("read the update state", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT state, version, detail, since FROM update_state WHERE id = 1");
                 ResultSet row = select.executeQuery()) {
                return row.next()
                        ? new UpdateStatus(UpdateState.valueOf(row.getString(1)), row.getString(2), row.getString(3),
                                Instant.parse(row.getString(4)))
                        : new UpdateStatus(UpdateState.IDLE, "", "", Instant.EPOCH);
            }
        });
    }

    /** Moves to {@code state}; answers the status before, when it changed. */
    public Optional<UpdateStatus> move(UpdateState state, String version, String detail, Instant at) {
        UpdateStatus before = current();
        if (before.state() == state && before.version().equals(version) && before.detail().equals(detail)) {
            return Optional.empty();
        }
        database.inTransaction("update state " + state, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO update_state (id, state, version, detail, since) VALUES (1, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET state = excluded.state, version = excluded.version,
                        detail = excluded.detail, since = excluded.since""")) {
                upsert.setString(1, state.name());
                upsert.setString(2, version);
                upsert.setString(3, detail);
                upsert.setString(4, Timestamps.format(at));
                upsert.executeUpdate();
            }
            return AuditLog.append(connection, at, ReleaseRatchet.ACTOR, "UPDATE_" + state.name(), version,
                    Map.of("from", before.state().name(), "detail", detail));
        });
        return Optional.of(before);
    }
}
