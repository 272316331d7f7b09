package io.holdfast.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.holdfast.central.CentralSimulator;
import io.holdfast.central.GiftCardLedger;
import io.holdfast.central.books.CentralBooks;
import io.holdfast.central.demo.DemoDataset;
import io.holdfast.central.mqtt.CentralConsumer;
import io.holdfast.central.mqtt.EmbeddedBroker;
import io.holdfast.sync.SyncConfig;
import io.holdfast.testing.TestBrowser;
import io.holdfast.testing.TestClocks;

/**
 * Issue 15, item 12: central-sim's books on its page. A hand-over the store made reaches central
 * over MQTT, and {@code /sim} shows it applied once, per store and capability.
 */
class CentralLedgerBrowserIT {

    private static final String STORE = "0421";

    @TempDir
    Path folder;

    @Test
    void theSimulatorsPageShowsWhatCentralAppliedFromTheStore() throws IOException {
        DemoDataset dataset = DemoDataset.generate(STORE, new DemoDataset.Size(5, 1, 1), 4L, TestClocks.TICKING);
        Path file = folder.resolve("holdfast.db");
        TestStores.seed(file, dataset.orders().stream().map(DemoDataset.DemoOrder::order).toList());
        try (TestBrowser chromium = TestBrowser.start();
             CentralBooks books = CentralBooks.open(folder.resolve("central-sim.db"), TestClocks.TICKING);
             CentralSimulator central = CentralSimulator.start(CentralSimulator.Settings.ephemeral(), dataset,
                     GiftCardLedger.DEMO_KEY, TestClocks.TICKING, books);
             EmbeddedBroker broker = EmbeddedBroker.start();
             CentralConsumer consumer = CentralConsumer.start(broker.uri(), central.giftCards(), books);
             Gateway gateway = Gateway.start(TestStores.settingsFor(file).withStoreId(STORE)
                     .withCentral(TestStores.centralOf(central))
                     .withSync(SyncConfig.off().withBroker(broker.uri())
                             .withTiming(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(2))),
                     TestClocks.TICKING)) {
            String base = "http://127.0.0.1:" + gateway.port();
            HttpCalls.postJson(base + "/api/v1/orders/CC-100001/collections",
                    "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1}], \"verification\": \"ID_SEEN\"}",
                    "Authorization", TestStores.signIn(base, TestStores.COLLEAGUE), "Idempotency-Key", "ledger-1");
            await().atMost(Duration.ofSeconds(20)).until(() -> consumer.appliedCount() >= 1);

            WebDriver browser = chromium.driver();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(central.adminUrl().toString().replace("localhost", "127.0.0.1"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("recent"), "CollectionRecorded"));

            assertThat(browser.findElements(By.cssSelector("#flows tr:first-child td")).stream()
                    .map(cell -> cell.getText()).limit(5).toList())
                    .as("store, capability, applied, duplicates refused, last sequence")
                    .containsExactly("0421", "ORDERS", "1", "0", "1");
            assertThat(browser.findElement(By.id("recent")).getText()).contains("0421 1 ORDERS CollectionRecorded CC-100001");
            assertThat(browser.findElement(By.id("books-where")).getText()).endsWith("central-sim.db");
            assertThat(browser.findElement(By.id("refunds")).getText()).isEqualTo("Refunds paid: 0.");
            TestBrowser.assertAccessible(browser, "central-sim's ledger");
            Files.write(Path.of("target", "sim-ledger.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        }
    }
}
