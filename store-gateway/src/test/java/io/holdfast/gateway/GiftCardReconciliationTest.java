package io.holdfast.gateway;

import static io.holdfast.gateway.GatewayHttpTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.central.CentralSimulator;
import io.holdfast.central.demo.DemoDataset;
import io.holdfast.central.demo.GiftCardNumbers;
import io.holdfast.central.mqtt.AppliedEvent;
import io.holdfast.central.mqtt.CentralConsumer;
import io.holdfast.central.mqtt.EmbeddedBroker;
import io.holdfast.gateway.config.ReturnsSettings;
import io.holdfast.giftcard.SqliteGiftCardBalances;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.IsolationSource;
import io.holdfast.money.Money;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.sync.SyncConfig;
import io.holdfast.testing.TestClocks;

/**
 * Story step 5 over a real broker: two stores, both cut off from GIFT_CARDS, each take £30 offline
 * from the same £40 card within their caps. When GIFT_CARDS is restored both replay to central once;
 * central accepts the first and finds the second overdrawn; that store shows it as an exception with
 * the last four digits, the stores and the amounts, and blocks the card offline until central's
 * stream clears it.
 */
class GiftCardReconciliationTest {

    private static final String CARD = GiftCardNumbers.number(11);
    private static final String PIN = "518273";
    private static final String BIG_CARD = GiftCardNumbers.number(12);
    private static final String BIG_PIN = "604215";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path folder;
    private EmbeddedBroker broker;
    private CentralSimulator central;
    private CentralConsumer consumer;
    private Gateway first;
    private Gateway second;

    @BeforeEach
    void start() {
        broker = EmbeddedBroker.start();
        central = CentralSimulator.start(CentralSimulator.Settings.ephemeral(), new DemoDataset("0421", List.of(),
                List.of(), List.of(new DemoDataset.DemoGiftCard(CARD, PIN, Money.of(4000, "GBP")),
                new DemoDataset.DemoGiftCard(BIG_CARD, BIG_PIN, Money.of(10_000, "GBP")))),
                GiftCardHttpTest.KEY, TestClocks.TICKING);
        consumer = CentralConsumer.start(broker.uri(), central.giftCards(), TestClocks.TICKING);
        await().atMost(PATIENCE).until(consumer::connected);
        first = store("0421");
        second = store("0388");
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        consumer.close();
        central.close();
        broker.close();
    }

    @Test
    void offlineRedemptionsReplayOnceAndTheOverdrawnCardIsAnExceptionAndBlockedUntilCentralClearsIt() {
        redeemOffline(first, "first-till");
        redeemOffline(second, "second-till");
        assertThat(consumer.applied("0421")).isEmpty();

        restore(first);
        await().atMost(PATIENCE).until(() -> consumer.applied("0421").size() == 1);
        restore(second);
        await().atMost(PATIENCE).until(() -> !overdrawn(second).isEmpty());

        assertThat(consumer.applied("0421")).extracting(AppliedEvent::type).containsExactly("giftcard.redeemed");
        assertThat(consumer.applied("0388")).extracting(AppliedEvent::type).containsExactly("giftcard.redeemed");
        assertThat(central.giftCards().balanceOf(CARD)).isEqualTo(Money.of(-2000, "GBP"));
        assertThat(central.giftCards().blocked(CARD)).isTrue();
        assertThat(overdrawn(first)).as("the first store's redemption was accepted").isEmpty();
        String detail = overdrawn(second).get(0).path("detail").asText();
        assertThat(detail).contains("ending " + CARD.substring(15)).contains("£20.00")
                .contains("store 0421 £30.00").contains("store 0388 £30.00");

        isolate(second);
        JsonNode blocked = HttpCalls.json(redeem(second, "again", 500));
        assertThat(blocked.path("reason").asText()).isEqualTo("card-blocked");
        assertThat(balance(second).path("blocked").asBoolean()).isTrue();

        consumer.publishSnapshot("0388", "giftcards", 1, List.of(central.giftCards().clear(CARD)), 10);
        await().atMost(PATIENCE).until(() -> !balance(second).path("blocked").asBoolean(true));
        assertThat(balance(second).path("balance").path("amount").asLong()).as("central settled it to nothing").isZero();
        assertThat(HttpCalls.json(redeem(second, "after-clear", 500)).path("reason").asText())
                .isEqualTo("insufficient-balance");
    }

    @Test
    void centralTakesTheMoneyAndTimesOutTheStoreDeclinesAndCentralGivesTheMoneyBack() {
        restore(first);
        await().atMost(PATIENCE).until(() -> first.services().board().status(Capability.GIFT_CARDS).state()
                == CapabilityState.ONLINE);
        central.giftCards().answerLate(Duration.ofSeconds(2));
        String base = "http://127.0.0.1:" + first.port();
        String colleague = TestStores.signIn(base, TestStores.COLLEAGUE);
        String sixtyPounds = """
                {"cardNumber": "%s", "pin": "%s", "amount": {"amount": 6000, "currency": "GBP"}}"""
                .formatted(BIG_CARD, BIG_PIN);

        var declined = HttpCalls.postJson(base + "/api/v1/gift-cards/redemptions", sixtyPounds,
                "Authorization", colleague, "Idempotency-Key", "late-1");

        GatewayHttpTest.assertProblem(declined, 409, "redemption-declined");
        assertThat(HttpCalls.json(declined).path("reason").asText()).isEqualTo("over-card-daily-offline");
        central.giftCards().answerLate(Duration.ZERO);
        var again = HttpCalls.postJson(base + "/api/v1/gift-cards/redemptions", sixtyPounds,
                "Authorization", colleague, "Idempotency-Key", "late-1");
        assertThat(HttpCalls.json(again).path("reason").asText()).as("the same key, the same answer")
                .isEqualTo("over-card-daily-offline");
        await().atMost(PATIENCE).until(() -> consumer.applied("0421").stream()
                .anyMatch(event -> event.type().equals("giftcard.reversal-requested")));
        await().atMost(PATIENCE).until(() -> central.giftCards().balanceOf(BIG_CARD).amount() == 10_000);
        assertThat(consumer.applied("0421")).extracting(AppliedEvent::type).as("nothing was recorded as taken")
                .doesNotContain("giftcard.redeemed");
    }

    private static JsonNode balance(Gateway gateway) {
        String base = "http://127.0.0.1:" + gateway.port();
        return HttpCalls.json(HttpCalls.postJson(base + "/api/v1/gift-cards/balance-checks",
                "{\"cardNumber\": \"%s\", \"pin\": \"%s\"}".formatted(CARD, PIN),
                "Authorization", TestStores.signIn(base, TestStores.COLLEAGUE)));
    }

    private Gateway store(String id) {
        Path file = folder.resolve(id).resolve("holdfast.db");
        TestStores.seed(file, List.of());
        try (Database database = Database.open(DatabaseSettings.of(file))) {
            new SqliteGiftCardBalances(database).putAll(central.giftCards().balances());
        }
        Gateway gateway = Gateway.start(TestStores.settingsFor(file).withStoreId(id)
                .withCentral(TestStores.centralOf(central))
                .withSync(SyncConfig.off().withBroker(broker.uri())
                        .withTiming(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(2)))
                .withReturns(ReturnsSettings.defaults().withGiftCardKey(GiftCardHttpTest.KEY)), TestClocks.TICKING);
        isolate(gateway);
        return gateway;
    }

    private static void isolate(Gateway gateway) {
        gateway.services().board().isolate(List.of(Capability.GIFT_CARDS), IsolationSource.REGIONAL_IT, "regional-it",
                "incident");
    }

    private static void restore(Gateway gateway) {
        gateway.services().board().restore(List.of(Capability.GIFT_CARDS), IsolationSource.REGIONAL_IT, "regional-it",
                "gift cards are back");
    }

    private void redeemOffline(Gateway gateway, String key) {
        var response = redeem(gateway, key, 3000);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(HttpCalls.json(response).path("mode").asText()).isEqualTo("OFFLINE");
    }

    private static java.net.http.HttpResponse<String> redeem(Gateway gateway, String key, long pence) {
        String base = "http://127.0.0.1:" + gateway.port();
        return HttpCalls.postJson(base + "/api/v1/gift-cards/redemptions", """
                {"cardNumber": "%s", "pin": "%s", "amount": {"amount": %d, "currency": "GBP"}}"""
                .formatted(CARD, PIN, pence), "Authorization", TestStores.signIn(base, TestStores.COLLEAGUE),
                "Idempotency-Key", key);
    }

    private static List<JsonNode> overdrawn(Gateway gateway) {
        JsonNode status = HttpCalls.json(HttpCalls.get("http://127.0.0.1:" + gateway.port() + "/api/v1/status"));
        List<JsonNode> found = new java.util.ArrayList<>();
        status.path("giftCards").path("overdrawn").forEach(found::add);
        return found;
    }
}
