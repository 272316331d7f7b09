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
        if (command.lines().isEmpty() && command.notCollected().isEmpty()) {
            return refuse(Refusal.NOTHING_TO_COLLECT, "Choose at least one item to hand over.", order);
        }
        for (OrderLine line : order.lines()) {
            int handed = handedOver(command.lines(), line.lineNumber());
            int setAside = setAside(command.notCollected(), line.lineNumber());
            if (handed + setAside > line.quantityWaiting()) {
                return refuse(Refusal.QUANTITY_EXCEEDS_REMAINING, "Line " + line.lineNumber() + " ("
                        + line.description() + ") has " + line.quantityWaiting() + " left to hand over, not "
                        + (setAside == 0 ? String.valueOf(handed) : handed + " handed over and " + setAside + " not collected")
                        + ".", order);
            }
        }
        for (int lineNumber : lineNumbers(command)) {
            if (order.line(lineNumber).isEmpty()) {
                return refuse(Refusal.LINE_NOT_FOUND, "Order " + order.id() + " has no line " + lineNumber + ".", order);
            }
        }
        return Optional.empty();
    }

    /**
     * The order after a hand-over: what was handed over is collected, what was set aside (declined,
     * damaged, missing) is no longer waiting. Once nothing waits it is COLLECTED, or CANCELLED when not
     * one unit of it was ever handed over (every unit set aside: nothing will be collected).
     */
    static Order apply(Order order, List<LineQuantity> handedOver, List<NotCollected> notCollected, Instant at) {
        List<OrderLine> lines = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            lines.add(new OrderLine(line.lineNumber(), line.sku(), line.description(), line.quantity(),
                    line.quantityCollected() + handedOver(handedOver, line.lineNumber()), line.unitPrice(),
                    line.quantityNotCollected() + setAside(notCollected, line.lineNumber())));
        }
        boolean nothingWaits = lines.stream().allMatch(l -> l.quantityWaiting() == 0);
        boolean anyCollected = lines.stream().anyMatch(l -> l.quantityCollected() > 0);
        OrderStatus status = !nothingWaits ? (anyCollected ? OrderStatus.PARTLY_COLLECTED : order.status())
                : anyCollected ? OrderStatus.COLLECTED : OrderStatus.CANCELLED;
        return new Order(order.id(), order.customer(), lines, order.parcels(), order.pickupBy(), status,
                order.collectionCodeHash(), at, order.version() + 1);
    }

    private static int handedOver(List<LineQuantity> lines, int lineNumber) {
        return lines.stream().filter(l -> l.lineNumber() == lineNumber).mapToInt(LineQuantity::quantity).sum();
    }

    private static int setAside(List<NotCollected> lines, int lineNumber) {
        return lines.stream().filter(l -> l.lineNumber() == lineNumber).mapToInt(NotCollected::quantity).sum();
    }

    private static List<Integer> lineNumbers(CollectCommand command) {
        List<Integer> named = new ArrayList<>();
        command.lines().forEach(line -> named.add(line.lineNumber()));
        command.notCollected().forEach(line -> named.add(line.lineNumber()));
        return named;
    }

    private static Optional<CollectOutcome.Refused> refuse(Refusal reason, String message, Order order) {
        return Optional.of(CollectionDesk.refuse(reason, message, Optional.of(order)));
    }
}
