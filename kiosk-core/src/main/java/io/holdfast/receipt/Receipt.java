package io.holdfast.receipt;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.holdfast.money.Money;

/** A sale as a till posted it to the store's journal. */
public record Receipt(ReceiptId id, String tillId, Instant issuedAt, List<ReceiptLine> lines, List<Tender> tenders,
                      Optional<String> loyaltyId) {

    public Receipt {
        Objects.requireNonNull(id, "receipt id");
        Objects.requireNonNull(tillId, "till id");
        Objects.requireNonNull(issuedAt, "issued at");
        lines = List.copyOf(lines);
        tenders = List.copyOf(tenders);
        Objects.requireNonNull(loyaltyId, "loyalty id");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("receipt " + id + " must have at least one line");
        }
        Money total = sum(lines.stream().map(ReceiptLine::total).toList());
        Money tendered = sum(tenders.stream().map(Tender::amount).toList());
        if (!total.equals(tendered)) {
            throw new IllegalArgumentException("receipt " + id + " totals " + total + " but its tenders add up to " + tendered);
        }
    }

    public Money total() {
        return sum(lines.stream().map(ReceiptLine::total).toList());
    }

    private static Money sum(List<Money> amounts) {
        if (amounts.isEmpty()) {
            throw new IllegalArgumentException("a receipt must have lines and tenders");
        }
        return amounts.stream().reduce(Money::plus).orElseThrow();
    }
}
