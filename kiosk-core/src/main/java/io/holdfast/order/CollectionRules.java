package io.holdfast.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Whether a hand-over may happen, and what the order looks like after it. */
final class CollectionRules {

    private CollectionRules() {
    }

    static Optional<CollectOutcome.Refused> check(Order order, CollectCommand command) {
        if (command.expectedVersion().isPresent() && command.expectedVersion().get() != order.version()) {
            return refuse(Refusal.ORDER_CHANGED, "Order " + order.id()
                    + " changed since this desk opened it (another desk may have handed some over); here it is as it is now.",
                    order);
        }
        if (!order.isCollectable()) {
            return refuse(Refusal.ORDER_NOT_COLLECTABLE, "Order " + order.id() + " is "
                    + order.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " and cannot be handed over.", order);
        }
        if (command.lines().isEmpty()) {
            return refuse(Refusal.NOTHING_TO_COLLECT, "Choose at least one item to hand over.", order);
        }
        for (LineQuantity wanted : command.lines()) {
            Optional<OrderLine> line = order.line(wanted.lineNumber());
            if (line.isEmpty()) {
                return refuse(Refusal.LINE_NOT_FOUND, "Order " + order.id() + " has no line " + wanted.lineNumber() + ".", order);
            }
            if (wanted.quantity() > line.get().quantityWaiting()) {
                return refuse(Refusal.QUANTITY_EXCEEDS_REMAINING, "Line " + wanted.lineNumber() + " ("
                        + line.get().description() + ") has " + line.get().quantityWaiting() + " left to hand over, not "
                        + wanted.quantity() + ".", order);
            }
        }
        return Optional.empty();
    }

    static Order apply(Order order, List<LineQuantity> handedOver, Instant at) {
        List<OrderLine> lines = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            int more = handedOver.stream().filter(h -> h.lineNumber() == line.lineNumber())
                    .mapToInt(LineQuantity::quantity).sum();
            lines.add(new OrderLine(line.lineNumber(), line.sku(), line.description(), line.quantity(),
                    line.quantityCollected() + more, line.unitPrice()));
        }
        boolean all = lines.stream().allMatch(l -> l.quantityWaiting() == 0);
        return new Order(order.id(), order.customer(), lines, order.parcels(), order.pickupBy(),
                all ? OrderStatus.COLLECTED : OrderStatus.PARTLY_COLLECTED, order.collectionCodeHash(), at,
                order.version() + 1);
    }

    private static Optional<CollectOutcome.Refused> refuse(Refusal reason, String message, Order order) {
        return Optional.of(CollectionDesk.refuse(reason, message, Optional.of(order)));
    }
}
