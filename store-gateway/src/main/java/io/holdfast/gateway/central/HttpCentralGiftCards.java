package io.holdfast.gateway.central;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.giftcard.CardNumber;
import io.holdfast.giftcard.CardPin;
import io.holdfast.giftcard.CentralGiftCards;
import io.holdfast.money.Money;
import io.holdfast.store.StrictJson;

/**
 * Central's gift-card service over HTTP, behind the GIFT_CARDS guard. The card number and PIN go to
 * central in the request body (central is the card's issuer) and nowhere else. The redemption id is
 * the {@code Idempotency-Key}. A 401, 404 or 409 is central's answer; any other status but 200/201
 * is central failing, which the breaker counts.
 */
public final class HttpCentralGiftCards implements CentralGiftCards {

    private final String storeId;
    private final CapabilityGuard guard;
    private final CentralHttp http;

    public HttpCentralGiftCards(URI base, String storeId, CapabilityGuard guard, Duration budget) {
        this.storeId = storeId;
        this.guard = guard;
        this.http = new CentralHttp(base, budget);
    }

    @Override
    public BalanceAnswer balance(CardNumber card, Optional<CardPin> pin) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cardNumber", card.digits());
        pin.ifPresent(p -> body.put("pin", p.digits()));
        return switch (guard.call(() -> post("/central/gift-cards/v1/balance-checks", body, Optional.empty()))) {
            case CapabilityGuard.Result.Answered<Reply> answered -> switch (answered.value().status()) {
                case 200 -> new Known(answered.value().body().path("lastFour").asText(card.lastFour()),
                        money(answered.value().body().path("balance")),
                        Instant.parse(answered.value().body().path("asOf").asText()));
                case 401 -> new PinWrong();
                default -> new NotFound();
            };
            case CapabilityGuard.Result.Failed<Reply> failed -> new Unavailable(failed.reason(), failed.contactedCentral());
        };
    }

    @Override
    public AuthorisationAnswer authorise(Authorisation authorisation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("redemptionId", authorisation.redemptionId());
        body.put("store", storeId);
        body.put("cardNumber", authorisation.card().digits());
        authorisation.pin().ifPresent(p -> body.put("pin", p.digits()));
        body.put("amount", Map.of("amount", authorisation.amount().amount(),
                "currency", authorisation.amount().currency().getCurrencyCode()));
        body.put("capture", authorisation.capture());
        return switch (guard.call(() -> post("/central/gift-cards/v1/redemptions", body,
                Optional.of(authorisation.redemptionId())))) {
            case CapabilityGuard.Result.Answered<Reply> answered -> {
                JsonNode reply = answered.value().body();
                yield switch (answered.value().status()) {
                    case 200, 201 -> new Approved(reply.path("reference").asText(), money(reply.path("balanceAfter")));
                    case 401 -> new PinWrong();
                    case 404 -> new NotFound();
                    default -> new Declined(reply.path("code").asText("declined"),
                            reply.path("detail").asText("Head office declined the redemption."),
                            money(reply.path("balance")));
                };
            }
            case CapabilityGuard.Result.Failed<Reply> failed -> new Unavailable(failed.reason(), failed.contactedCentral());
        };
    }

    private record Reply(int status, JsonNode body) {
    }

    private Reply post(String path, Map<String, Object> body, Optional<String> idempotencyKey)
            throws IOException, InterruptedException, CentralFailure {
        HttpResponse<String> response = http.postJson(path, body, idempotencyKey);
        int status = response.statusCode();
        if (status == 200 || status == 201 || status == 401 || status == 404 || status == 409) {
            return new Reply(status, CentralJson.MAPPER.readTree(response.body()));
        }
        throw new CentralFailure("gift cards answered " + status + " for " + path);
    }

    private static Money money(JsonNode node) {
        return Money.of(StrictJson.wholeNumber(node.path("amount"), "amount"), node.path("currency").asText("GBP"));
    }
}
