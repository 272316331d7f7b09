package io.holdfast.returns;

import io.holdfast.money.Money;

/** One line of a purchase in a quote: what was bought, what came back already, and the decision. */
public record LineQuote(int lineNumber, String sku, String description, String category, int bought,
                        int alreadyReturned, Money unitPrice, LineDecision decision) {
}
