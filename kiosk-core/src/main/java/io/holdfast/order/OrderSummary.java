package io.holdfast.order;

import java.time.LocalDate;

/** A line in the desk's search results. */
public record OrderSummary(OrderId orderId, String customerName, String postcode, OrderStatus status,
                           LocalDate pickupBy, int parcels, int unitsWaiting) {
}
