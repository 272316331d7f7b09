package io.holdfast.receipt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.holdfast.mode.Capability;
import io.holdfast.outbox.Outbox;
import io.holdfast.outbox.OutboxEvent;
import io.holdfast.store.CoreJson;
import io.holdfast.store.Database;

/**
 * A till posts a sale: the receipt goes into the journal that returns are checked against, and a
 * receipt with a loyalty id becomes a {@code LOYALTY} outbox event in the same transaction, keyed
 * by the receipt, so the points reach central once the capability is back and never twice. A till
 * that retries gets the same answer; a different sale under the same receipt id is refused.
 */
public final class ReceiptPosting {

    static final String LOYALTY_EVENT = "loyalty.receipt";

    private final Database database;
    private final Outbox outbox;

    public ReceiptPosting(Database database, Outbox outbox) {
        this.database = database;
        this.outbox = outbox;
    }

    public PostingOutcome post(Receipt receipt) {
        return database.inTransaction("post receipt " + receipt.id(), connection -> {
            Optional<Receipt> existing = SqliteReceiptJournal.load(connection, receipt.id());
            if (existing.isPresent()) {
                return existing.get().equals(receipt) ? new PostingOutcome.AlreadyRecorded(existing.get())
                        : new PostingOutcome.Conflict("receipt " + receipt.id() + " is already in the journal with"
                        + " different contents (till " + existing.get().tillId() + ", " + existing.get().issuedAt() + ")");
            }
            SqliteReceiptJournal.insert(connection, receipt);
            if (receipt.loyaltyId().isEmpty()) {
                return new PostingOutcome.Recorded(receipt, false);
            }
            outbox.append(connection, new OutboxEvent("loyalty-receipt-" + receipt.id().value(), Capability.LOYALTY,
                    LOYALTY_EVENT, receipt.id().value(), receipt.issuedAt(), CoreJson.write(loyaltyPayload(receipt))));
            return new PostingOutcome.Recorded(receipt, true);
        });
    }

    private static Map<String, Object> loyaltyPayload(Receipt receipt) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("receipt", receipt.id().value());
        payload.put("loyaltyId", receipt.loyaltyId().orElseThrow());
        payload.put("till", receipt.tillId());
        payload.put("issuedAt", receipt.issuedAt().toString());
        payload.put("total", Map.of("amount", receipt.total().amount(),
                "currency", receipt.total().currency().getCurrencyCode()));
        payload.put("lines", receipt.lines().stream().map(line -> Map.of("sku", line.sku(),
                "quantity", line.quantity(), "amount", line.total().amount())).toList());
        return payload;
    }
}
