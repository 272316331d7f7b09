package io.holdfast.returns;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import io.holdfast.order.Order;
import io.holdfast.order.OrderId;
import io.holdfast.order.SqliteOrderRepository;
import io.holdfast.receipt.EReceipts;
import io.holdfast.receipt.SqliteReceiptJournal;
import io.holdfast.store.Database;

/**
 * Finds what a return is made against: a receipt in this store's journal, a signed e-receipt
 * (checked offline against the keys the store trusts), an online order (from central while it
 * answers, else from the store's manifest history), or a supervisor's list without a receipt.
 */
public final class PurchaseFinder {

    /** What was found. */
    public sealed interface Result {
    }

    public record Found(Purchase purchase) implements Result {
        public Found {
            Objects.requireNonNull(purchase, "purchase");
        }
    }

    public record NotFound(ReturnRefusal refusal, Reason reason) implements Result {
    }

    private final Database database;
    private final EReceipts eReceipts;
    private final CentralPurchases central;
    private final Clock clock;

    public PurchaseFinder(Database database, EReceipts eReceipts, CentralPurchases central, Clock clock) {
        this.database = database;
        this.eReceipts = eReceipts;
        this.central = central;
        this.clock = clock;
    }

    public Result find(PurchaseRef reference) {
        return switch (reference) {
            case PurchaseRef.ByReceipt receipt -> database.read("find receipt " + receipt.id(),
                    connection -> SqliteReceiptJournal.load(connection, receipt.id()))
                    .<Result>map(found -> new Found(Purchase.of(found, Purchase.Kind.RECEIPT)))
                    .orElse(new NotFound(ReturnRefusal.RECEIPT_NOT_FOUND,
                            Reason.of("return.receipt-not-found", "receipt", receipt.id().value())));
            case PurchaseRef.ByEReceipt code -> switch (eReceipts.verify(code.code())) {
                case EReceipts.Check.Valid valid -> new Found(Purchase.of(valid.receipt(), Purchase.Kind.E_RECEIPT));
                case EReceipts.Check.Refused refused -> new NotFound(ReturnRefusal.E_RECEIPT_REFUSED,
                        Reason.of("return.e-receipt-refused", "detail", refused.reason()));
            };
            case PurchaseRef.ByOrder order -> order(order.id());
            case PurchaseRef.WithoutReceipt none -> new Found(new Purchase("NR-" + java.util.UUID.randomUUID(),
                    Purchase.Kind.NO_RECEIPT, clock.instant(), none.lines(), Optional.empty(), "no-receipt"));
        };
    }

    private Result order(OrderId id) {
        Optional<Order> found = switch (central.order(id)) {
            case CentralPurchases.Lookup.Found fromCentral -> Optional.of(fromCentral.order());
            case CentralPurchases.Lookup.NotFound ignored -> Optional.empty();
            case CentralPurchases.Lookup.Unavailable ignored ->
                    database.read("find order " + id, connection -> SqliteOrderRepository.load(connection, id));
        };
        return found.filter(order -> order.unitsCollected() > 0)
                .<Result>map(order -> new Found(Purchase.of(order)))
                .orElse(new NotFound(ReturnRefusal.ORDER_NOT_FOUND, Reason.of("return.order-not-found",
                        "order", id.value())));
    }
}
