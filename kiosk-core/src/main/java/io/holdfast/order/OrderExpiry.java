package io.holdfast.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.holdfast.audit.AuditLog;
import io.holdfast.mode.Capability;
import io.holdfast.outbox.Outbox;
import io.holdfast.outbox.OutboxEvent;
import io.holdfast.store.CoreJson;
import io.holdfast.store.Database;

/**
 * Orders left past their pickup-by date go on the return-to-sender list; the desk shows what to
 * send back, and marks each one when it leaves the store. The date is the store's: an order to be
 * collected by 21 November may be handed over until midnight in the store's zone, not UTC's.
 *
 * <p>An overdue order is never offered as ready: expiry runs after every manifest merge (in the
 * same transaction, {@link ManifestImport}), at each midnight in the store's zone, and again
 * wherever an order is read for hand-over ({@link #current(OrderId)}, {@link CollectionDesk}).
 */
public final class OrderExpiry {

    private final Database database;
    private final Outbox outbox;
    private final Clock clock;
    private final ZoneId zone;

    public OrderExpiry(Database database, Outbox outbox, Clock clock, ZoneId zone) {
        this.database = database;
        this.outbox = outbox;
        this.clock = clock;
        this.zone = zone;
    }

    /** Today in the store's zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** How long until the store's next midnight, when the day's orders pass their pickup-by date. */
    public Duration untilNextMidnight() {
        Instant now = clock.instant();
        return Duration.between(now, today().plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** Whether an order in this status, due by this date, may still be handed over today. */
    public boolean isOverdue(OrderStatus status, LocalDate pickupBy) {
        return (status == OrderStatus.READY || status == OrderStatus.PARTLY_COLLECTED) && pickupBy.isBefore(today());
    }

    public boolean isOverdue(Order order) {
        return isOverdue(order.status(), order.pickupBy());
    }

    /** Expires every collectable order whose pickup-by date has passed; answers the ones it expired. */
    public List<OrderId> expireOverdue() {
        return database.inTransaction("expire overdue orders", this::expireOverdue);
    }

    /** The order as it stands today: one past its pickup-by date is expired first, with its event. */
    public Optional<Order> current(OrderId id) {
        return database.inTransaction("read order " + id + " for hand-over", connection -> {
            Optional<Order> order = SqliteOrderRepository.load(connection, id);
            if (order.isPresent() && isOverdue(order.get())) {
                return Optional.of(expire(connection, order.get(), clock.instant()));
            }
            return order;
        });
    }

    List<OrderId> expireOverdue(Connection connection) throws SQLException {
        Instant now = clock.instant();
        List<OrderId> overdue = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT order_id FROM orders WHERE status IN ('READY', 'PARTLY_COLLECTED') AND pickup_by < ?
                ORDER BY pickup_by, order_id""")) {
            select.setString(1, today().toString());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    overdue.add(new OrderId(row.getString(1)));
                }
            }
        }
        for (OrderId id : overdue) {
            expire(connection, SqliteOrderRepository.load(connection, id).orElseThrow(), now);
        }
        return overdue;
    }

    /** Writes the order as expired with its ORDERS event, in the caller's transaction. */
    Order expire(Connection connection, Order order, Instant now) throws SQLException {
        Order expired = order.withStatus(OrderStatus.EXPIRED, now);
        OrderWrites.updateQuantitiesAndStatus(connection, expired);
        outbox.append(connection, new OutboxEvent("EXP-" + order.id() + "-" + order.version(), Capability.ORDERS,
                "OrderExpired", order.id().value(), now, CoreJson.write(Map.of("orderId", order.id().value(),
                "pickupBy", order.pickupBy().toString(), "unitsWaiting", order.unitsWaiting()))));
        return expired;
    }
    /** What to send back: expired orders, oldest pickup-by first. */
    public List<OrderSummary> returnToSenderList() {
        return database.read("list orders to return to sender", connection -> OrderSearch.select(connection,
                OrderSearch.SUMMARY + " WHERE o.status = 'EXPIRED' ORDER BY o.pickup_by, o.order_id"));
    }

    /** Marks an expired order as gone back to the warehouse; empty if it is not on the list. */
    public Optional<Order> markReturnedToSender(OrderId id, String staffId) {
        Instant now = clock.instant();
        return database.inTransaction("return order " + id + " to sender", connection -> {
            Optional<Order> order = SqliteOrderRepository.load(connection, id)
                    .filter(o -> o.status() == OrderStatus.EXPIRED);
            if (order.isEmpty()) {
                return Optional.empty();
            }
            Order returned = order.get().withStatus(OrderStatus.RETURNED_TO_SENDER, now);
            OrderWrites.updateQuantitiesAndStatus(connection, returned);
            outbox.append(connection, new OutboxEvent("RTS-" + id + "-" + returned.version(), Capability.ORDERS,
                    "OrderReturnedToSender", id.value(), now,
                    CoreJson.write(Map.of("orderId", id.value(), "staffId", staffId))));
            AuditLog.append(connection, now, staffId, "order.returned-to-sender", id.value(),
                    Map.of("unitsWaiting", returned.unitsWaiting()));
            return Optional.of(returned);
        });
    }
}
