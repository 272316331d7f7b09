package io.holdfast.sync.downstream;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.holdfast.giftcard.CardFingerprint;
import io.holdfast.giftcard.GiftCardBalance;
import io.holdfast.giftcard.GiftCardBalances;
import io.holdfast.giftcard.PinCheck;
import io.holdfast.money.Money;
import io.holdfast.sync.SyncJson;
import io.holdfast.store.StrictJson;

/**
 * The gift-card balances stream: rows {@code {"card": "<fingerprint hex>", "lastFour": "9194",
 * "balance": {"amount": 18000, "currency": "GBP"}, "asOf": "...", "pinCheck": "<hex>", "blocked": false}}
 * ({@code pinCheck} and {@code blocked} optional), written in one transaction per message.
 * Replacing a balance with the same row changes nothing.
 */
public final class GiftCardBalanceRows implements StreamApplier {

    private static final ObjectMapper JSON = SyncJson.MAPPER;

    private final GiftCardBalances balances;

    public GiftCardBalanceRows(GiftCardBalances balances) {
        this.balances = balances;
    }

    @Override
    public void apply(List<String> rowsJson) {
        List<GiftCardBalance> parsed = new ArrayList<>(rowsJson.size());
        for (String text : rowsJson) {
            try {
                JsonNode row = JSON.readTree(text);
                JsonNode balance = row.path("balance");
                parsed.add(new GiftCardBalance(new CardFingerprint(row.path("card").asText()),
                        row.path("lastFour").asText(),
                        Money.of(StrictJson.wholeNumber(balance.path("amount"), "balance.amount"),
                                balance.path("currency").asText()),
                        Instant.parse(row.path("asOf").asText()),
                        row.path("pinCheck").isTextual() ? Optional.of(new PinCheck(row.get("pinCheck").asText()))
                                : Optional.empty(),
                        row.path("blocked").asBoolean(false)));
            } catch (IOException | DateTimeParseException | NullPointerException e) {
                throw new IllegalArgumentException("not a gift-card balance row: " + e.getMessage());
            }
        }
        balances.putAll(parsed);
    }
}
