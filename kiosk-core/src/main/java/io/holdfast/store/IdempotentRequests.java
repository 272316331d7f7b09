package io.holdfast.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes that carry an idempotency key: the first outcome is stored in the same transaction as
 * the change, and the same key with the same request finds it again. The same key with a
 * different request is a client mistake, reported as such.
 */
public final class IdempotentRequests {

    /** What was stored for a key. */
    public sealed interface Previous {
        /** Same key, same request: here is the first outcome. */
        record Same(String outcomeJson) implements Previous {
        }

        /** Same key, different request. */
        record Different() implements Previous {
        }
    }

    /**
     * A key and the request it came with, reduced to a fingerprint. The scope is the operation and
     * the principal ({@code giftcard-redemption/till-1}): two tills that both send {@code T0001}
     * make two requests, and neither gets the other's answer.
     */
    public record Request(String scope, String key, String fingerprint) {
        public Request {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(fingerprint, "fingerprint");
            if (key.isBlank() || key.length() > 128) {
                throw new IllegalArgumentException("an idempotency key must be 1 to 128 characters, but had " + key.length());
            }
        }

        /** {@code operation} by {@code principal} (a staff id or a device id) under {@code key}. */
        public static Request of(String operation, String principal, String key, String canonicalRequest) {
            Objects.requireNonNull(principal, "principal");
            return new Request(operation + "/" + principal, key, Hashes.sha256Hex(canonicalRequest));
        }

        /**
         * An id for what this request makes, the same on every retry of it ({@code prefix} and 32 hex
         * digits): a retry reaches the same outcome at central, which dedups by it, instead of a new one.
         */
        public String derivedId(String prefix) {
            return prefix + Hashes.sha256Hex(scope + "\n" + key).substring(0, 32);
        }
    }

    private IdempotentRequests() {
    }

    public static Optional<Previous> find(Connection connection, Request request) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT fingerprint, outcome FROM idempotent_requests WHERE scope = ? AND key = ?")) {
            statement.setString(1, request.scope());
            statement.setString(2, request.key());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(row.getString(1).equals(request.fingerprint())
                        ? new Previous.Same(row.getString(2)) : new Previous.Different());
            }
        }
    }

    public static void remember(Connection transaction, Request request, String outcomeJson, Instant at)
            throws SQLException {
        try (PreparedStatement statement = transaction.prepareStatement("""
                INSERT INTO idempotent_requests (scope, key, fingerprint, outcome, created_at) VALUES (?, ?, ?, ?, ?)""")) {
            statement.setString(1, request.scope());
            statement.setString(2, request.key());
            statement.setString(3, request.fingerprint());
            statement.setString(4, outcomeJson);
            statement.setString(5, Timestamps.format(at));
            statement.executeUpdate();
        }
    }
}
