package io.holdfast.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.holdfast.audit.AuditLog;
import io.holdfast.exceptions.ExceptionKind;
import io.holdfast.exceptions.ManagerExceptions;
import io.holdfast.gateway.config.ReturnsSettings;
import io.holdfast.mode.Capability;
import io.holdfast.mode.IsolationSource;
import io.holdfast.money.Money;
import io.holdfast.report.DayReport;
import io.holdfast.staff.Role;
import io.holdfast.staff.StaffDirectory;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.TestBrowser;
import io.holdfast.testing.TestClocks;

/**
 * Issue 15, item 10: the desk does what the API already does for colleagues. A supervisor answers a
 * kiosk's call, makes an assisted return while refunds are isolated, sees the refund owed, and checks
 * and takes a payment from a gift card, in real Chromium.
 */
class DeskTasksBrowserIT {

    private static final String RECEIPT = "0421-03-20261120-0042";
    /** Bought 40 days ago: past the 35-day window, unless a supervisor makes an exception. */
    private static final String OLD_RECEIPT = "0421-03-20261015-0007";
    private static final String GIFT_CARD = io.holdfast.central.demo.GiftCardNumbers.number(7);
    private static final String GIFT_CARD_PIN = "4321";
    private static PrintingStore store;
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        store = PrintingStore.start("desk-tasks", "desk-1-printer", DeskTasksBrowserIT::seed, settings -> settings
                .withStoreId("0421")
                .withDesk(TestStores.desk().withDevice("kiosk-1", Role.KIOSK, StaffDirectory.sha256("kiosk-secret")))
                .withReturns(ReturnsSettings.defaults().withGiftCardKey(GiftCardHttpTest.KEY)));
        store.gateway.services().board().isolate(List.of(Capability.REFUNDS), IsolationSource.REGIONAL_IT,
                "regional-it", "incident at head office");
        browser = store.browser();
        wait = store.wait;
        browser.get(store.base + "/desk");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-id"))).sendKeys(TestStores.SUPERVISOR);
        browser.findElement(By.id("pin")).sendKeys(TestStores.PIN, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search")));
    }

    /**
     * A card sale of a shirt two days ago, a gift card in the store's copy, and the morning's changes
     * of mode as the board writes them to the audit log: orders degraded for 40 minutes from 06:10,
     * refunds isolated by regional IT from 07:00 (the test isolates them again when it starts).
     */
    private static void seed(Path file) {
        try (Database database = Database.open(DatabaseSettings.of(file))) {
            AuditLog audit = new AuditLog(database);
            transition(audit, 6, 10, "ORDERS", "ONLINE", "DEGRADED", "gateway");
            transition(audit, 6, 50, "ORDERS", "DEGRADED", "ONLINE", "gateway");
            transition(audit, 7, 0, "REFUNDS", "ONLINE", "ISOLATED", "regional-it");
        }
        StoreFixtures.in(file)
                .cardSale(RECEIPT, 2, StoreFixtures.line(1, "5001001", "Linen shirt, blue, M", 2, 2950, "CLOTHING"))
                .cardSale(OLD_RECEIPT, 40, StoreFixtures.line(1, "5002001", "Wool coat, navy, L", 1, 8900, "CLOTHING"))
                .giftCard(GiftCardHttpTest.KEY, GIFT_CARD, GIFT_CARD_PIN, Money.of(4500, "GBP"), 2);
    }

    private static void transition(AuditLog audit, int hour, int minute, String capability, String from, String to,
                                   String actor) {
        audit.append(TestClocks.today().atTime(hour, minute).atZone(TestClocks.ZONE).toInstant(), actor,
                "capability." + to.toLowerCase(java.util.Locale.ROOT), capability, Map.of("from", from, "to", to,
                        "reason", "earlier today"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aKiosksCallShowsOnTheDeskUntilAColleagueSaysTheyAreOnTheirWay() {
        String kiosk = TestStores.signInDevice(store.base, "kiosk-1", "kiosk-secret");
        HttpCalls.postJson(store.base + "/api/v1/help-calls", "{\"screen\": \"lines\"}", "Authorization", kiosk);

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("help-list"),
                "kiosk-1: a customer choosing items"));
        TestBrowser.assertAccessible(browser, "the desk with a call for a colleague");
        browser.findElement(By.cssSelector("#help-list button")).click();

        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("help-calls")));
        assertThat(store.gateway.services().helpCalls.open()).isEmpty();
    }

    @Test
    void aSupervisorMakesAnAssistedReturnAndSeesTheRefundOwed() throws IOException {
        showTask("returns");
        assertThat(browser.findElement(By.id("override-field")).isDisplayed()).as("a supervisor may make an exception")
                .isTrue();
        browser.findElement(By.id("return-purchase")).clear();
        browser.findElement(By.id("return-purchase")).sendKeys(RECEIPT, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("return-lines")));
        new Select(browser.findElement(By.id("return-qty-1"))).selectByValue("1");
        new Select(browser.findElement(By.id("return-reason-1"))).selectByValue("faulty");
        browser.findElement(By.id("return-quote")).click();
        wait.until(ExpectedConditions.textToBe(By.id("return-message"), "Please answer the question about Linen shirt, blue, M."));

        new Select(browser.findElement(By.id("return-q-1-unused"))).selectByValue("yes");
        browser.findElement(By.id("return-quote")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("return-options")));
        assertThat(browser.findElement(By.id("return-total")).getText()).isEqualTo("Refund: £29.50");
        assertThat(browser.findElement(By.id("return-method-ORIGINAL_TENDER")).isEnabled())
                .as("refunds are isolated: not to the card now").isFalse();
        TestBrowser.assertAccessible(browser, "the desk's refund options");
        browser.findElement(By.id("return-method-DEFERRED_TO_ORIGINAL_TENDER")).click();
        browser.findElement(By.id("return-make")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("return-message"), "made."));
        assertThat(browser.findElement(By.id("return-result")).getText()).contains("£29.50");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("return-receipt"), "RETURN"));

        showTask("refunds");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("refunds-summary"), "1 refund(s) owed"));
        assertThat(browser.findElement(By.id("refunds-rows")).getText()).contains("£29.50").contains("VISA ****1234");
        TestBrowser.assertAccessible(browser, "the desk's refunds owed");
        Files.write(Path.of("target", "desk-refunds-owed.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aSupervisorsExceptionWithItsReasonLetsACoatPastTheWindowComeBack() {
        showTask("returns");
        browser.findElement(By.id("return-purchase")).clear();
        browser.findElement(By.id("return-purchase")).sendKeys(OLD_RECEIPT, Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("return-rows"), "returns are accepted for 35 days"));
        assertThat(browser.findElement(By.id("return-quote")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.id("return-qty-1"))).as("past the window: nothing to choose").isEmpty();

        browser.findElement(By.id("override-reason")).sendKeys("Customer was in hospital; agreed with the manager");
        browser.findElement(By.id("return-look")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("return-qty-1")));
        assertThat(browser.findElement(By.id("return-rows")).getText()).contains("1 of 1");
        assertThat(browser.findElement(By.id("return-quote")).isDisplayed()).isTrue();
    }

    @Test
    void aColleagueChecksAGiftCardAndTakesAPaymentFromIt() throws IOException {
        showTask("giftcards");
        browser.findElement(By.id("gc-number")).sendKeys(GIFT_CARD);
        browser.findElement(By.id("gc-pin")).sendKeys(GIFT_CARD_PIN, Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gc-result"), "£45.00"));
        assertThat(browser.findElement(By.id("gc-pin")).getAttribute("value")).as("the PIN is cleared").isEmpty();

        browser.findElement(By.id("gc-amount")).sendKeys("12.5");
        browser.findElement(By.id("gc-redeem")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gc-message"), "PIN"));
        browser.findElement(By.id("gc-pin")).sendKeys(GIFT_CARD_PIN);
        browser.findElement(By.id("gc-redeem")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gc-message"), "Took £12.50"));
        assertThat(browser.findElement(By.id("gc-result")).getText()).isEqualTo("Left on the card: £32.50");
        assertThat(browser.findElement(By.id("gc-number")).getAttribute("value")).isEmpty();
        TestBrowser.assertAccessible(browser, "the desk's gift cards");
        Files.write(Path.of("target", "desk-gift-card.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void theManagerReadsTheDaysReportPrintsItOnTheReceiptPrinterAndSignsItOff() throws IOException {
        browser.findElement(By.id("day-report-link")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline svg")));

        DayReport report = store.gateway.services().reports.report(store.gateway.services().reports.today());
        assertThat(browser.findElements(By.cssSelector("#timeline svg g.segment"))).as("a stretch at least per capability")
                .hasSizeGreaterThanOrEqualTo(report.time().size());
        assertThat(browser.findElement(By.cssSelector("#timeline svg")).getText()).contains("Refunds", "ISOLATED");
        assertThat(browser.findElement(By.id("time")).findElements(By.tagName("tr"))).hasSize(report.time().size());
        DayReport.Tally owed = report.offline().refundsOwed();
        assertThat(browser.findElement(By.id("offline")).getText()).contains("Deferred refunds still owed (all days) "
                + owed.count() + " · " + owed.amount().display());
        TestBrowser.assertAccessible(browser, "the end-of-day report");
        Files.write(Path.of("target", "day-report.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        int printedBefore = store.printer.printed().size();
        browser.findElement(By.id("print-receipt")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Sent to printer desk-1-printer"));
        wait.until(driver -> store.printer.printed().size() > printedBefore);
        assertThat(store.printer.printed().getLast().text()).contains("END OF DAY", "Refunds owed now",
                owed.count() + " " + owed.amount().display());

        browser.findElement(By.id("signoff-note")).sendKeys("Deferred refunds checked against the till roll.");
        browser.findElement(By.id("sign-off")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signed"), "Signed off by S2001"));
        assertThat(browser.findElement(By.id("signoff-form")).isDisplayed()).isFalse();

        browser.get(store.base + "/desk");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search")));
    }

    @Test
    void aSupervisorAssignsAnExceptionNotesItWritesItOffAndReadsItsHistory() {
        store.gateway.services().database.inTransaction("raise", connection -> {
            ManagerExceptions.raise(connection, ExceptionKind.ORDER_CANCELLED_AFTER_COLLECTION, "CC-200001",
                    "Head office cancelled CC-200001 after it was handed over.", TestClocks.TICKING.instant());
            return null;
        });
        String id = store.gateway.services().exceptions.open(ExceptionKind.ORDER_CANCELLED_AFTER_COLLECTION)
                .getFirst().exceptionId();
        showTask("exceptions");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("exception-" + id)));
        TestBrowser.assertAccessible(browser, "the desk's exceptions");

        browser.findElement(By.id("assign-" + id)).sendKeys("S1001");
        browser.findElement(By.xpath("//li[@id='exception-" + id + "']//button[text()='Assign']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("exception-" + id), "with S1001"));
        browser.findElement(By.id("note-" + id)).sendKeys("Customer kept the shirt; agreed with head office.");
        browser.findElement(By.xpath("//li[@id='exception-" + id + "']//button[text()='Write off']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("exception-" + id),
                "resolved by S2001: WRITE_OFF: Customer kept the shirt"));
        assertThat(browser.findElement(By.id("exceptions-summary")).getText()).startsWith("Saved.");

        browser.findElement(By.cssSelector("#exception-" + id + " summary")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#exception-" + id + " ol"),
                "resolved"));
        assertThat(browser.findElement(By.cssSelector("#exception-" + id + " ol")).findElements(By.tagName("li")))
                .hasSize(4);
    }

    private static void showTask(String task) {
        browser.findElement(By.cssSelector(".tasks [data-task=" + task + "]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("task-" + task)));
    }
}
