package io.holdfast.gateway;

import static io.holdfast.gateway.StoreFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
import io.holdfast.money.Money;
import io.holdfast.staff.Role;
import io.holdfast.staff.StaffDirectory;
import io.holdfast.testing.TestBrowser;

/**
 * The self-serve returns kiosk in real headless Chromium: a customer returns an item while REFUNDS
 * is isolated, chooses store credit and sees the voucher; an idle screen clears itself and its session.
 */
class KioskBrowserIT {

    private static final String RECEIPT = "0421-02-20261119-0007";
    /** Two identical socks and a scarf, all returned already by the time a test opens it. */
    private static final String RETURNED = "0421-02-20261119-0008";
    /** A scarf nobody returns: for the screens that stop before a return. */
    private static final String KEPT = "0421-02-20261119-0009";
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
                        .withKioskIdleTimeout(Duration.ofSeconds(4))));
        store.gateway.services().board().isolate(List.of(Capability.REFUNDS), IsolationSource.REGIONAL_IT,
                "regional-it", "incident at head office");
        browser = store.browser();
        wait = store.wait;
        base = store.base;
    }

    /** A card sale of a shirt (returnable) and chocolates (food: not), three days ago. */
    private static void seed(Path file) {
        StoreFixtures.in(file)
                .cardSale(RECEIPT, 3, line(1, "5001001", "Linen shirt, blue, M", 1, 2950, "CLOTHING"),
                        line(2, "5005001", "Chocolate selection box", 1, 800, "FOOD"))
                .cardSale(RETURNED, 2, line(1, "5003001", "Wool socks, grey", 1, 900, "CLOTHING"),
                        line(2, "5003002", "Wool socks, grey", 1, 900, "CLOTHING"))
                .cardSale(KEPT, 1, line(1, "5004001", "Wool scarf, red", 1, 1500, "CLOTHING"))
                .giftCard(GiftCardHttpTest.KEY, GIFT_CARD, GIFT_CARD_PIN, Money.of(4500, "GBP"), 5);
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

        int printedBefore = store.printer.printed().size();
        WebElement purchase = browser.findElement(By.id("purchase"));
        assertThat(browser.switchTo().activeElement()).as("the scanner's input goes to the purchase box").isEqualTo(purchase);
        purchase.sendKeys(RECEIPT, Keys.ENTER);

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pick-1")));
        assertThat(browser.findElement(By.id("line-list")).getText())
                .contains("Bought 3 days ago; returns are accepted for 35 days.")
                .contains("Items of this kind (FOOD) cannot be returned.");
        assertThat(browser.findElements(By.id("pick-2"))).as("food cannot be picked").isEmpty();
        assertThat(currentStep()).isEqualTo("Choose items");
        assertThat(browser.findElement(By.id("line-list")).getText()).contains("Item code 5001001, line 1 on your receipt");
        TestBrowser.assertAccessible(browser, "the kiosk's lines");

        browser.findElement(By.id("to-refund")).click();
        wait.until(ExpectedConditions.textToBe(By.id("message"), "Choose at least one item to return."));
        assertThat(browser.findElement(By.id("refund")).isDisplayed()).as("no refund for nothing chosen").isFalse();

        browser.findElement(By.id("pick-1")).click();
        new Select(browser.findElement(By.id("reason-1"))).selectByValue("wrong-size");
        browser.findElement(By.id("to-refund")).click();
        wait.until(ExpectedConditions.textToBe(By.id("message"), "Please answer the question about Linen shirt, blue, M."));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("the question to answer has the focus")
                .isEqualTo("q-1-unused-yes");
        assertThat(browser.findElement(By.id("lines")).isDisplayed()).as("asked, not sent to the desk").isTrue();

        browser.findElement(By.id("q-1-unused-yes")).click();
        browser.findElement(By.id("to-refund")).click();

        WebElement storeCredit = wait.until(ExpectedConditions.elementToBeClickable(By.id("method-STORE_CREDIT")));
        assertThat(currentStep()).isEqualTo("Choose your refund");
        assertThat(browser.findElement(By.id("refund-total")).getText()).isEqualTo("Refund: £29.50");
        assertThat(browser.findElement(By.id("method-ORIGINAL_TENDER")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("method-DEFERRED_TO_ORIGINAL_TENDER")).isEnabled()).isTrue();
        browser.findElement(By.id("to-review")).click();
        wait.until(ExpectedConditions.textToBe(By.id("message"), "Choose how you would like your money back."));
        storeCredit.click();
        browser.findElement(By.id("to-review")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("review")));
        assertThat(currentStep()).isEqualTo("Check and confirm");
        assertThat(browser.findElement(By.id("review-items")).getText())
                .isEqualTo("1 × Linen shirt, blue, M: Wrong size or fit");
        assertThat(browser.findElement(By.id("review-refund")).getText()).startsWith("Store credit now").endsWith("£29.50");
        assertThat(store.printer.printed()).as("nothing is done before the customer confirms").hasSize(printedBefore);
        TestBrowser.assertAccessible(browser, "the kiosk's review");
        Files.write(Path.of("target", "kiosk-review.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        browser.findElement(By.id("confirm")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("done-message"), "Your store credit of £29.50"));
        WebElement preview = wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("receipt-preview"),
                "STORE CREDIT VOUCHER")) ? browser.findElement(By.id("receipt-preview")) : null;
        assertThat(preview.getText()).contains("RETURN").contains(RECEIPT).contains("Linen shirt, blue, M x1");
        assertThat(preview.findElements(By.tagName("img"))).as("the card's QR code is on the paper only").isEmpty();
        assertThat(preview.getText()).contains("QR code of card ••••").contains("PIN ••••••")
                .doesNotContainPattern("[0-9]{4} [0-9]{4} [0-9]{4} [0-9]{4}");
        assertThat(browser.findElement(By.id("done-printing")).getText()).isEqualTo("Please take your receipt from the printer.");
        assertThat(store.printer.printed()).as("on the kiosk's own printer").hasSize(printedBefore + 1);
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
        String mistyped = GIFT_CARD.substring(0, GIFT_CARD.length() - 1) + ((GIFT_CARD.charAt(GIFT_CARD.length() - 1) - '0' + 1) % 10);
        number.sendKeys(mistyped);
        browser.findElement(By.id("giftcard-pin")).sendKeys(GIFT_CARD_PIN, Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("message"),
                "That card number doesn't look right. Check the long number on the back of your card and try again."));
        number.clear();
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

    @Test
    void aFullyReturnedReceiptSaysNothingCanComeBackAndIdenticalLinesAreToldApart() {
        String kiosk = TestStores.kiosk(base);
        for (int line = 1; line <= 2; line++) {
            assertThat(HttpCalls.postJson(base + "/api/v1/returns", """
                    {"receiptId": "%s", "refundMethod": "STORE_CREDIT",
                     "lines": [{"lineNumber": %d, "quantity": 1, "reason": "changed-mind", "answers": {"unused": true}}]}
                    """.formatted(RETURNED, line), "Authorization", kiosk, "Idempotency-Key", "sock-" + line).statusCode())
                    .isEqualTo(201);
        }
        openKiosk();
        browser.findElement(By.id("purchase")).sendKeys(RETURNED, Keys.ENTER);

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Nothing on this receipt"));
        assertThat(browser.findElement(By.id("line-list")).getText())
                .contains("Item code 5003001, line 1 on your receipt").contains("Item code 5003002, line 2 on your receipt")
                .contains("Already returned (1).");
        assertThat(browser.findElement(By.id("to-refund")).isDisplayed()).as("no Continue to a refund of £0.00").isFalse();
        TestBrowser.assertAccessible(browser, "the kiosk with nothing to return");
    }

    @Test
    void aCustomerCanCallAColleagueFromAnyScreenAndIsAskedIfStillThereBeforeTheScreenClears() {
        openKiosk();
        browser.findElement(By.id("purchase")).sendKeys(KEPT, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pick-1")));
        for (String id : new String[]{"pick-1", "q-1-unused-yes"}) {
            WebElement row = browser.findElement(By.id(id)).findElement(By.xpath("./ancestor::label"));
            assertThat(row.getSize().getHeight()).as(id + "'s row, in CSS px").isGreaterThanOrEqualTo(44);
            assertThat(row.getSize().getWidth()).isGreaterThanOrEqualTo(44);
        }

        browser.findElement(By.id("call-colleague")).click();
        wait.until(ExpectedConditions.textToBe(By.id("help-status"), "A colleague is on the way. Please wait here."));
        String colleague = TestStores.signIn(base, TestStores.COLLEAGUE);
        assertThat(HttpCalls.json(HttpCalls.get(base + "/api/v1/help-calls", "Authorization", colleague))
                .path("calls").toString()).contains("\"caller\":\"kiosk-1\"").contains("\"screen\":\"lines\"");

        WebElement warning = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("idle-warning")));
        assertThat(warning.getText()).contains("Still there? This screen clears in a moment.");
        TestBrowser.assertAccessible(browser, "the kiosk asking if the customer is still there");
        browser.findElement(By.id("still-here")).click();
        assertThat(browser.findElement(By.id("idle-warning")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("lines")).isDisplayed()).as("the customer stays where they were").isTrue();
    }

    @Test
    void aCustomerSwitchesToWelshForTheirVisitAndTheNextCustomerStartsInEnglish() throws IOException {
        openKiosk();
        WebElement welsh = browser.findElement(By.id("language-switch"));
        assertThat(welsh.getText()).isEqualTo("Cymraeg");
        assertThat(welsh.getAttribute("lang")).isEqualTo("cy");
        welsh.click();

        wait.until(ExpectedConditions.textToBe(By.id("start-title"), "Dychwelyd rhywbeth"));
        assertThat(browser.findElement(By.id("notice")).getText()).as("refunds are isolated: the notice in Welsh too")
                .startsWith("Nid yw ein gwasanaeth ad-dalu ar gael");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("cy");
        assertThat(browser.findElement(By.id("language-switch")).getText()).isEqualTo("English");
        TestBrowser.assertAccessible(browser, "the kiosk's first screen in Welsh");
        browser.findElement(By.id("purchase")).sendKeys(KEPT, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pick-1")));
        assertThat(browser.findElement(By.id("line-list")).getText()).as("the gateway's decisions come in Welsh too")
                .contains("Prynwyd 1 diwrnod yn ôl; derbynnir dychweliadau am 35 diwrnod.")
                .contains("Cod eitem 5004001, llinell 1 ar eich derbynneb");
        assertThat(currentStep()).isEqualTo("Dewis eitemau");
        Files.write(Path.of("target", "kiosk-welsh.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        browser.findElement(By.cssSelector("#lines .restart")).click();
        wait.until(ExpectedConditions.textToBe(By.id("start-title"), "Return something"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en-GB");
        assertThat(browser.findElement(By.id("language-switch")).getText()).isEqualTo("Cymraeg");
    }

    private static String currentStep() {
        return browser.findElement(By.cssSelector("#steps [aria-current=step]")).getText().replaceFirst("^\\d+\\.\\s*", "");
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
