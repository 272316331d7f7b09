package io.holdfast.central;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.central.books.CentralBooks;
import io.holdfast.central.demo.DemoDataset;
import io.holdfast.order.OrderId;

/**
 * The simulated central services, answering from the demo dataset: order management (one
 * order), gift cards (a balance check) and refunds (accepting a refund to the original tender).
 * The click-and-collect, gift-card and refund issues grow these into central's full contract.
 */
final class CentralApis implements HttpService {

    private final DemoDataset dataset;
    private final CentralOrderBook orders;
    private final GiftCardLedger giftCards;
    /** Refunds paid, by the store's refund id: a refund asked for twice is paid once. */
    private final CentralBooks books;

    CentralApis(DemoDataset dataset, CentralOrderBook orders, GiftCardLedger giftCards, CentralBooks books) {
        this.dataset = dataset;
        this.orders = orders;
        this.giftCards = giftCards;
        this.books = books;
    }

    @Override
    public void routing(HttpRules rules) {
        String ordersApi = CentralService.ORDERS.pathPrefix() + "/v1";
        rules.get(ordersApi + "/orders/{orderId}", this::order)
                .get(ordersApi + "/stores/{store}/manifest", (request, response) -> manifest(request, response,
                        orders.snapshot()))
                .get(ordersApi + "/stores/{store}/manifest/changes", this::changes)
                .post(CentralService.GIFT_CARDS.pathPrefix() + "/v1/balance-checks", this::balance)
                .post(CentralService.GIFT_CARDS.pathPrefix() + "/v1/redemptions", this::redeem)
                .post(CentralService.REFUNDS.pathPrefix() + "/v1/refunds", this::refund);
        for (CentralService service : CentralService.values()) {
            rules.get(service.pathPrefix() + "/v1/health", (request, response) ->
                    SimJson.send(response, Status.OK_200, Map.of("service", service.slug(), "status", "UP")));
        }
    }

    private void order(ServerRequest request, ServerResponse response) {
        String raw = request.path().pathParameters().get("orderId");
        if (!OrderId.isWellFormed(raw)) {
            SimJson.problem(response, 400, "order-id-invalid", "not an order id: " + raw);
            return;
        }
        orders.find(new OrderId(raw)).ifPresentOrElse(
                found -> SimJson.send(response, Status.OK_200, SimJson.centralOrder(found)),
                () -> SimJson.problem(response, 404, "order-not-found", "central has no order " + raw));
    }

    private void changes(ServerRequest request, ServerResponse response) {
        String after = request.query().first("after").asOptional().orElse("0");
        try {
            manifest(request, response, orders.changesAfter(Long.parseLong(after)));
        } catch (NumberFormatException e) {
            SimJson.problem(response, 400, "sequence-invalid", "after must be a sequence number, not " + after);
        }
    }

    private void manifest(ServerRequest request, ServerResponse response, CentralOrderBook.Page page) {
        String store = request.path().pathParameters().get("store");
        if (!store.equals(dataset.storeId())) {
            SimJson.problem(response, 404, "store-unknown", "central serves store " + dataset.storeId() + ", not " + store);
            return;
        }
        SimJson.send(response, Status.OK_200, Map.of("sequence", page.sequence(),
                "orders", page.entries().stream().map(SimJson::centralOrder).toList()));
    }

    private void balance(ServerRequest request, ServerResponse response) throws java.io.IOException {
        JsonNode body = SimJson.MAPPER.readTree(request.content().as(byte[].class));
        giftCardAnswer(response, giftCards.balance(body.path("cardNumber").asText(""), pin(body)));
    }

    private void redeem(ServerRequest request, ServerResponse response) throws java.io.IOException {
        JsonNode body = SimJson.MAPPER.readTree(request.content().as(byte[].class));
        JsonNode amount = body.path("amount");
        String redemptionId = body.path("redemptionId").asText("");
        if (redemptionId.isBlank() || !amount.path("amount").canConvertToLong() || !amount.path("currency").isTextual()) {
            SimJson.problem(response, 400, "redemption-invalid", "a redemption needs a redemptionId and an amount");
            return;
        }
        GiftCardLedger.Answer answer = giftCards.authorise(redemptionId, body.path("cardNumber").asText(""),
                pin(body), io.holdfast.money.Money.of(amount.path("amount").asLong(), amount.path("currency").asText()),
                body.path("capture").asBoolean(true));
        try {
            Thread.sleep(giftCards.lateAnswer());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        giftCardAnswer(response, answer);
    }

    private static java.util.Optional<String> pin(JsonNode body) {
        return body.path("pin").isTextual() ? java.util.Optional.of(body.get("pin").asText()) : java.util.Optional.empty();
    }

    private static void giftCardAnswer(ServerResponse response, GiftCardLedger.Answer answer) {
        switch (answer) {
            case GiftCardLedger.Answer.Balance balance -> SimJson.send(response, Status.OK_200, Map.of(
                    "lastFour", balance.lastFour(), "balance", balance.balance(), "asOf", balance.asOf()));
            case GiftCardLedger.Answer.Approved approved -> SimJson.send(response,
                    approved.fresh() ? Status.CREATED_201 : Status.OK_200,
                    Map.of("reference", approved.reference(), "balanceAfter", approved.balanceAfter()));
            case GiftCardLedger.Answer.Declined declined -> SimJson.send(response, Status.CONFLICT_409, Map.of(
                    "code", declined.code(), "detail", declined.message(), "balance", declined.balance()));
            case GiftCardLedger.Answer.PinWrong wrong -> SimJson.problem(response, 401, "pin-wrong", "the PIN is wrong");
            case GiftCardLedger.Answer.NotFound missing -> SimJson.problem(response, 404, "card-not-found",
                    "central knows no such card");
        }
    }

    private void refund(ServerRequest request, ServerResponse response) throws java.io.IOException {
        JsonNode body = SimJson.MAPPER.readTree(request.content().as(byte[].class));
        if (!body.path("amount").isObject()) {
            SimJson.problem(response, 400, "amount-missing", "a refund needs an amount");
            return;
        }
        String refundId = body.path("refundId").asText("");
        if (refundId.isBlank()) {
            SimJson.problem(response, 400, "refund-id-missing", "a refund needs the store's refund id");
            return;
        }
        JsonNode amount = body.get("amount");
        io.holdfast.money.Money money;
        try {
            money = io.holdfast.money.Money.of(amount.path("amount").asLong(), amount.path("currency").asText(""));
        } catch (IllegalArgumentException e) {
            SimJson.problem(response, 400, "amount-invalid", "a refund's amount needs a currency code: " + e.getMessage());
            return;
        }
        CentralBooks.PaidRefund paid = books.payOnce(refundId, money);
        SimJson.send(response, paid.fresh() ? Status.CREATED_201 : Status.OK_200,
                Map.of("refundId", refundId, "reference", paid.reference(), "status", "PAID"));
    }
}
