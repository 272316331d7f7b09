package io.holdfast.order;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A hand-over, as recorded.
 *
 * @param offline true when central could not confirm the order first (degraded or isolated)
 */
public record Collection(String collectionId, OrderId orderId, List<LineQuantity> lines,
                         List<NotCollected> notCollected, IdentityCheck identity, String staffId, Instant collectedAt,
                         boolean offline) {

    public Collection {
        Require.text(collectionId, "collection id");
        Objects.requireNonNull(orderId, "order id");
        lines = List.copyOf(lines);
        notCollected = List.copyOf(notCollected);
        Objects.requireNonNull(identity, "identity check");
        Require.text(staffId, "staff id");
        Objects.requireNonNull(collectedAt, "collected at");
    }

    /**
     * Reads a collection as the store remembered it for a replay, including one remembered before a
     * hand-over recorded its identity check and what was set aside (only {@code verification} then).
     */
    @JsonCreator
    static Collection remembered(@JsonProperty("collectionId") String collectionId, @JsonProperty("orderId") OrderId orderId,
                                 @JsonProperty("lines") List<LineQuantity> lines,
                                 @JsonProperty("notCollected") List<NotCollected> notCollected,
                                 @JsonProperty("identity") IdentityCheck identity,
                                 @JsonProperty("verification") Verification verification,
                                 @JsonProperty("staffId") String staffId, @JsonProperty("collectedAt") Instant collectedAt,
                                 @JsonProperty("offline") boolean offline) {
        return new Collection(collectionId, orderId, lines, notCollected == null ? List.of() : notCollected,
                identity != null ? identity : IdentityCheck.of(Objects.requireNonNull(verification, "verification")),
                staffId, collectedAt, offline);
    }

    public Verification verification() {
        return identity.method();
    }

    public int units() {
        return lines.stream().mapToInt(LineQuantity::quantity).sum();
    }
}
