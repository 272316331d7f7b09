package io.holdfast.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.holdfast.gateway.config.ReturnsSettings;
import io.holdfast.mode.Capability;
import io.holdfast.mode.IsolationSource;
import io.holdfast.giftcard.CardFingerprinter;
import io.holdfast.giftcard.CardNumber;
import io.holdfast.giftcard.CardPin;
import io.holdfast.giftcard.GiftCardBalance;
import io.holdfast.giftcard.SqliteGiftCardBalances;
import io.holdfast.money.Money;
import io.holdfast.outbox.Outbox;
import io.holdfast.receipt.Receipt;
import io.holdfast.receipt.ReceiptId;
import io.holdfast.receipt.ReceiptLine;
import io.holdfast.receipt.ReceiptPosting;
import io.holdfast.receipt.Tender;
import io.holdfast.staff.Role;
import io.holdfast.staff.StaffDirectory;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.TestClocks;

/**
 * The self-serve returns kiosk in real headless Chromium: a customer returns an item while REFUNDS
 * is isolated, chooses store credit and sees the voucher; an idle screen clears itself and its session.
 */
class KioskBrowserIT {

    private static final String RECEIPT = "0421-02-20261119-0007";
    private static final String GIFT_CARD = io.holdfast.central.demo.GiftCardNumbers.number(5);
    private static final String GIFT_CARD_PIN = "6402";
    private static PrintingStore store;
    private static WebDriver browser;
    private static WebDriverWait wait;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        store = PrintingStore.start("kiosk-browser", "kiosk-1-printer", KioskBrowserIT::seed, settings -> settings
                .withStoreId("0421")
                .withDesk(TestStores.desk().withDevice("kiosk-1", Role.KIOSK, StaffDirectory.sha256("kiosk-secret")))
                .withReturns(ReturnsSettings.defaults()
                        .withGiftCardKey(GiftCardHttpTest.KEY)
                        .withKioskIdleTimeout(Duration.ofSeconds(2))));
        store.gateway.services().board().isolate(List.of(Capability.REFUNDS), IsolationSource.REGIONAL_IT,
                "regional-it", "incident at head office");
        browser = store.browser();
        wait = store.wait;
        base = store.base;
    }

    /** A card sale of a shirt (returnable) and chocolates (food: not), three days ago. */
    private static void seed(Path file) {
        TestStores.seed(file, List.of());
        try (Database database = Database.open(DatabaseSettings.of(file))) {
            new ReceiptPosting(database, new Outbox(database)).post(new Receipt(new ReceiptId(RECEIPT), "02",
                    TestClocks.TICKING.instant().minus(Duration.ofDays(3)),
                    List.of(new ReceiptLine(1, "5001001", "Linen shirt, blue, M", 1, Money.of(2950, "GBP"), "CLOTHING"),
                            new ReceiptLine(2, "5005001", "Chocolate selection box", 1, Money.of(800, "GBP"), "FOOD")),
                    List.of(new Tender(Tender.Kind.CARD, Money.of(3750, "GBP"), "VISA ****1234")), Optional.empty()));
            CardFingerprinter cards = new CardFingerprinter(GiftCardHttpTest.KEY);
            CardNumber card = new CardNumber(GIFT_CARD);
            new SqliteGiftCardBalances(database).putAll(List.of(new GiftCardBalance(cards.fingerprint(card),
                    card.lastFour(), Money.of(4500, "GBP"), TestClocks.TICKING.instant().minus(Duration.ofHours(5)),
                    Optional.of(cards.pinCheck(card, new CardPin(GIFT_CARD_PIN))), false)));
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aCustomerReturnsAShirtWhileRefundsIsIsolatedAndTakesStoreCredit() throws IOException {
        openKiosk();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "refund service is unavailable"));

        WebElement purchase = browser.findElement(By.id("purchase"));
        assertThat(browser.switchTo().activeElement()).as("the scanner's input goes to the purchase box").isEqualTo(purchase);
        purchase.sendKeys(RECEIPT, Keys.ENTER);

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pick-1")));
        assertThat(browser.findElement(By.id("line-list")).getText())
                .contains("Bought 3 days ago; returns are accepted for 35 days.")
                .contains("Items of this kind (FOOD) cannot be returned.");
        assertThat(browser.findElements(By.id("pick-2"))).as("food cannot be picked").isEmpty();
        browser.findElement(By.id("pick-1")).click();
        new Select(browser.findElement(By.id("reason-1"))).selectByValue("wrong-size");
        browser.findElement(By.id("q-1-unused-yes")).click();
        browser.findElement(By.id("to-refund")).click();

        WebElement storeCredit = wait.until(ExpectedConditions.elementToBeClickable(By.id("method-STORE_CREDIT")));
        assertThat(browser.findElement(By.id("refund-total")).getText()).isEqualTo("Refund: £29.50");
        assertThat(browser.findElement(By.id("method-ORIGINAL_TENDER")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("method-DEFERRED_TO_ORIGINAL_TENDER")).isEnabled()).isTrue();
        storeCredit.click();
        browser.findElement(By.id("confirm")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("done-message"), "Your store credit of £29.50"));
        WebElement preview = wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("receipt-preview"),
                "STORE CREDIT VOUCHER")) ? browser.findElement(By.id("receipt-preview")) : null;
        assertThat(preview.getText()).contains("RETURN").contains(RECEIPT).contains("Linen shirt, blue, M x1");
        assertThat(preview.findElements(By.tagName("img"))).as("the card's QR code is on the paper only").isEmpty();
        assertThat(preview.getText()).contains("QR code of card ••••").contains("PIN ••••••")
                .doesNotContainPattern("[0-9]{4} [0-9]{4} [0-9]{4} [0-9]{4}");
        Files.write(Path.of("target", "kiosk-store-credit.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void anIdleKioskClearsTheCustomersScreenAndSession() {
        openKiosk();
        browser.findElement(By.id("purchase")).sendKeys(RECEIPT, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("line-list")));
        String customersSession = session();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("start")));

        assertThat(browser.findElement(By.id("lines")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("purchase")).getAttribute("value")).isEmpty();
        assertThat(browser.findElement(By.id("line-list")).getText()).isEmpty();
        wait.until(driver -> !customersSession.equals(session()));
        assertThat(HttpCalls.postJson(base + "/api/v1/returns/quotes", "{\"receiptId\": \"" + RECEIPT + "\"}",
                "Authorization", "Bearer " + customersSession).statusCode())
                .as("the idle customer's session no longer works").isEqualTo(401);
    }

    @Test
    void aCustomerChecksAGiftCardBalanceFromTheStoresCopyWhenHeadOfficeDoesNotAnswer() throws IOException {
        openKiosk();
        browser.findElement(By.id("to-giftcard")).click();
        WebElement number = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("giftcard-number")));
        number.sendKeys(GIFT_CARD);
        browser.findElement(By.id("giftcard-pin")).sendKeys("0000", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "That PIN is wrong"));

        browser.findElement(By.id("giftcard-pin")).sendKeys(GIFT_CARD_PIN, Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("giftcard-balance"),
                "Your card ending " + GIFT_CARD.substring(15) + " holds £45.00."));
        assertThat(browser.findElement(By.id("giftcard-note")).getText()).contains("head office systems are offline");
        assertThat(browser.findElement(By.id("giftcard-number")).getAttribute("value")).as("the number is cleared").isEmpty();
        assertThat(browser.findElement(By.id("giftcard-pin")).getAttribute("value")).isEmpty();
        Files.write(Path.of("target", "kiosk-gift-card.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        browser.get(base + "/status");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("giftcard-text"),
                "Offline gift-card redemptions today: £0.00 of £2,000.00 (0%). No overdrawn cards."));
    }

    private static void openKiosk() {
        browser.get(base + "/kiosk#device=kiosk-1&token=kiosk-secret");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("purchase")));
    }

    private static String session() {
        return String.valueOf(((JavascriptExecutor) browser).executeScript(
                "return sessionStorage.getItem('holdfast.kiosk.session');"));
    }
}
