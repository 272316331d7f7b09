package io.holdfast.policy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.holdfast.audit.AuditLog;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/**
 * The policy documents regional IT installs. Versions only go up: one that is not newer than the
 * installed one is refused, so a replayed or delayed policy never rolls the store back. Each install
 * is audited in the same transaction. What the rules inside mean is for the capabilities that read
 * them (gift-card caps, refund options).
 */
public final class StorePolicies {

    private final Database database;
    private final Clock clock;

    public StorePolicies(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Optional<InstalledPolicy> inForce() {
        return database.read("read the policy in force", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT version, document, installed_at,"
                    + " installed_by FROM store_policy ORDER BY version DESC LIMIT 1");
                 ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new InstalledPolicy(row.getLong(1), row.getString(2),
                        Instant.parse(row.getString(3)), row.getString(4))) : Optional.empty();
            }
        });
    }

    /** The installed version, 0 when none: cheaper than the document, for callers that cache by version. */
    public long versionInForce() {
        return database.readLong("read the policy version", "SELECT coalesce(max(version), 0) FROM store_policy");
    }

    public PolicyDecision install(long version, String documentJson, String installedBy) {
        if (version < 1) {
            return new PolicyDecision.Refused("a policy version must be positive, but was " + version);
        }
        Instant now = clock.instant();
        return database.inTransaction("install policy version " + version, connection -> {
            try (PreparedStatement current = connection.prepareStatement("SELECT max(version) FROM store_policy");
                 ResultSet row = current.executeQuery()) {
                long installed = row.next() ? row.getLong(1) : 0;
                if (version <= installed) {
                    return new PolicyDecision.Refused("version " + version + " is not newer than version "
                            + installed + ", which is installed");
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO store_policy (version, document, installed_at, installed_by) VALUES (?, ?, ?, ?)")) {
                insert.setLong(1, version);
                insert.setString(2, documentJson);
                insert.setString(3, Timestamps.format(now));
                insert.setString(4, installedBy);
                insert.executeUpdate();
            }
            AuditLog.append(connection, now, installedBy, "policy.installed", "policy-" + version,
                    java.util.Map.of("version", version));
            return new PolicyDecision.Installed(new InstalledPolicy(version, documentJson, now, installedBy));
        });
    }
}
