package io.holdfast.release;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.holdfast.audit.AuditLog;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/**
 * What regional IT (or a manager) told the store about updates, kept in SQLite: releases announced,
 * and a freeze in force. The writes join the caller's transaction, so a signed command's effect and
 * its sequence are kept together; the updater reads them back.
 */
public final class UpdateOrders {

    private final Database database;

    public UpdateOrders(Database database) {
        this.database = database;
    }

    /** Records an announcement, once per release number; answers whether it was new. */
    public static boolean announce(Connection transaction, ReleaseAnnouncement announcement, Instant at)
            throws SQLException {
        try (PreparedStatement insert = transaction.prepareStatement("""
                INSERT INTO release_announcement (release, bundle, sha256, urgent, source, announced_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (release, sha256) DO NOTHING""")) {
            insert.setLong(1, announcement.release());
            insert.setString(2, announcement.bundle());
            insert.setString(3, announcement.sha256());
            insert.setInt(4, announcement.urgent() ? 1 : 0);
            insert.setString(5, announcement.source());
            insert.setString(6, Timestamps.format(at));
            return insert.executeUpdate() == 1;
        }
    }

    /** Records an announcement in a transaction of its own, audited (a USB install). */
    public boolean announce(ReleaseAnnouncement announcement, String actor, Instant at) {
        return database.inTransaction("announce release " + announcement.release(), connection -> {
            boolean fresh = announce(connection, announcement, at);
            AuditLog.append(connection, at, actor, "RELEASE_ANNOUNCED", announcement.bundle(),
                    Map.of("release", announcement.release(), "source", announcement.source(), "new", fresh));
            return fresh;
        });
    }

    /** A freeze until {@code until} (one in the past lifts it); a later FREEZE replaces an earlier one. */
    public static void freeze(Connection transaction, Instant until, String reason, String keyId, Instant at)
            throws SQLException {
        try (PreparedStatement upsert = transaction.prepareStatement("""
                INSERT INTO update_freeze (id, until, reason, key_id, set_at) VALUES (1, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET until = excluded.until, reason = excluded.reason,
                    key_id = excluded.key_id, set_at = excluded.set_at""")) {
            upsert.setString(1, Timestamps.format(until));
            upsert.setString(2, reason);
            upsert.setString(3, keyId);
            upsert.setString(4, Timestamps.format(at));
            upsert.executeUpdate();
        }
    }

    /** Until when updates are frozen, if a freeze was ever set (it may have passed). */
    public Optional<Instant> freezeUntil() {
        return database.read("read the update freeze", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT until FROM update_freeze WHERE id = 1");
                 ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(Timestamps.parse(row.getString(1))) : Optional.empty();
            }
        });
    }

    /** The newest announced release not yet handled (one not above the ratchet is refused when it is checked). */
    public Optional<ReleaseAnnouncement> next() {
        return database.read("read announced releases", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT release, bundle, sha256, urgent, source FROM release_announcement
                    WHERE handled = 0 ORDER BY release DESC, id DESC LIMIT 1""")) {
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new ReleaseAnnouncement(row.getLong(1), row.getString(2),
                            row.getString(3), row.getInt(4) == 1, row.getString(5))) : Optional.empty();
                }
            }
        });
    }

    /** Whether regional IT marked this release urgent (it may install outside the maintenance window). */
    public boolean urgent(long release) {
        return database.read("read announced release " + release, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT max(urgent) FROM release_announcement WHERE release = ?")) {
                select.setLong(1, release);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() && row.getInt(1) == 1;
                }
            }
        });
    }

    /** The announcement is done with (staged, or refused): it is not taken again. */
    public void handled(ReleaseAnnouncement announcement) {
        database.inTransaction("release " + announcement.release() + " handled", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE release_announcement SET handled = 1 WHERE release = ? AND sha256 = ?")) {
                update.setLong(1, announcement.release());
                update.setString(2, announcement.sha256());
                return update.executeUpdate();
            }
        });
    }
}
