package io.holdfast.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.holdfast.audit.AuditLog;
import io.holdfast.mode.Capability;
import io.holdfast.outbox.Outbox;
import io.holdfast.outbox.OutboxEvent;
import io.holdfast.store.CoreJson;
import io.holdfast.store.Database;
import io.holdfast.store.Hashes;
import io.holdfast.store.IdempotentRequests;
import io.holdfast.store.Timestamps;

/**
 * Handing over click-and-collect orders. Asks central first when it can; when central cannot
 * answer, hands over from the store's own manifest and marks the collection offline. The
 * collection, the order's new quantities, its outbox event and the idempotency record are
 * written in one transaction.
 */
public final class CollectionDesk {

    private static final String SCOPE = "collect";

    private final Database database;
    private final Outbox outbox;
    private final CentralOrders central;
    private final OrderExpiry expiry;
    private final Clock clock;

    public CollectionDesk(Database database, Outbox outbox, CentralOrders central, OrderExpiry expiry, Clock clock) {
        this.database = database;
        this.outbox = outbox;
        this.central = central;
        this.expiry = expiry;
        this.clock = clock;
    }

    public CollectOutcome collect(CollectCommand command) {
        IdempotentRequests.Request request = IdempotentRequests.Request.of(SCOPE, command.staffId(), command.idempotencyKey(),
                command.canonical());
        Optional<CollectOutcome> replay = database.read("look up idempotency key",
                connection -> replay(connection, request));
        if (replay.isPresent()) {
            return replay.get();
        }
        CentralOrders.Answer answer = central.check(command.orderId());
        return database.inTransaction("collect order " + command.orderId(), connection -> {
            Optional<CollectOutcome> raced = replay(connection, request);
            if (raced.isPresent()) {
                return raced.get();
            }
            Optional<Order> found = SqliteOrderRepository.load(connection, command.orderId());
            if (found.isEmpty()) {
                return refuse(Refusal.ORDER_NOT_FOUND, "Order " + command.orderId() + " is not in this store.",
                        Optional.empty());
            }
            Order order = found.get();
            if (expiry.isOverdue(order)) {
                Order expired = expiry.expire(connection, order, clock.instant());
                return refuse(Refusal.ORDER_NOT_COLLECTABLE, "Order " + order.id() + " was to be collected by "
                        + order.pickupBy() + "; it is past its pickup-by date and goes back to the warehouse.",
                        Optional.of(expired));
            }
            switch (answer) {
                case CentralOrders.Answer.Cancelled cancelled -> {
                    return cancelledCentrally(connection, order, cancelled.reason());
                }
                case CentralOrders.Answer.Unknown unknown -> {
                    return refuse(Refusal.UNKNOWN_TO_CENTRAL, "Head office has no order " + order.id()
                            + "; do not hand it over until the manager has checked.", Optional.of(order));
                }
                default -> {
                    // Collectable, or central unavailable: the store decides from its own copy.
                }
            }
            Optional<CollectOutcome.Refused> refused = CollectionRules.check(order, command);
            if (refused.isPresent()) {
                return refused.get();
            }
            boolean offline = answer instanceof CentralOrders.Answer.Unavailable;
            CollectOutcome.Collected collected = record(connection, order, command, offline);
            IdempotentRequests.remember(connection, request, CoreJson.write(collected), clock.instant());
            return collected;
        });
    }

    /**
     * The audit entry's detail: the event's, with a proxy's name as its SHA-256 only. The audit log
     * is append-only and hash-chained, so nothing personal goes into it that the retention purge would
     * have to take out; the hash still ties the entry to the name on the hand-over while it is kept.
     */
    private static Map<String, Object> audited(Map<String, Object> payload) {
        if (!(payload.get("collector") instanceof String name)) {
            return payload;
        }
        Map<String, Object> detail = new LinkedHashMap<>(payload);
        detail.remove("collector");
        detail.put("collectorSha256", Hashes.sha256Hex(name));
        return detail;
    }

    private Optional<CollectOutcome> replay(Connection connection, IdempotentRequests.Request request)
            throws SQLException {
        return IdempotentRequests.find(connection, request).map(previous -> switch (previous) {
            case IdempotentRequests.Previous.Same same ->
                    CoreJson.read(same.outcomeJson(), CollectOutcome.Collected.class).asReplay();
            case IdempotentRequests.Previous.Different different -> refuse(Refusal.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different collection; use a new key.",
                    Optional.empty());
        });
    }

    private CollectOutcome.Collected record(Connection connection, Order order, CollectCommand command,
                                            boolean offline) throws SQLException {
        Instant now = clock.instant();
        Collection collection = new Collection("COL-" + UUID.randomUUID(), order.id(), command.lines(),
                command.notCollected(), command.identity(), command.staffId(), now, offline);
        Order after = CollectionRules.apply(order, command.lines(), command.notCollected(), now);
        OrderWrites.updateQuantitiesAndStatus(connection, after);
        insertCollection(connection, collection);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("collectionId", collection.collectionId());
        payload.put("orderId", order.id().value());
        payload.put("lines", collection.lines());
        if (!collection.notCollected().isEmpty()) {
            // Units that will not be collected and why: central settles them with the customer.
            payload.put("notCollected", collection.notCollected());
        }
        payload.put("verification", collection.verification());
        // The kind of check, never the code or an ID number; a proxy's name, as the customer's agent.
        collection.identity().photoId().ifPresent(kind -> payload.put("photoId", kind));
        collection.identity().collector().ifPresent(name -> payload.put("collector", name));
        payload.put("staffId", collection.staffId());
        payload.put("collectedAt", now);
        payload.put("offline", offline);
        payload.put("orderStatus", after.status());
        outbox.append(connection, new OutboxEvent(collection.collectionId(), Capability.ORDERS,
                "CollectionRecorded", order.id().value(), now, CoreJson.write(payload)));
        AuditLog.append(connection, now, command.staffId(), "order.collected", order.id().value(), audited(payload));
        return new CollectOutcome.Collected(collection, after, false);
    }

    private CollectOutcome cancelledCentrally(Connection connection, Order order, String reason) throws SQLException {
        Order now = order;
        if (order.status() != OrderStatus.CANCELLED && order.unitsCollected() == 0) {
            now = order.withStatus(OrderStatus.CANCELLED, clock.instant());
            OrderWrites.updateQuantitiesAndStatus(connection, now);
        }
        return refuse(Refusal.CANCELLED_CENTRALLY, "Head office cancelled order " + order.id() + " (" + reason
                + "); do not hand it over.", Optional.of(now));
    }

    private static void insertCollection(Connection connection, Collection collection) throws SQLException {
        try (PreparedStatement header = connection.prepareStatement("""
                INSERT INTO collections (collection_id, order_id, collected_at, staff_id, verification, offline,
                                         photo_id, collector)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");
             PreparedStatement lines = connection.prepareStatement(
                     "INSERT INTO collection_lines (collection_id, line_no, quantity) VALUES (?, ?, ?)")) {
            header.setString(1, collection.collectionId());
            header.setString(2, collection.orderId().value());
            header.setString(3, Timestamps.format(collection.collectedAt()));
            header.setString(4, collection.staffId());
            header.setString(5, collection.verification().name());
            header.setInt(6, collection.offline() ? 1 : 0);
            header.setString(7, collection.identity().photoId().map(Enum::name).orElse(null));
            header.setString(8, collection.identity().collector().orElse(null));
            header.executeUpdate();
            for (LineQuantity line : collection.lines()) {
                lines.setString(1, collection.collectionId());
                lines.setInt(2, line.lineNumber());
                lines.setInt(3, line.quantity());
                lines.addBatch();
            }
            lines.executeBatch();
        }
        try (PreparedStatement setAside = connection.prepareStatement(
                "INSERT INTO collection_not_collected (collection_id, line_no, quantity, reason) VALUES (?, ?, ?, ?)")) {
            for (NotCollected line : collection.notCollected()) {
                setAside.setString(1, collection.collectionId());
                setAside.setInt(2, line.lineNumber());
                setAside.setInt(3, line.quantity());
                setAside.setString(4, line.reason().name());
                setAside.addBatch();
            }
            setAside.executeBatch();
        }
    }

    static CollectOutcome.Refused refuse(Refusal reason, String message, Optional<Order> order) {
        return new CollectOutcome.Refused(reason, message, order);
    }

    /** The collections recorded for an order, oldest first. */
    /** An order as the desk shows it: the order, its lines and parcels, and its hand-overs, read at one moment. */
    public record OrderAtDesk(Order order, List<Collection> collections) {
        public OrderAtDesk {
            collections = List.copyOf(collections);
        }
    }

    /** The order and its hand-overs in one read transaction; empty when the store has no such order. */
    public Optional<OrderAtDesk> orderAtDesk(OrderId id) {
        return database.read("read order " + id + " with its collections", connection -> {
            Optional<Order> order = SqliteOrderRepository.load(connection, id);
            return order.isEmpty() ? Optional.<OrderAtDesk>empty()
                    : Optional.of(new OrderAtDesk(order.get(), OrderWrites.collections(connection, id)));
        });
    }

    public List<Collection> collectionsOf(OrderId order) {
        return database.read("read collections of " + order, connection -> OrderWrites.collections(connection, order));
    }
}
