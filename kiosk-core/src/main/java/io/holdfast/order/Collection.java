package io.holdfast.order;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A hand-over, as recorded.
 *
 * @param offline true when central could not confirm the order first (degraded or isolated)
 */
public record Collection(String collectionId, OrderId orderId, List<LineQuantity> lines, IdentityCheck identity,
                         String staffId, Instant collectedAt, boolean offline) {

    public Collection {
        Require.text(collectionId, "collection id");
        Objects.requireNonNull(orderId, "order id");
        lines = List.copyOf(lines);
        Objects.requireNonNull(identity, "identity check");
        Require.text(staffId, "staff id");
        Objects.requireNonNull(collectedAt, "collected at");
    }

    public Verification verification() {
        return identity.method();
    }

    public int units() {
        return lines.stream().mapToInt(LineQuantity::quantity).sum();
    }
}
