package io.holdfast.returns;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.holdfast.money.Money;
import io.holdfast.order.Order;
import io.holdfast.order.OrderLine;
import io.holdfast.receipt.Receipt;
import io.holdfast.receipt.Tender;

/**
 * What a return is made against: a sale in this store's journal, a signed e-receipt from any store,
 * an online order, or (by a supervisor's override) nothing at all.
 *
 * @param id            the receipt or order id; what each line's returns are counted against
 * @param originalTender where a refund to the original tender goes; empty without proof of purchase
 * @param customerKey   whose daily offline cap it counts against: the loyalty id, else the tender
 */
public record Purchase(String id, Kind kind, Instant purchasedAt, List<PurchasedLine> lines,
                       Optional<Tender> originalTender, String customerKey) {

    public enum Kind { RECEIPT, E_RECEIPT, ORDER, NO_RECEIPT }

    public Purchase {
        Objects.requireNonNull(id, "purchase id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(purchasedAt, "purchased at");
        lines = List.copyOf(lines);
        Objects.requireNonNull(originalTender, "original tender");
        Objects.requireNonNull(customerKey, "customer key");
    }

    public Optional<PurchasedLine> line(int lineNumber) {
        return lines.stream().filter(line -> line.lineNumber() == lineNumber).findFirst();
    }

    /** A sale from the journal or a verified e-receipt; the largest tender is the one refunded to. */
    public static Purchase of(Receipt receipt, Kind kind) {
        List<PurchasedLine> lines = receipt.lines().stream().map(line -> new PurchasedLine(line.lineNumber(), line.sku(),
                line.description(), line.category(), line.quantity(), line.unitPrice())).toList();
        Optional<Tender> tender = receipt.tenders().stream().max(Comparator.comparingLong(t -> t.amount().amount()));
        String customer = receipt.loyaltyId().map(id -> "loyalty:" + id)
                .orElse("tender:" + tender.map(Tender::reference).orElse("none"));
        return new Purchase(receipt.id().value(), kind, receipt.issuedAt(), lines, tender, customer);
    }

    /** An online order: what was handed over can come back, paid by the card used online. */
    public static Purchase of(Order order) {
        List<PurchasedLine> lines = order.lines().stream().filter(line -> line.quantityCollected() > 0)
                .map(line -> new PurchasedLine(line.lineNumber(), line.sku(), line.description(), "GENERAL",
                        line.quantityCollected(), line.unitPrice())).toList();
        Optional<Money> paid = lines.stream().map(line -> line.unitPrice().times(line.quantity())).reduce(Money::plus);
        Optional<Tender> tender = paid.filter(amount -> amount.amount() > 0)
                .map(amount -> new Tender(Tender.Kind.CARD, amount, "online payment for " + order.id().value()));
        return new Purchase(order.id().value(), Kind.ORDER, order.updatedAt(), lines, tender,
                "order:" + order.id().value());
    }
}
