package io.holdfast.order;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
 * send back, and marks each one when it leaves the store.
 */
public final class OrderExpiry {

    private final Database database;
    private final Outbox outbox;
    private final Clock clock;

    public OrderExpiry(Database database, Outbox outbox, Clock clock) {
        this.database = database;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Expires every collectable order whose pickup-by date has passed; answers the ones it expired. */
    public List<OrderId> expireOverdue() {
        LocalDate today = LocalDate.now(clock);
        Instant now = clock.instant();
        return database.inTransaction("expire overdue orders", connection -> {
            List<OrderId> overdue = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT order_id FROM orders WHERE status IN ('READY', 'PARTLY_COLLECTED') AND pickup_by < ?
                    ORDER BY pickup_by, order_id""")) {
                select.setString(1, today.toString());
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        overdue.add(new OrderId(row.getString(1)));
                    }
                }
            }
            for (OrderId id : overdue) {
                Order order = SqliteOrderRepository.load(connection, id).orElseThrow();
                OrderWrites.updateQuantitiesAndStatus(connection, order.withStatus(OrderStatus.EXPIRED, now));
                outbox.append(connection, new OutboxEvent("EXP-" + id + "-" + order.version(), Capability.ORDERS,
                        "OrderExpired", id.value(), now, CoreJson.write(Map.of("orderId", id.value(),
                        "pickupBy", order.pickupBy().toString(), "unitsWaiting", order.unitsWaiting()))));
            }
            return overdue;
        });
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
