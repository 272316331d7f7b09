package io.holdfast.returns;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.holdfast.store.CoreJson;

/**
 * Makes a return.
 *
 * @param actor          the kiosk's device id or the colleague's staff id
 * @param overrideReason a supervisor's reason for an exception; present only for a signed-in supervisor
 * @param idempotencyKey the same key replays the first answer; the item never comes back twice
 */
public record ReturnCommand(PurchaseRef purchase, Channel channel, String actor, boolean giftReceipt,
                            Optional<String> overrideReason, List<ReturnLineRequest> lines, RefundMethod method,
                            String idempotencyKey) {

    public ReturnCommand {
        Objects.requireNonNull(purchase, "purchase");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(overrideReason, "override reason");
        lines = List.copyOf(lines);
        Objects.requireNonNull(method, "refund method");
        Objects.requireNonNull(idempotencyKey, "idempotency key");
        if (overrideReason.isPresent() && overrideReason.get().isBlank()) {
            throw new IllegalArgumentException("an override needs a reason");
        }
    }

    /** What the idempotency key is checked against: everything but the key. */
    String canonical() {
        return CoreJson.write(List.of(purchase.getClass().getSimpleName(), CoreJson.write(purchase), channel, actor,
                giftReceipt, overrideReason.orElse(""), lines, method));
    }

    QuoteRequest asQuote() {
        return new QuoteRequest(purchase, channel, giftReceipt, overrideReason, lines);
    }
}
