package io.holdfast.release;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;

import io.holdfast.audit.AuditLog;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/**
 * The highest release number this store has accepted, kept in SQLite. It moves only up, and only
 * with an accepted verdict: the check has passed before anything is saved, and the new number and
 * its audit entry are one transaction. A refusal is audited with its code and changes nothing.
 */
public final class ReleaseRatchet {

    static final String ACTOR = "gateway";
    private final Database database;

    public ReleaseRatchet(Database database) {
        this.database = database;
    }

    /** The highest release number accepted so far; 0 before the first. */
    public long highestAccepted() {
        return database.readLong("read the release ratchet",
                "SELECT coalesce((SELECT highest_release FROM release_ratchet WHERE id = 1), 0)");
    }

    /**
     * Raises the ratchet to an accepted release's number. A release accepted by an older view of the
     * ratchet (another accepted meanwhile) is not taken back: the ratchet stays at the higher number,
     * and the answer says whether this release raised it.
     */
    public boolean accept(ReleaseVerdict.Accepted accepted, Instant at) {
        ReleaseManifest manifest = accepted.manifest();
        return database.inTransaction("accept release " + manifest.version(), connection -> {
            int raised;
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO release_ratchet (id, highest_release, version, accepted_at) VALUES (1, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET highest_release = excluded.highest_release,
                        version = excluded.version, accepted_at = excluded.accepted_at
                    WHERE excluded.highest_release > release_ratchet.highest_release""")) {
                upsert.setLong(1, manifest.release());
                upsert.setString(2, manifest.version());
                upsert.setString(3, Timestamps.format(at));
                raised = upsert.executeUpdate();
            }
            AuditLog.append(connection, at, ACTOR, raised == 1 ? "RELEASE_ACCEPTED" : "RELEASE_ALREADY_PASSED",
                    manifest.version(), Map.of("release", manifest.release(), "signers", accepted.signers()));
            return raised == 1;
        });
    }

    /** Audits a refusal with its stable code; nothing else changes. */
    public void refused(ReleaseVerdict.Refused refused, String what, Instant at) {
        new AuditLog(database).append(at, ACTOR, "RELEASE_REFUSED", what,
                Map.of("code", refused.refusal().code(), "reason", refused.reason()));
    }

    /** For tests and the status page: whether a row exists at all. */
    boolean started() {
        return database.read("read the release ratchet", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM release_ratchet");
                 ResultSet row = select.executeQuery()) {
                return row.next() && row.getLong(1) > 0;
            }
        });
    }
}
