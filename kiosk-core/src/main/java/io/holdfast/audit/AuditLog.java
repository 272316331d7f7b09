package io.holdfast.audit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.holdfast.store.CoreJson;
import io.holdfast.store.Database;
import io.holdfast.store.Hashes;
import io.holdfast.store.StoreException;
import io.holdfast.store.Timestamps;

/**
 * The hash-chained audit log. Each entry's hash covers its own fields and the hash of the entry
 * before it, so changing or removing any entry breaks every hash after it. Entries are written in
 * the same transaction as the decision they record.
 */
public final class AuditLog {

    /** The hash the first entry points back to. */
    public static final String GENESIS = "0".repeat(64);

    /** The result of checking the chain. */
    public sealed interface Verification {
        record Intact(long entries) implements Verification {
        }

        /** @param sequence the first entry that does not fit the chain */
        record Broken(long sequence, String reason) implements Verification {
        }
    }

    private final Database database;

    public AuditLog(Database database) {
        this.database = database;
    }

    /** Appends within the caller's transaction. */
    public static AuditEntry append(Connection transaction, Instant at, String actor, String action, String subject,
                                    Map<String, ?> detail) throws SQLException {
        String previous = lastHash(transaction);
        String json = CoreJson.write(detail);
        String hash = hash(previous, at, actor, action, subject, json);
        try (PreparedStatement insert = transaction.prepareStatement("""
                INSERT INTO audit_log (at, actor, action, subject, detail, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", PreparedStatement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, Timestamps.format(at));
            insert.setString(2, actor);
            insert.setString(3, action);
            insert.setString(4, subject);
            insert.setString(5, json);
            insert.setString(6, previous);
            insert.setString(7, hash);
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                key.next();
                return new AuditEntry(key.getLong(1), at, actor, action, subject, json, previous, hash);
            }
        }
    }

    /** Appends in a transaction of its own. */
    public AuditEntry append(Instant at, String actor, String action, String subject, Map<String, ?> detail) {
        return database.inTransaction("audit " + action, c -> append(c, at, actor, action, subject, detail));
    }

    /** Walks the whole chain from the first entry and names the first one that does not fit. */
    public Verification verify() {
        return database.read("verify the audit log", connection -> {
            String expectedPrevious = GENESIS;
            long expectedSequence = 1;
            long count = 0;
            try (var statement = connection.createStatement(); ResultSet row = statement.executeQuery("""
                    SELECT sequence, at, actor, action, subject, detail, previous_hash, hash
                    FROM audit_log ORDER BY sequence""")) {
                while (row.next()) {
                    AuditEntry entry = read(row);
                    if (entry.sequence() != expectedSequence) {
                        return new Verification.Broken(expectedSequence, "entry " + expectedSequence
                                + " is missing (the next entry is " + entry.sequence() + ")");
                    }
                    if (!entry.previousHash().equals(expectedPrevious)) {
                        return new Verification.Broken(entry.sequence(), "entry " + entry.sequence()
                                + " does not point back to the entry before it");
                    }
                    String recomputed = hash(entry.previousHash(), entry.at(), entry.actor(), entry.action(),
                            entry.subject(), entry.detail());
                    if (!recomputed.equals(entry.hash())) {
                        return new Verification.Broken(entry.sequence(), "entry " + entry.sequence()
                                + " was changed after it was written (its hash does not match its content)");
                    }
                    expectedPrevious = entry.hash();
                    expectedSequence++;
                    count++;
                }
            }
            return new Verification.Intact(count);
        });
    }

    /** The newest entries first, for the status page. */
    public List<AuditEntry> latest(int limit) {
        return database.read("read the audit log", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT sequence, at, actor, action, subject, detail, previous_hash, hash
                    FROM audit_log ORDER BY sequence DESC LIMIT ?""")) {
                select.setInt(1, limit);
                List<AuditEntry> entries = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        entries.add(read(row));
                    }
                }
                return entries;
            }
        });
    }

    /** Writes every entry as one JSON object per line, oldest first: for an investigator. */
    public long export(Writer out) {
        return database.read("export the audit log", connection -> {
            long count = 0;
            try (var statement = connection.createStatement(); ResultSet row = statement.executeQuery("""
                    SELECT sequence, at, actor, action, subject, detail, previous_hash, hash
                    FROM audit_log ORDER BY sequence""")) {
                while (row.next()) {
                    out.write(CoreJson.write(read(row)));
                    out.write('\n');
                    count++;
                }
            } catch (IOException e) {
                throw new StoreException("Cannot write the audit export: " + e.getMessage(), e);
            }
            return count;
        });
    }

    private static AuditEntry read(ResultSet row) throws SQLException {
        return new AuditEntry(row.getLong(1), Instant.parse(row.getString(2)), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7), row.getString(8));
    }

    private static String lastHash(Connection connection) throws SQLException {
        try (var statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                "SELECT hash FROM audit_log ORDER BY sequence DESC LIMIT 1")) {
            return row.next() ? row.getString(1) : GENESIS;
        }
    }

    static String hash(String previous, Instant at, String actor, String action, String subject, String detail) {
        MessageDigest sha256 = Hashes.sha256();
        for (String part : new String[]{previous, at.toString(), actor, action, subject, detail}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) ':');
            sha256.update(bytes);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
