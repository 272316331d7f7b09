package io.holdfast.gateway.order;

import java.time.LocalDate;
import java.util.List;

import io.holdfast.money.Money;
import io.holdfast.order.Order;
import io.holdfast.order.OrderLine;
import io.holdfast.order.Parcel;

/** An order as the API shows it: part of the v1 contract in {@code openapi.yaml}. */
record OrderView(String orderId, String status, CustomerView customer, LocalDate pickupBy, List<LineView> lines,
                 List<ParcelView> parcels) {

    record CustomerView(String displayName, String postcode, String maskedContact) {
    }

    record LineView(int lineNumber, String sku, String description, int quantity, int quantityCollected,
                    MoneyView unitPrice) {
    }

    record ParcelView(int number, String locationKind, String locationCode) {
    }

    record MoneyView(long amount, String currency) {
        static MoneyView of(Money money) {
            return new MoneyView(money.amount(), money.currency().getCurrencyCode());
        }
    }

    static OrderView of(Order order) {
        return new OrderView(order.id().value(), order.status().name(),
                new CustomerView(order.customer().displayName(), order.customer().postcode(),
                        order.customer().maskedContact()),
                order.pickupBy(),
                order.lines().stream().map(OrderView::line).toList(),
                order.parcels().stream().map(OrderView::parcel).toList());
    }

    private static LineView line(OrderLine line) {
        return new LineView(line.lineNumber(), line.sku(), line.description(), line.quantity(),
                line.quantityCollected(), MoneyView.of(line.unitPrice()));
    }

    private static ParcelView parcel(Parcel parcel) {
        return new ParcelView(parcel.number(), parcel.location().kind().name(), parcel.location().code());
    }
}
