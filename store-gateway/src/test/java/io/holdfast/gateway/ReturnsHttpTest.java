package io.holdfast.gateway;

import static io.holdfast.gateway.GatewayHttpTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.central.CentralSimulator;
import io.holdfast.central.demo.DemoDataset;
import io.holdfast.gateway.config.DeviceSettings;
import io.holdfast.gateway.config.ReturnsSettings;
import io.holdfast.giftcard.CardFingerprinter;
import io.holdfast.giftcard.StoreCredit;
import io.holdfast.hardware.printer.EscPosPrinterSimulator;
import io.holdfast.mode.Capability;
import io.holdfast.mode.IsolationSource;
import io.holdfast.money.Money;
import io.holdfast.sync.command.KeyFiles;
import io.holdfast.testing.TestClocks;

/**
 * Tills, the kiosk and the desk over real HTTP, with central's refund service simulated on its own
 * socket: posting sales, quotes, returns in each mode, replays, overrides, and owed refunds paid once.
 */
class ReturnsHttpTest {

    @TempDir
    Path folder;
    private CentralSimulator central;
    private Gateway gateway;
    private EscPosPrinterSimulator printer;
    private String base;
    private String till;
    private String kiosk;
    private final Instant soldAt = TestClocks.TICKING.instant().minus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    @BeforeEach
    void start() {
        Clock clock = TestClocks.TICKING;
        central = CentralSimulator.start(CentralSimulator.Settings.ephemeral(),
                DemoDataset.generate("0421", new DemoDataset.Size(5, 5, 5), 7L, clock), TestClocks.TICKING);
        Path file = folder.resolve("holdfast.db");
        TestStores.seed(file, List.of());
        KeyFiles.create(folder.resolve("keys"), "store-0421");
        printer = EscPosPrinterSimulator.start(0);
        gateway = Gateway.start(TestStores.settingsFor(file).withStoreId("0421")
                .withDevices(new DeviceSettings(folder.resolve("spool"), List.of(new DeviceSettings.Printer(
                        "kiosk-1-printer", "127.0.0.1", printer.address().getPort(), 48)), List.of(), List.of()))
                .withCentral(TestStores.centralOf(central))
                .withDesk(TestStores.kioskAndTill())
                .withReturns(ReturnsSettings.defaults()
                        .withGiftCardKey("a-test-gift-card-key-of-32-bytes!".getBytes(StandardCharsets.US_ASCII))
                        .withReceiptSigningKey(folder.resolve("keys").resolve("store-0421.key"))
                        .withRefundRetry(Duration.ofSeconds(1))), TestClocks.TICKING);
        base = "http://127.0.0.1:" + gateway.port();
        till = TestStores.till(base);
        kiosk = TestStores.kiosk(base);
    }

    @AfterEach
    void stop() {
        gateway.close();
        printer.close();
        central.close();
    }

    @Test
    void aTillPostsASaleOnceAndGetsASignedEReceiptToPrint() {
        HttpResponse<String> posted = postSale("0421-01-20261120-0001", "LOY-7781");
        assertThat(posted.statusCode()).isEqualTo(201);
        JsonNode body = HttpCalls.json(posted);
        assertThat(body.path("loyaltyQueued").asBoolean()).isTrue();
        assertThat(body.path("eReceipt").asText()).startsWith("HFR2.store-0421.");

        HttpResponse<String> again = postSale("0421-01-20261120-0001", "LOY-7781");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(gateway.services().outbox().eventsFor("0421-01-20261120-0001")).hasSize(1);
    }

    @Test
    void aMalformedReceiptIs400NamingTheFieldAndOnlyTillsMayPost() {
        HttpResponse<String> noQuantity = HttpCalls.postJson(base + "/api/v1/receipts", """
                {"receiptId": "0421-01-20261120-0002", "issuedAt": "2026-11-20T10:00:00Z",
                 "lines": [{"lineNumber": 1, "sku": "5001001", "description": "Shirt",
                            "unitPrice": {"amount": 2950, "currency": "GBP"}}],
                 "tenders": [{"kind": "CARD", "amount": {"amount": 2950, "currency": "GBP"}, "reference": "VISA ****1234"}]}
                """, "Authorization", till);
        assertProblem(noQuantity, 400, "receipt-invalid");
        assertThat(HttpCalls.json(noQuantity).path("field").asText()).isEqualTo("lines[0].quantity");

        assertProblem(HttpCalls.postJson(base + "/api/v1/receipts", "{\"receiptId\": \"nope\"}", "Authorization", till),
                400, "receipt-invalid");
        assertProblem(HttpCalls.postJson(base + "/api/v1/receipts", "{}", "Authorization", kiosk), 403, "role-not-allowed");
    }

    @Test
    void aSaleDatedInTheFutureOrWithFractionsOrHugeTotalsIsRefusedNamingTheField() {
        String tomorrow = TestClocks.TICKING.instant().plus(Duration.ofDays(1)).toString();
        HttpResponse<String> future = postOneLineSale("0421-01-20261120-0007", tomorrow, 1, "2950", "2950");
        assertProblem(future, 422, "receipt-invalid");
        assertThat(HttpCalls.json(future).path("field").asText()).isEqualTo("issuedAt");

        HttpResponse<String> fraction = postOneLineSale("0421-01-20261120-0008", soldAt.toString(), 1, "10.5", "10");
        assertProblem(fraction, 422, "whole-number-required");
        assertThat(HttpCalls.json(fraction).path("field").asText()).isEqualTo("lines[0].unitPrice.amount");

        assertProblem(postOneLineSale("0421-01-20261120-0009", soldAt.toString(), 2000, "9223372036854775", "10"),
                422, "amount-out-of-range");
    }

    private HttpResponse<String> postOneLineSale(String receiptId, String issuedAt, int quantity, String unitPrice,
                                                 String tendered) {
        return HttpCalls.postJson(base + "/api/v1/receipts", """
                {"receiptId": "%s", "issuedAt": "%s",
                 "lines": [{"lineNumber": 1, "sku": "5001001", "description": "Shirt", "quantity": %d,
                            "unitPrice": {"amount": %s, "currency": "GBP"}}],
                 "tenders": [{"kind": "CARD", "amount": {"amount": %s, "currency": "GBP"}, "reference": "VISA ****1234"}]}
                """.formatted(receiptId, issuedAt, quantity, unitPrice, tendered), "Authorization", till);
    }

    @Test
    void onlineTheKioskRefundsToTheCardThroughCentralOnceWhateverIsReplayed() {
        postSale("0421-01-20261120-0003", "");
        JsonNode firstLook = HttpCalls.json(HttpCalls.postJson(base + "/api/v1/returns/quotes",
                "{\"receiptId\": \"0421-01-20261120-0003\", \"lines\": []}", "Authorization", kiosk));
        assertThat(firstLook.path("refundAmount").path("amount").asLong()).as("nothing chosen, nothing priced").isZero();
        assertThat(firstLook.path("options")).isEmpty();
        assertThat(firstLook.path("selectionProblem").path("text").asText()).isEqualTo("Choose at least one item to return.");
        JsonNode quote = quoteOne("0421-01-20261120-0003");
        assertThat(quote.path("refundAmount").path("amount").asLong()).isEqualTo(2950);
        assertThat(quote.path("lines").get(0).path("returnable").asInt()).isEqualTo(2);
        assertThat(quote.path("lines").get(0).path("decision").path("text").asText())
                .matches("Bought \\d+ days ago; returns are accepted for 35 days\\.");
        assertThat(option(quote, "ORIGINAL_TENDER").path("availability").asText()).isEqualTo("OPEN");

        HttpResponse<String> elsewhere = HttpCalls.postJson(base + "/api/v1/returns", """
                {"receiptId": "0421-01-20261120-0003", "refundMethod": "ORIGINAL_TENDER", "printerId": "desk-1-printer",
                 "lines": [{"lineNumber": 1, "quantity": 2, "reason": "changed-mind", "answers": {"unused": true}}]}
                """, "Authorization", kiosk, "Idempotency-Key", "key-elsewhere");
        assertProblem(elsewhere, 422, "printer-not-this-kiosks");
        HttpResponse<String> made = makeReturn("0421-01-20261120-0003", 2, "ORIGINAL_TENDER", "key-1");
        assertThat(made.statusCode()).isEqualTo(201);
        assertThat(HttpCalls.json(made).path("receipt").path("printerId").asText()).as("the kiosk's own printer")
                .isEqualTo("kiosk-1-printer");
        assertThat(HttpCalls.json(made).path("refund").path("state").asText()).isEqualTo("PAID");
        HttpResponse<String> replay = makeReturn("0421-01-20261120-0003", 2, "ORIGINAL_TENDER", "key-1");
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(HttpCalls.json(replay).path("returnId").asText()).isEqualTo(HttpCalls.json(made).path("returnId").asText());

        HttpResponse<String> twice = makeReturn("0421-01-20261120-0003", 1, "ORIGINAL_TENDER", "key-2");
        assertProblem(twice, 422, "return-not-allowed");
        assertThat(HttpCalls.json(twice).path("detail").asText()).isEqualTo("Already returned (2).");
        assertThat(central.refundsPaid()).isEqualTo(1);
    }

    @Test
    void anUnknownReceiptIs404AndAnOverrideNeedsASupervisor() {
        assertProblem(HttpCalls.postJson(base + "/api/v1/returns/quotes", "{\"receiptId\": \"0421-09-20261120-9999\"}",
                "Authorization", kiosk), 404, "receipt-not-found");
        assertProblem(HttpCalls.postJson(base + "/api/v1/returns/quotes", "{}", "Authorization", kiosk), 400,
                "request-invalid");
        String colleague = TestStores.signIn(base, TestStores.COLLEAGUE);
        assertProblem(HttpCalls.postJson(base + "/api/v1/returns/quotes",
                "{\"receiptId\": \"0421-09-20261120-9999\", \"overrideReason\": \"no receipt\"}",
                "Authorization", colleague), 403, "override-needs-supervisor");

        String supervisor = TestStores.signIn(base, TestStores.SUPERVISOR);
        HttpResponse<String> none = HttpCalls.postJson(base + "/api/v1/returns", """
                {"withoutReceipt": [{"sku": "5001001", "description": "Linen shirt", "category": "CLOTHING",
                                     "quantity": 1, "unitPrice": {"amount": 2950, "currency": "GBP"}}],
                 "overrideReason": "regular customer, bank statement seen",
                 "lines": [{"lineNumber": 1, "quantity": 1, "reason": "gift", "answers": {"unused": true}}],
                 "refundMethod": "STORE_CREDIT"}
                """, "Authorization", supervisor, "Idempotency-Key", "override-1");
        assertThat(none.statusCode()).isEqualTo(201);
        assertThat(HttpCalls.json(none).path("overrideReason").asText()).isEqualTo("regular customer, bank statement seen");
    }

    @Test
    void isolatedTheKioskPromisesADeferredRefundWhichIsPaidOnceWhenRefundsIsRestored() throws InterruptedException {
        postSale("0421-01-20261120-0004", "");
        gateway.services().board().isolate(List.of(Capability.REFUNDS), IsolationSource.REGIONAL_IT, "regional-it",
                "incident");

        JsonNode quote = quoteOne("0421-01-20261120-0004");
        assertThat(option(quote, "ORIGINAL_TENDER").path("availability").asText()).isEqualTo("CLOSED");
        assertThat(option(quote, "DEFERRED_TO_ORIGINAL_TENDER").path("availability").asText()).isEqualTo("OPEN");
        assertThat(quote.path("notice").asText()).contains("refund service is unavailable");

        HttpResponse<String> made = makeReturn("0421-01-20261120-0004", 1, "DEFERRED_TO_ORIGINAL_TENDER", "key-3");
        assertThat(made.statusCode()).isEqualTo(201);
        String refundId = HttpCalls.json(made).path("refund").path("refundId").asText();
        assertThat(HttpCalls.json(made).path("message").asText()).contains("Your reference is " + refundId);
        await().atMost(Duration.ofSeconds(10)).until(() -> !printer.printed().isEmpty());
        assertThat(printer.printed().getLast().qrCodes()).as("the promise carries its whole reference")
                .containsExactly(refundId);
        assertThat(printer.printed().getLast().text()).contains("Reference " + refundId);
        JsonNode status = HttpCalls.json(HttpCalls.get(base + "/api/v1/status"));
        assertThat(status.path("refunds").path("due").asInt()).isEqualTo(1);
        assertThat(status.path("refunds").path("offlineExposureToday").path("amount").asLong()).isEqualTo(2950);
        assertThat(central.refundsPaid()).isZero();

        gateway.services().board().restore(List.of(Capability.REFUNDS), IsolationSource.REGIONAL_IT, "regional-it",
                "restored");
        gateway.services().board().backlogObserved(Capability.REFUNDS, 0, true);
        Instant deadline = TestClocks.TICKING.instant().plusSeconds(10);
        while (gateway.services().refunds().dueCount() > 0 && TestClocks.TICKING.instant().isBefore(deadline)) {
            Thread.sleep(50);
        }

        assertThat(gateway.services().refunds().dueCount()).isZero();
        assertThat(central.refundPaid(refundId)).isTrue();
        assertThat(central.refundsPaid()).isEqualTo(1);
    }

    @Test
    void isolatedStoreCreditIsIssuedOnAVoucherWhoseNumberOnlyTheCustomerSees() throws Exception {
        postSale("0421-01-20261120-0005", "");
        gateway.services().board().isolate(List.of(Capability.REFUNDS), IsolationSource.STORE_MANAGER, "S2001", "test");

        HttpResponse<String> made = makeReturn("0421-01-20261120-0005", 1, "STORE_CREDIT", "key-4");
        JsonNode credit = HttpCalls.json(made).path("storeCredit");
        assertThat(credit.has("cardNumber")).as("the number is on the printed voucher only").isFalse();
        assertThat(credit.path("lastFour").asText()).hasSize(4);
        assertThat(credit.path("amount").path("amount").asLong()).isEqualTo(2950);

        JsonNode replay = HttpCalls.json(makeReturn("0421-01-20261120-0005", 1, "STORE_CREDIT", "key-4"));
        assertThat(replay.path("storeCredit").has("cardNumber")).isFalse();
        assertThat(replay.path("storeCredit").path("lastFour").asText()).isEqualTo(credit.path("lastFour").asText());

        StoreCredit.Issued card = new StoreCredit(new CardFingerprinter(
                "a-test-gift-card-key-of-32-bytes!".getBytes(StandardCharsets.US_ASCII)))
                .reissue(HttpCalls.json(made).path("returnId").asText(), Money.of(2950, "GBP"));
        assertThat(card.lastFour()).isEqualTo(credit.path("lastFour").asText());
        gateway.services().board().isolate(List.of(Capability.GIFT_CARDS), IsolationSource.STORE_MANAGER, "S2001",
                "test");
        assertProblem(HttpCalls.postJson(base + "/api/v1/gift-cards/balance-checks",
                "{\"cardNumber\": \"%s\"}".formatted(card.cardNumber()), "Authorization", kiosk), 401, "pin-required");
        JsonNode balance = HttpCalls.json(HttpCalls.postJson(base + "/api/v1/gift-cards/balance-checks",
                "{\"cardNumber\": \"%s\", \"pin\": \"%s\"}".formatted(card.cardNumber(), card.pin()),
                "Authorization", kiosk));
        assertThat(balance.path("balance").path("amount").asLong()).as("the voucher's PIN opens it").isEqualTo(2950);

        await().atMost(Duration.ofSeconds(10)).until(() -> printer.printed().size() == 2);
        assertThat(printer.printed()).as("the voucher, printed again for the repeated request")
                .allSatisfy(voucher -> assertThat(voucher.text()).contains("STORE CREDIT VOUCHER")
                        .contains("PIN " + card.pin()).contains(card.cardNumber().substring(0, 4) + " "))
                .allSatisfy(voucher -> assertThat(voucher.qrCodes()).containsExactly(card.cardNumber()));
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.devices().registry().all().stream()
                .allMatch(device -> device.health().queued() == 0));
        try (var spooled = Files.walk(folder.resolve("spool"))) {
            assertThat(spooled.filter(Files::isRegularFile).toList()).as("no voucher kept on disk once printed").isEmpty();
        }
    }

    private HttpResponse<String> postSale(String receiptId, String loyaltyId) {
        return HttpCalls.postJson(base + "/api/v1/receipts", """
                {"receiptId": "%s", "issuedAt": "%s",
                 "lines": [{"lineNumber": 1, "sku": "5001001", "description": "Linen shirt, blue, M", "quantity": 2,
                            "unitPrice": {"amount": 2950, "currency": "GBP"}, "category": "CLOTHING"}],
                 "tenders": [{"kind": "CARD", "amount": {"amount": 5900, "currency": "GBP"}, "reference": "VISA ****1234"}],
                 "loyaltyId": "%s"}
                """.formatted(receiptId, soldAt, loyaltyId), "Authorization", till);
    }

    private HttpResponse<String> makeReturn(String receiptId, int quantity, String method, String key) {
        return HttpCalls.postJson(base + "/api/v1/returns", """
                {"receiptId": "%s", "refundMethod": "%s",
                 "lines": [{"lineNumber": 1, "quantity": %d, "reason": "changed-mind", "answers": {"unused": true}}]}
                """.formatted(receiptId, method, quantity), "Authorization", kiosk, "Idempotency-Key", key);
    }

    /** A kiosk's quote for one of line 1, its question answered yes. */
    private JsonNode quoteOne(String receiptId) {
        return HttpCalls.json(HttpCalls.postJson(base + "/api/v1/returns/quotes", """
                {"receiptId": "%s",
                 "lines": [{"lineNumber": 1, "quantity": 1, "reason": "changed-mind", "answers": {"unused": true}}]}
                """.formatted(receiptId), "Authorization", kiosk));
    }

    private static JsonNode option(JsonNode quote, String method) {
        for (JsonNode option : quote.path("options")) {
            if (option.path("method").asText().equals(method)) {
                return option;
            }
        }
        throw new AssertionError("no option " + method + " in " + quote);
    }
}
