package io.holdfast.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.holdfast.central.CentralService;
import io.holdfast.central.CentralSimulator;
import io.holdfast.central.Condition;
import io.holdfast.central.demo.DemoDataset;
import io.holdfast.gateway.central.GuardSettings;
import io.holdfast.gateway.config.ResilienceSettings;
import io.holdfast.mode.Capability;
import io.holdfast.testing.TestBrowser;
import io.holdfast.testing.TestClocks;

/** The status page and the desk's banner, in real Chromium, as central-sim is blackholed and then restored. */
class StatusBrowserIT {

    @TempDir
    Path folder;

    @Test
    void theKillSwitchPresetsNothingAndAsksWhatWillStopBeforeItActs() throws IOException {
        Path file = folder.resolve("holdfast.db");
        TestStores.seed(file, List.of());
        try (TestBrowser chromium = TestBrowser.start();
             Gateway gateway = Gateway.start(TestStores.settingsFor(file).withStoreId("0421"), TestClocks.TICKING)) {
            WebDriver browser = chromium.driver();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get("http://127.0.0.1:" + gateway.port() + "/status");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-id"))).sendKeys(TestStores.SUPERVISOR);
            browser.findElement(By.id("pin")).sendKeys(TestStores.PIN, Keys.ENTER);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("switch-form")));
            browser.findElement(By.id("switch-reason")).sendKeys("suspicious traffic");

            browser.findElement(By.id("isolate")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("switch-message"), "Choose what"));

            new Select(browser.findElement(By.id("switch-capability"))).selectByVisibleText("ORDERS");
            browser.findElement(By.id("isolate")).click();
            Alert question = wait.until(ExpectedConditions.alertIsPresent());
            assertThat(question.getText()).contains("Isolate ORDERS?").contains("hand-over");
            question.dismiss();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("switch-message"), "Nothing changed"));
            assertThat(gateway.services().board().isIsolated(Capability.ORDERS)).isFalse();

            browser.findElement(By.id("isolate")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#capability-ORDERS .state"), "ISOLATED"));
            assertThat(gateway.services().board().isIsolated(Capability.PAYMENTS)).as("only what was chosen").isFalse();

            gateway.services().board().isolate(List.of(Capability.GIFT_CARDS),
                    io.holdfast.mode.IsolationSource.REGIONAL_IT, "regional-it", "card fraud at head office");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#capability-GIFT_CARDS .budget"),
                    "of 72 h left (offline since"));
            assertThat(browser.findElement(By.cssSelector("#capability-GIFT_CARDS .budget")).getText())
                    .as("the countdown, and when the rules tighten").contains("Rules tighten at");
            assertThat(browser.findElements(By.cssSelector("#capability-ORDERS .budget"))).as("orders have no budget")
                    .isEmpty();
        }
    }

    /**
     * Issue 15, items 7 and 8: "Everything is with central" only when nothing waits; events held for an
     * isolated capability are named with why; the page speaks words, not breaker states, shows
     * colleagues' names, and writes dates the British way in the store's zone.
     */
    @Test
    void theStatusPageSaysWhatIsHeldAndWhyInWordsAndNames() throws IOException {
        Path file = folder.resolve("holdfast.db");
        TestStores.seed(file, List.of(TestStores.anOrder("CC-100001")));
        try (TestBrowser chromium = TestBrowser.start();
             io.holdfast.central.mqtt.EmbeddedBroker broker = io.holdfast.central.mqtt.EmbeddedBroker.start();
             io.holdfast.central.mqtt.CentralConsumer consumer = io.holdfast.central.mqtt.CentralConsumer.start(
                     broker.uri(), TestClocks.TICKING);
             Gateway gateway = Gateway.start(TestStores.settingsFor(file).withStoreId("0421")
                     .withSync(io.holdfast.sync.SyncConfig.off().withBroker(broker.uri())
                             .withTiming(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(2))),
                     TestClocks.TICKING)) {
            WebDriver browser = chromium.driver();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            String base = "http://127.0.0.1:" + gateway.port();
            browser.get(base + "/status");
            wait.until(ExpectedConditions.textToBe(By.id("resync-text"), "Everything is with central."));
            assertThat(consumer.connected()).as("central is there to send to").isTrue();
            assertThat(browser.findElement(By.id("update-text")).getText())
                    .as("a store with no release keys says so").isEqualTo("Updates are off (no release keys).");

            gateway.services().board().isolate(List.of(Capability.ORDERS), io.holdfast.mode.IsolationSource.STORE_MANAGER,
                    TestStores.SUPERVISOR, "suspicious traffic");
            HttpCalls.postJson(base + "/api/v1/orders/CC-100001/collections",
                    "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1}], \"verification\": \"ID_SEEN\"}",
                    "Authorization", TestStores.signIn(base, TestStores.COLLEAGUE), "Idempotency-Key", "held-1");

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("resync-text"), "Held here while isolated"));
            assertThat(browser.findElement(By.id("resync-text")).getText())
                    .isEqualTo("Nothing is being sent now. Held here while isolated: 1 event(s) for orders; they go when"
                            + " restored.");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transitions"), "Sam"));
            assertThat(browser.findElement(By.id("transitions")).getText()).doesNotContain(TestStores.SUPERVISOR);
            String page = browser.findElement(By.tagName("main")).getText();
            assertThat(page).contains("head office is not contacted (isolated)").contains("no recent calls to judge")
                    .doesNotContain("Breaker").doesNotContain("n/a").doesNotContain("forced_open");
            assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "return when('2026-12-01T09:05:00Z') + ' / ' + when('2026-07-01T09:05:00Z');"))
                    .as("British dates in the store's zone, whatever the browser's locale")
                    .isEqualTo("1 Dec, 09:05 / 1 Jul, 10:05");
            TestBrowser.assertAccessible(browser, "the status page with events held");
            Files.write(Path.of("target", "status-held.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        }
    }

    /** Issue 15, item 6: the first answer made offline turns the banner, before the breaker opens. */
    @Test
    void theDeskBannerSaysOfflineFromTheFirstHandOverRecordedOffline() throws IOException {
        DemoDataset dataset = seededDataset(3);
        try (TestBrowser chromium = TestBrowser.start();
             CentralSimulator central = CentralSimulator.start(CentralSimulator.Settings.ephemeral(), dataset, TestClocks.TICKING);
             // The health watch is off: this is the moment between a failed call and the watch's verdict,
             // held open so the page can be seen in it.
             Gateway gateway = storeAgainst(central, ResilienceSettings.defaults()
                     .withTiming(Duration.ofMinutes(10), Duration.ofSeconds(2)).withWatch(Duration.ZERO)
                     .withGuard(Capability.ORDERS, new GuardSettings(Duration.ofMillis(300), 10, 10, Duration.ofSeconds(30), 16)))) {
            WebDriver browser = chromium.driver();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            String base = "http://127.0.0.1:" + gateway.port();
            browser.get(base + "/desk");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-id"))).sendKeys(TestStores.COLLEAGUE);
            browser.findElement(By.id("pin")).sendKeys(TestStores.PIN, Keys.ENTER);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mode"), "Orders are checked with head office"));

            central.set(CentralService.ORDERS, Condition.blackhole());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search"))).sendKeys("CC-100001", Keys.ENTER);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("line-qty-1"))).clear();
            browser.findElement(By.id("line-qty-1")).sendKeys("1");
            new Select(browser.findElement(By.id("verification"))).selectByValue("ID_SEEN");
            new Select(browser.findElement(By.id("id-kind"))).selectByValue("PASSPORT");
            browser.findElement(By.id("hand-over")).click();

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Recorded offline"));
            assertThat(gateway.services().board().status(Capability.ORDERS).state()).as("the breaker has not opened")
                    .isEqualTo(io.holdfast.mode.CapabilityState.ONLINE);
            assertThat(browser.findElement(By.id("mode")).getText()).startsWith("Head office did not answer just now");
            assertThat(browser.findElement(By.id("mode")).getAttribute("class")).contains("degraded");
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return refreshMode();");
            assertThat(browser.findElement(By.id("mode")).getText()).as("and the next refresh agrees")
                    .startsWith("Head office did not answer just now");
        }
    }

    @Test
    void theStatusPageAndTheDeskBannerFollowCentralDownAndBackUp() throws IOException {
        DemoDataset dataset = seededDataset(10);
        try (TestBrowser chromium = TestBrowser.start();
             CentralSimulator central = CentralSimulator.start(CentralSimulator.Settings.ephemeral(), dataset, TestClocks.TICKING);
             Gateway gateway = storeAgainst(central, ResilienceSettings.defaults()
                     .withTiming(Duration.ofMillis(200), Duration.ofSeconds(2))
                     .withGuard(Capability.ORDERS, GuardSettings.DEFAULT.withCallBudget(Duration.ofMillis(300))
                             .withOpenFor(Duration.ofSeconds(1))))) {
            WebDriver browser = chromium.driver();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            String base = "http://127.0.0.1:" + gateway.port();
            String colleague = TestStores.signIn(base, TestStores.COLLEAGUE);

            browser.get(base + "/status");
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#capability-ORDERS .state"), "ONLINE"));
            assertThat(browser.findElement(By.id("mode")).getText()).isEqualTo("All services normal");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("exposure-text"), "Offline refunds today"));
            assertThat(browser.findElement(By.id("exposure-text")).getText())
                    .isEqualTo("Offline refunds today: £0.00 of £2,000.00 (0%). No refunds owed to customers' cards.");
            assertThat(browser.findElement(By.id("giftcard-text")).getText())
                    .isEqualTo("Gift cards are not set up in this store (no gift-card key).");

            central.set(CentralService.ORDERS, Condition.blackhole());
            for (String order : new String[]{"CC-100001", "CC-100002"}) {
                HttpCalls.postJson(base + "/api/v1/orders/" + order + "/collections",
                        "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1}], \"verification\": \"ID_SEEN\"}",
                        "Authorization", colleague, "Idempotency-Key", "browser-" + order);
            }

            wait.until(ExpectedConditions.textToBe(By.cssSelector("#capability-ORDERS .state"), "DEGRADED"));
            assertThat(browser.findElement(By.id("mode")).getText()).isEqualTo("degraded");
            assertThat(browser.findElement(By.id("customer-message")).getText()).contains("Click & collect is open as usual");
            assertThat(browser.findElement(By.id("transitions")).getText()).contains("ONLINE → DEGRADED");
            Files.write(Path.of("target", "status-degraded.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

            browser.get(base + "/desk");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-id"))).sendKeys(TestStores.COLLEAGUE);
            browser.findElement(By.id("pin")).sendKeys(TestStores.PIN, Keys.ENTER);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mode"), "Head office is not answering"));

            central.set(CentralService.ORDERS, Condition.healthy());
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mode"),
                    "Orders are checked with head office"));

            browser.get(base + "/status");
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#capability-ORDERS .state"), "ONLINE"));
            assertThat(browser.findElement(By.id("transitions")).getText()).contains("DEGRADED → ONLINE");
        }
    }

    /** Store 0421's orders at central and in the store's file. */
    private DemoDataset seededDataset(int orders) {
        DemoDataset dataset = DemoDataset.generate("0421", new DemoDataset.Size(orders, 1, 1), 9L, TestClocks.TICKING);
        TestStores.seed(folder.resolve("holdfast.db"), dataset.orders().stream().map(DemoDataset.DemoOrder::order).toList());
        return dataset;
    }

    /** The seeded store against central-sim, its breakers set for the test. */
    private Gateway storeAgainst(CentralSimulator central, ResilienceSettings resilience) {
        return Gateway.start(TestStores.settingsFor(folder.resolve("holdfast.db")).withStoreId("0421")
                .withCentral(TestStores.centralOf(central)).withResilience(resilience), TestClocks.TICKING);
    }
}
