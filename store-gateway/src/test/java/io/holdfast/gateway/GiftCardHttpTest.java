package io.holdfast.gateway;

import static io.holdfast.gateway.GatewayHttpTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.central.CentralService;
import io.holdfast.central.CentralSimulator;
import io.holdfast.central.Condition;
import io.holdfast.central.demo.DemoDataset;
import io.holdfast.central.demo.GiftCardNumbers;
import io.holdfast.gateway.config.ReturnsSettings;
import io.holdfast.giftcard.SqliteGiftCardBalances;
import io.holdfast.mode.Capability;
import io.holdfast.mode.IsolationSource;
import io.holdfast.money.Money;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.TestClocks;

/**
 * Gift cards over real HTTP, with central's gift-card service simulated on its own socket: online
 * through central, offline from the store's copy within its caps, tills' authorise-capture-void,
 * replays, every kind of bad input, and no card number or PIN in the database file or the log.
 */
class GiftCardHttpTest {

    static final byte[] KEY = "a-test-gift-card-key-of-32-bytes!".getBytes(StandardCharsets.US_ASCII);
    static final String CARD = GiftCardNumbers.number(1);
    static final String PIN = "739158";
    static final String SMALL_CARD = GiftCardNumbers.number(2);
    static final String SMALL_PIN = "204617";
    static final String UNKNOWN_CARD = GiftCardNumbers.number(3);

    @TempDir
    Path folder;
    private CentralSimulator central;
    private Gateway gateway;
    private String base;
    private String colleague;
    private String till;
    private String kiosk;
    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(formatter.format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() {
        Logger.getLogger("").addHandler(capture);
        capture.setLevel(Level.ALL);
        central = CentralSimulator.start(CentralSimulator.Settings.ephemeral(), new DemoDataset("0421", List.of(),
                List.of(), List.of(new DemoDataset.DemoGiftCard(CARD, PIN, Money.of(8000, "GBP")),
                new DemoDataset.DemoGiftCard(SMALL_CARD, SMALL_PIN, Money.of(3000, "GBP")))), KEY, TestClocks.TICKING);
        Path file = folder.resolve("holdfast.db");
        TestStores.seed(file, List.of());
        try (Database database = Database.open(DatabaseSettings.of(file))) {
            new SqliteGiftCardBalances(database).putAll(central.giftCards().balances());
        }
        gateway = Gateway.start(TestStores.settingsFor(file).withStoreId("0421")
                .withCentral(TestStores.centralOf(central))
                .withDesk(TestStores.kioskAndTill())
                .withReturns(ReturnsSettings.defaults().withGiftCardKey(KEY)), TestClocks.TICKING);
        base = "http://127.0.0.1:" + gateway.port();
        colleague = TestStores.signIn(base, TestStores.COLLEAGUE);
        till = TestStores.till(base);
        kiosk = TestStores.kiosk(base);
    }

    @AfterEach
    void stop() {
        gateway.close();
        central.close();
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void onlineCentralDecidesTheRedemptionOnceAndTheStoreCopyFollows() {
        JsonNode balance = HttpCalls.json(check(kiosk, CARD, PIN));
        assertThat(balance.path("source").asText()).isEqualTo("central");
        assertThat(balance.path("balance").path("amount").asLong()).isEqualTo(8000);
        assertThat(balance.path("lastFour").asText()).isEqualTo(CARD.substring(15));

        HttpResponse<String> redeemed = redeem(colleague, CARD, PIN, 2500, true, "desk-1");
        assertThat(redeemed.statusCode()).isEqualTo(201);
        JsonNode body = HttpCalls.json(redeemed);
        assertThat(body.path("mode").asText()).isEqualTo("ONLINE");
        assertThat(body.path("state").asText()).isEqualTo("CAPTURED");
        assertThat(body.path("balanceAfter").path("amount").asLong()).isEqualTo(5500);

        HttpResponse<String> replay = redeem(colleague, CARD, PIN, 2500, true, "desk-1");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(HttpCalls.json(replay).path("redemptionId").asText()).isEqualTo(body.path("redemptionId").asText());
        assertThat(central.giftCards().balanceOf(CARD)).isEqualTo(Money.of(5500, "GBP"));
        assertProblem(redeem(colleague, CARD, PIN, 2600, true, "desk-1"), 422, "idempotency-key-reused");

        HttpResponse<String> tooMuch = redeem(colleague, SMALL_CARD, SMALL_PIN, 4000, true, "desk-2");
        assertProblem(tooMuch, 409, "redemption-declined");
        assertThat(HttpCalls.json(tooMuch).path("reason").asText()).isEqualTo("insufficient-balance");
        assertThat(HttpCalls.json(tooMuch).path("couldApprove").path("amount").asLong()).isEqualTo(3000);

        gateway.services().board().isolate(List.of(Capability.GIFT_CARDS), IsolationSource.STORE_MANAGER, "S2001",
                "test");
        JsonNode copy = HttpCalls.json(check(colleague, CARD, PIN));
        assertThat(copy.path("source").asText()).isEqualTo("store-copy");
        assertThat(copy.path("balance").path("amount").asLong()).as("the copy followed central's answer").isEqualTo(5500);
        assertThat(copy.path("message").asText()).contains("store's copy from");
    }

    @Test
    void aRetryAfterTheStoreFailedToRecordCentralsApprovalIsChargedOnce() throws Exception {
        String store = "jdbc:sqlite:" + folder.resolve("holdfast.db");
        try (Connection sql = DriverManager.getConnection(store); Statement statement = sql.createStatement()) {
            statement.execute("""
                    CREATE TRIGGER the_disk_fails BEFORE INSERT ON gift_card_redemptions
                    BEGIN SELECT RAISE(ABORT, 'disk I/O error (made by the test)'); END""");
        }

        assertProblem(redeem(colleague, CARD, PIN, 2500, true, "crash-1"), 503, "store-unavailable");
        assertThat(central.giftCards().balanceOf(CARD)).as("central took it").isEqualTo(Money.of(5500, "GBP"));

        try (Connection sql = DriverManager.getConnection(store); Statement statement = sql.createStatement()) {
            statement.execute("DROP TRIGGER the_disk_fails");
        }
        HttpResponse<String> retry = redeem(colleague, CARD, PIN, 2500, true, "crash-1");

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(HttpCalls.json(retry).path("balanceAfter").path("amount").asLong()).isEqualTo(5500);
        assertThat(central.giftCards().balanceOf(CARD)).as("one charge").isEqualTo(Money.of(5500, "GBP"));
    }

    @Test
    void fortyParallelWrongPinsOnOneCardGetThreeGuessesAndNoPinAtAllBurnsNone() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertProblem(check(kiosk, SMALL_CARD, null), 401, "pin-required");
            assertProblem(check(kiosk, SMALL_CARD, ""), 401, "pin-required");
        }
        assertThat(check(kiosk, SMALL_CARD, SMALL_PIN).statusCode()).as("no try was burnt").isEqualTo(200);

        Map<String, Integer> codes = new java.util.concurrent.ConcurrentHashMap<>();
        try (ExecutorService kiosks = Executors.newFixedThreadPool(40)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String guess = "%04d".formatted(5000 + i);
                sent.add(kiosks.submit(() -> codes.merge(HttpCalls.json(check(kiosk, CARD, guess)).path("code").asText(),
                        1, Integer::sum)));
            }
            for (Future<?> each : sent) {
                each.get();
            }
        }

        assertThat(codes.keySet()).isSubsetOf("pin-wrong", "card-locked");
        assertThat(codes.get("pin-wrong")).as(codes.toString()).isEqualTo(3);
        assertProblem(check(kiosk, CARD, PIN), 423, "card-locked");
    }

    @Test
    void twoTillsSendingTheSameIdempotencyKeyMakeTwoRedemptionsAndNeitherSeesTheOthers() {
        HttpResponse<String> first = redeem(till, CARD, PIN, 1000, true, "T0001");
        HttpResponse<String> second = redeem(TestStores.secondTill(base), CARD, PIN, 1000, true, "T0001");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(HttpCalls.json(second).path("redemptionId").asText())
                .isNotEqualTo(HttpCalls.json(first).path("redemptionId").asText());
        assertThat(central.giftCards().balanceOf(CARD)).isEqualTo(Money.of(6000, "GBP"));
    }

    @Test
    void offlineTheStoreApprovesWithinTheCardsBalanceAndItsDailyCapAndSaysWhatCouldBeTaken() {
        gateway.services().board().isolate(List.of(Capability.GIFT_CARDS), IsolationSource.STORE_MANAGER, "S2001",
                "test");

        JsonNode first = HttpCalls.json(redeem(colleague, CARD, PIN, 3000, true, "off-1"));
        assertThat(first.path("mode").asText()).isEqualTo("OFFLINE");
        assertThat(first.path("balanceAfter").path("amount").asLong()).isEqualTo(5000);
        assertThat(HttpCalls.json(check(kiosk, CARD, PIN)).path("balance").path("amount").asLong())
                .as("the copy less what this store spent offline").isEqualTo(5000);

        HttpResponse<String> overCap = redeem(colleague, CARD, PIN, 3000, true, "off-2");
        assertProblem(overCap, 409, "redemption-declined");
        JsonNode declined = HttpCalls.json(overCap);
        assertThat(declined.path("reason").asText()).isEqualTo("over-card-daily-offline");
        assertThat(declined.path("couldApprove").path("amount").asLong()).isEqualTo(2000);
        assertThat(declined.path("detail").asText()).contains("£50.00 a day").contains("Up to £20.00");

        HttpResponse<String> unknown = redeem(colleague, UNKNOWN_CARD, null, 500, true, "off-3");
        assertProblem(unknown, 409, "redemption-declined");
        assertThat(HttpCalls.json(unknown).path("reason").asText()).isEqualTo("card-unknown-offline");

        JsonNode status = HttpCalls.json(HttpCalls.get(base + "/api/v1/status"));
        assertThat(status.path("giftCards").path("offlineExposureToday").path("amount").asLong()).isEqualTo(3000);
        assertThat(status.path("giftCards").path("offlineExposureCap").path("amount").asLong()).isEqualTo(200000);
        assertThat(HttpCalls.get(base + "/metrics").body()).contains("holdfast_giftcard_offline_exposure_minor")
                .containsPattern("holdfast_giftcard_offline_exposure_minor\\S* 3000");
        assertThat(gateway.services().outbox().eventsFor(first.path("redemptionId").asText())).hasSize(1);
    }

    @Test
    void aTillAuthorisesThenCapturesOrVoidsAndEachAnswerIsTheSameWhenAskedAgain() {
        gateway.services().board().isolate(List.of(Capability.GIFT_CARDS), IsolationSource.STORE_MANAGER, "S2001",
                "test");
        String held = HttpCalls.json(redeem(till, CARD, PIN, 1500, false, "till-a")).path("redemptionId").asText();
        assertThat(HttpCalls.json(check(till, CARD, PIN)).path("balance").path("amount").asLong()).isEqualTo(6500);
        assertThat(gateway.services().outbox().eventsFor(held)).as("nothing for central until it is taken").isEmpty();

        HttpResponse<String> captured = settle(held, "capture");
        assertThat(captured.statusCode()).isEqualTo(200);
        assertThat(HttpCalls.json(captured).path("state").asText()).isEqualTo("CAPTURED");
        assertThat(settle(held, "capture").headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertProblem(settle(held, "void"), 409, "redemption-already-settled");
        assertThat(gateway.services().outbox().eventsFor(held)).hasSize(1);

        String voided = HttpCalls.json(redeem(till, CARD, PIN, 1000, false, "till-b")).path("redemptionId").asText();
        assertThat(HttpCalls.json(settle(voided, "void")).path("state").asText()).isEqualTo("VOIDED");
        assertThat(HttpCalls.json(check(till, CARD, PIN)).path("balance").path("amount").asLong())
                .as("a void gives the hold back").isEqualTo(6500);
        assertProblem(settle("GCR-nope", "capture"), 404, "redemption-not-found");
        assertProblem(redeem(kiosk, CARD, PIN, 100, true, "kiosk-1"), 403, "role-not-allowed");
    }

    @Test
    void badInputGetsAClearAnswerAndRepeatedWrongPinsLockTheCard() {
        String wrongDigit = CARD.substring(0, 18) + (char) ('0' + (CARD.charAt(18) - '0' + 1) % 10);
        assertProblem(check(colleague, wrongDigit, PIN), 422, "card-number-invalid");
        assertProblem(check(colleague, "1234", PIN), 422, "card-number-invalid");
        assertProblem(check(colleague, "6280-39ab", PIN), 422, "card-number-invalid");
        assertProblem(check(colleague, CARD, "12a"), 422, "pin-invalid");
        assertProblem(redeem(colleague, CARD, PIN, 0, true, "bad-1"), 422, "amount-invalid");
        assertProblem(redeem(colleague, CARD, PIN, -500, true, "bad-2"), 422, "amount-invalid");
        assertProblem(redeem(colleague, CARD, PIN, 100_001, true, "bad-3"), 422, "amount-invalid");
        assertProblem(HttpCalls.postJson(base + "/api/v1/gift-cards/redemptions", """
                {"cardNumber": "%s", "pin": "%s", "amount": {"amount": 500, "currency": "EUR"}}""".formatted(CARD, PIN),
                "Authorization", colleague, "Idempotency-Key", "bad-4"), 422, "amount-invalid");
        assertProblem(HttpCalls.postJson(base + "/api/v1/gift-cards/redemptions", """
                {"cardNumber": "%s", "amount": {"amount": 500, "currency": "GBP"}}""".formatted(CARD),
                "Authorization", colleague), 400, "idempotency-key-missing");

        assertProblem(check(colleague, CARD, "000000"), 401, "pin-wrong");
        HttpResponse<String> second = check(colleague, CARD, "000001");
        assertProblem(second, 401, "pin-wrong");
        assertThat(HttpCalls.json(second).path("detail").asText()).contains("1 try is left");
        assertProblem(check(colleague, CARD, "000002"), 401, "pin-wrong");
        HttpResponse<String> locked = check(colleague, CARD, PIN);
        assertProblem(locked, 423, "card-locked");
        assertProblem(redeem(colleague, CARD, PIN, 500, true, "locked-1"), 423, "card-locked");
        assertThat(central.giftCards().balanceOf(CARD)).isEqualTo(Money.of(8000, "GBP"));
    }

    @Test
    void whenCentralStopsAnsweringTheStoreDecidesOfflineAndNoCardNumberOrPinReachesTheFileOrTheLog() throws Exception {
        redeem(colleague, CARD, PIN, 1000, true, "leak-1");
        check(kiosk, CARD, "111111");
        central.set(CentralService.GIFT_CARDS, Condition.refusing());
        HttpResponse<String> offline = redeem(colleague, CARD, PIN, 1000, true, "leak-2");
        assertThat(offline.statusCode()).isEqualTo(201);
        assertThat(HttpCalls.json(offline).path("mode").asText()).isEqualTo("OFFLINE");
        check(kiosk, SMALL_CARD, SMALL_PIN);
        redeem(till, SMALL_CARD, "999999", 500, false, "leak-3");
        gateway.close();

        List<String> files = new ArrayList<>();
        try (var paths = Files.list(folder)) {
            paths.filter(Files::isRegularFile).forEach(path -> files.add(path.getFileName().toString()));
        }
        assertThat(files).contains("holdfast.db");
        for (String name : files) {
            String bytes = new String(Files.readAllBytes(folder.resolve(name)), StandardCharsets.ISO_8859_1);
            for (String secret : List.of(CARD, SMALL_CARD, PIN, SMALL_PIN, "999999")) {
                assertThat(bytes).as("%s must not hold a card number or PIN", name).doesNotContain(secret);
            }
        }
        String log;
        synchronized (logged) {
            log = String.join("\n", logged);
        }
        assertThat(log).as("the gateway logged while it worked").isNotEmpty();
        for (String secret : List.of(CARD, SMALL_CARD, PIN, SMALL_PIN, "999999")) {
            assertThat(log).doesNotContain(secret);
        }
    }

    private HttpResponse<String> check(String who, String card, String pin) {
        return HttpCalls.postJson(base + "/api/v1/gift-cards/balance-checks",
                "{\"cardNumber\": \"%s\"%s}".formatted(card, pin == null ? "" : ", \"pin\": \"" + pin + "\""),
                "Authorization", who);
    }

    private HttpResponse<String> redeem(String who, String card, String pin, long pence, boolean capture, String key) {
        return HttpCalls.postJson(base + "/api/v1/gift-cards/redemptions", """
                {"cardNumber": "%s"%s, "amount": {"amount": %d, "currency": "GBP"}, "capture": %s}"""
                .formatted(card, pin == null ? "" : ", \"pin\": \"" + pin + "\"", pence, capture),
                "Authorization", who, "Idempotency-Key", key);
    }

    private HttpResponse<String> settle(String redemptionId, String action) {
        return HttpCalls.postJson(base + "/api/v1/gift-cards/redemptions/" + redemptionId + "/" + action, "",
                "Authorization", till);
    }
}
