package io.holdfast.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One decision, as recorded.
 *
 * @param actor   who decided: a staff id, {@code regional-it}, or {@code gateway} for the store's own rules
 * @param action  what was decided: {@code capability.isolated}, {@code order.collected}, ...
 * @param subject what it was about: a capability, an order id
 * @param detail  the rest, as JSON
 */
public record AuditEntry(long sequence, Instant at, String actor, String action, String subject, String detail,
                         String previousHash, String hash) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(previousHash, "previous hash");
        Objects.requireNonNull(hash, "hash");
    }
}
