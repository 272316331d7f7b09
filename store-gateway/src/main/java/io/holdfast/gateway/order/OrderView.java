package io.holdfast.gateway.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.holdfast.money.Money;
import io.holdfast.order.Collection;
import io.holdfast.order.LineQuantity;
import io.holdfast.order.NotCollected;
import io.holdfast.order.Order;
import io.holdfast.order.OrderLine;
import io.holdfast.order.OrderSummary;
import io.holdfast.order.Parcel;

/** Orders as the API shows them: part of the v1 contract in {@code openapi.yaml}. */
record OrderView(String orderId, String status, int version, CustomerView customer, LocalDate pickupBy,
                 List<LineView> lines, List<ParcelView> parcels, int unitsWaiting) {

    record CustomerView(String displayName, String postcode, String maskedContact) {
    }

    record LineView(int lineNumber, String sku, String description, int quantity, int quantityCollected,
                    int quantityWaiting, MoneyView unitPrice, int quantityNotCollected) {
    }

    record ParcelView(int number, String locationKind, String locationCode) {
    }

    record MoneyView(long amount, String currency) {
        static MoneyView of(Money money) {
            return new MoneyView(money.amount(), money.currency().getCurrencyCode());
        }
    }

    record SummaryView(String orderId, String customerName, String postcode, String status, LocalDate pickupBy,
                       int parcels, int unitsWaiting) {
        static SummaryView of(OrderSummary summary) {
            return new SummaryView(summary.orderId().value(), summary.customerName(), summary.postcode(),
                    summary.status().name(), summary.pickupBy(), summary.parcels(), summary.unitsWaiting());
        }
    }

    /** A hand-over; {@code idKind} and {@code collectorName} are null when none was recorded. */
    record CollectionView(String collectionId, String orderId, List<LineQuantity> lines,
                          List<NotCollected> notCollected, String verification, String idKind, String collectorName,
                          String staffId, Instant collectedAt, boolean offline) {
        static CollectionView of(Collection collection) {
            return new CollectionView(collection.collectionId(), collection.orderId().value(), collection.lines(),
                    collection.notCollected(),
                    collection.verification().name(), collection.identity().photoId().map(Enum::name).orElse(null),
                    collection.identity().collector().orElse(null), collection.staffId(), collection.collectedAt(),
                    collection.offline());
        }
    }

    static OrderView of(Order order) {
        return new OrderView(order.id().value(), order.status().name(), order.version(),
                new CustomerView(order.customer().displayName(), order.customer().postcode(),
                        order.customer().maskedContact()),
                order.pickupBy(),
                order.lines().stream().map(OrderView::line).toList(),
                order.parcels().stream().map(OrderView::parcel).toList(),
                order.unitsWaiting());
    }

    private static LineView line(OrderLine line) {
        return new LineView(line.lineNumber(), line.sku(), line.description(), line.quantity(),
                line.quantityCollected(), line.quantityWaiting(), MoneyView.of(line.unitPrice()),
                line.quantityNotCollected());
    }

    private static ParcelView parcel(Parcel parcel) {
        return new ParcelView(parcel.number(), parcel.location().kind().name(), parcel.location().code());
    }
}
