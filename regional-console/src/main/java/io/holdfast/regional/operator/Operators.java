package io.holdfast.regional.operator;

import java.security.KeyPair;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.holdfast.audit.AuditLog;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;
import io.holdfast.sync.command.CommandSigner;

/**
 * The console's operators. Each has an Ed25519 key made here, sealed with their passphrase; the
 * key never leaves the console's machine and is opened only for a signed-in session.
 */
public final class Operators {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9._-]{1,31}");
    /** A passphrase is at least this long: it is the only thing between a stolen database and a key. */
    public static final int MINIMUM_PASSPHRASE = 12;

    private final Database database;
    private final Clock clock;

    public Operators(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Adds an operator with a new key sealed under {@code passphrase}; the id must be new. */
    public Operator add(String id, Role role, char[] passphrase, String addedBy) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("an operator id is 2 to 32 lower-case letters, digits, '.', '_' or '-',"
                    + " starting with a letter; '" + id + "' is not");
        }
        if (passphrase.length < MINIMUM_PASSPHRASE) {
            throw new IllegalArgumentException("a passphrase needs at least " + MINIMUM_PASSPHRASE + " characters");
        }
        KeyPair pair = CommandSigner.newKeyPair();
        SealedKey sealed = SealedKey.seal(pair.getPrivate(), passphrase);
        String publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        return database.inTransaction("add operator " + id, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO operators (id, role, public_key, sealed_key, salt, iterations, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")) {
                insert.setString(1, id);
                insert.setString(2, role.name());
                insert.setString(3, publicKey);
                insert.setString(4, sealed.sealed());
                insert.setString(5, sealed.salt());
                insert.setInt(6, sealed.iterations());
                insert.setString(7, Timestamps.format(clock.instant()));
                if (insert.executeUpdate() == 0) {
                    throw new IllegalArgumentException("operator '" + id + "' exists already");
                }
            }
            AuditLog.append(connection, clock.instant(), addedBy, "OPERATOR_ADDED", id,
                    Map.of("role", role.name(), "publicKey", publicKey));
            return new Operator(id, role, publicKey);
        });
    }

    public Optional<Operator> find(String id) {
        return database.read("find operator " + id, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT role, public_key FROM operators WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new Operator(id, Role.valueOf(row.getString(1)), row.getString(2)))
                            : Optional.<Operator>empty();
                }
            }
        });
    }

    public List<Operator> all() {
        return database.read("list operators", connection -> {
            List<Operator> all = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, role, public_key FROM operators ORDER BY id");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    all.add(new Operator(row.getString(1), Role.valueOf(row.getString(2)), row.getString(3)));
                }
            }
            return all;
        });
    }

    /** The operator with their key opened, or empty when the id or passphrase is wrong (the same answer for both). */
    public Optional<Unlocked> unlock(String id, char[] passphrase) {
        Optional<SealedKey> sealed = database.read("read operator " + id + "'s key", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT sealed_key, salt, iterations FROM operators WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new SealedKey(row.getString(1), row.getString(2), row.getInt(3)))
                            : Optional.<SealedKey>empty();
                }
            }
        });
        return sealed.flatMap(key -> key.open(passphrase))
                .flatMap(key -> find(id).map(operator -> new Unlocked(operator, new CommandSigner(id, key))));
    }

    /** A signed-in operator: who, and their opened key. */
    public record Unlocked(Operator operator, CommandSigner signer) {
    }
}
