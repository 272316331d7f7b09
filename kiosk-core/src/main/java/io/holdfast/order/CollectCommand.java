package io.holdfast.order;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A colleague hands over all or part of an order.
 *
 * @param expectedVersion the order version the desk showed; a different version now means another
 *                        desk got there first
 * @param idempotencyKey  the same key replays the first answer
 */
public record CollectCommand(OrderId orderId, List<LineQuantity> lines, List<NotCollected> notCollected,
                             IdentityCheck identity, String staffId, Optional<Integer> expectedVersion,
                             String idempotencyKey) {

    public CollectCommand {
        Objects.requireNonNull(orderId, "order id");
        lines = List.copyOf(lines);
        notCollected = List.copyOf(notCollected);
        if (notCollected.stream().map(NotCollected::lineNumber).distinct().count() != notCollected.size()) {
            throw new IllegalArgumentException("each order line may be set aside once in a collection, with one reason");
        }
        Objects.requireNonNull(identity, "identity check");
        Require.text(staffId, "staff id");
        Objects.requireNonNull(expectedVersion, "expected version");
        Require.text(idempotencyKey, "idempotency key");
        if (lines.stream().map(LineQuantity::lineNumber).distinct().count() != lines.size()) {
            throw new IllegalArgumentException("each order line may be named once in a collection");
        }
    }

    /** A hand-over checked by code, QR, or photo ID of a kind not given, nothing set aside. */
    public CollectCommand(OrderId orderId, List<LineQuantity> lines, Verification verification, String staffId,
                          Optional<Integer> expectedVersion, String idempotencyKey) {
        this(orderId, lines, List.of(), IdentityCheck.of(verification), staffId, expectedVersion, idempotencyKey);
    }

    public Verification verification() {
        return identity.method();
    }

    /** The request as text, for telling a repeated request from a different one with the same key. */
    String canonical() {
        return orderId + "|" + lines + "|" + notCollected + "|" + identity.canonical() + "|" + staffId + "|"
                + expectedVersion.orElse(0);
    }
}
