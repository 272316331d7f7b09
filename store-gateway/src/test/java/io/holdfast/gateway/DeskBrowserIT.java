package io.holdfast.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

import io.holdfast.testing.TestBrowser;

/**
 * The collection desk in real headless Chromium (Debian's chromium and chromium-driver): sign in,
 * scan an order number as a keyboard wedge does, hand over part of the order, see the receipt.
 */
class DeskBrowserIT {

    private static PrintingStore store;
    private static WebDriver browser;
    private static WebDriverWait wait;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        store = PrintingStore.start("desk-browser", "desk-1-printer", database -> TestStores.seed(database,
                List.of(TestStores.anOrder("CC-100001"), TestStores.anOrder("CC-100003"),
                        TestStores.overdueOrder("CC-100099"))), settings -> settings);
        browser = store.browser();
        wait = store.wait;
        base = store.base;
    }

    @AfterAll
    static void stop() throws IOException {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aColleagueSignsInScansAnOrderHandsOverPartOfItAndSeesTheReceipt() throws IOException {
        openDeskSignedIn();
        WebElement search = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search")));
        assertThat(browser.switchTo().activeElement()).as("the search box takes the scanner's input at once")
                .isEqualTo(search);

        search.sendKeys("CC-100001", Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("order-card")));
        assertThat(browser.findElement(By.id("order-title")).getText()).isEqualTo("CC-100001 · Jane Smith");
        assertThat(browser.findElement(By.id("parcels")).getText()).contains("shelf A3");

        Select verification = new Select(browser.findElement(By.id("verification")));
        assertThat(verification.getFirstSelectedOption().getAttribute("value"))
                .as("found by number, nobody checked anything yet").isEmpty();
        WebElement shirts = browser.findElement(By.id("line-qty-1"));
        assertThat(shirts.getAttribute("value")).as("nothing is handed over until chosen").isEqualTo("0");
        shirts.clear();
        shirts.sendKeys("1");
        browser.findElement(By.id("hand-over")).click();
        assertThat(browser.findElement(By.id("message")).getText()).as("not without a check").doesNotContain("Handed over");

        assertThat(verification.getOptions().stream().filter(o -> o.getAttribute("value").equals("QR_CODE"))
                .findFirst().orElseThrow().isEnabled()).as("no QR was scanned, so none can have checked out").isFalse();
        assertHandOverInView();
        verification.selectByValue("ID_SEEN");
        assertThat(browser.findElement(By.id("collector-field")).isDisplayed()).isFalse();
        new Select(browser.findElement(By.id("id-kind"))).selectByValue("PASSPORT");
        TestBrowser.assertAccessible(browser, "the desk with an order open");
        browser.findElement(By.id("hand-over")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Handed over 1 item(s)"));
        assertThat(browser.findElement(By.id("order-meta")).getText()).startsWith("partly collected");
        assertThat(browser.findElement(By.id("line-qty-1")).getAttribute("value")).as("the form does not re-arm")
                .isEqualTo("0");
        assertThat(new Select(browser.findElement(By.id("verification"))).getFirstSelectedOption().getAttribute("value"))
                .as("and asks again how they checked").isEmpty();
        WebElement preview = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("receipt-preview")));
        assertThat(preview.getText()).contains("CLICK & COLLECT").contains("Order CC-100001")
                .contains("1 item(s) still waiting");
        new Select(browser.findElement(By.id("verification"))).selectByValue("PROXY");
        new Select(browser.findElement(By.id("id-kind"))).selectByValue("DRIVING_LICENCE");
        browser.findElement(By.id("collector-name")).sendKeys("Sam O'Neill");
        assertHandOverInView();
        browser.findElement(By.id("hand-over")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Choose how many"));
        browser.findElement(By.id("line-qty-1")).clear();
        browser.findElement(By.id("line-qty-1")).sendKeys("1");
        browser.findElement(By.id("hand-over")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Handed over 1 item(s)"));
        assertThat(store.gateway.services().outbox().eventsFor("CC-100001")).extracting(e -> e.payloadJson())
                .satisfiesExactly(
                        first -> assertThat(first).contains("\"verification\":\"ID_SEEN\"", "\"photoId\":\"PASSPORT\"")
                                .doesNotContain("collector"),
                        second -> assertThat(second).contains("\"verification\":\"PROXY\"",
                                "\"photoId\":\"DRIVING_LICENCE\"", "\"collector\":\"Sam O'Neill\""));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mode"), "Head office"));

        Path shot = Path.of("target", "desk-after-hand-over.png");
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        WebElement box = browser.findElement(By.id("search"));
        box.clear();
        box.sendKeys("CC-100099", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("order-title"), "CC-100099"));
        assertThat(browser.findElement(By.id("receipt")).isDisplayed()).as("the last customer's receipt is gone")
                .isFalse();
        assertThat(browser.findElement(By.id("hand-over")).getCssValue("background-color"))
                .as("an expired order's Hand over looks disabled").isEqualTo("rgba(217, 222, 229, 1)");
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-id")));
        assertThat(browser.findElement(By.id("staff-id")).getAttribute("value")).isEmpty();
        assertThat(browser.findElement(By.id("message")).getText()).isEmpty();
    }

    /** Issue 15, item 10: units not collected are set aside with a reason, which travels to central. */
    @Test
    void aColleagueHandsOverOneAndRecordsTheOtherAsDeclined() {
        openDeskSignedIn();
        browser.findElement(By.id("search")).sendKeys("CC-100003", Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("line-aside-1")));
        browser.findElement(By.id("line-qty-1")).clear();
        browser.findElement(By.id("line-qty-1")).sendKeys("1");
        browser.findElement(By.id("line-aside-1")).clear();
        browser.findElement(By.id("line-aside-1")).sendKeys("1");
        new Select(browser.findElement(By.id("line-why-1"))).selectByValue("DECLINED");
        new Select(browser.findElement(By.id("verification"))).selectByValue("ID_SEEN");
        new Select(browser.findElement(By.id("id-kind"))).selectByValue("DRIVING_LICENCE");
        TestBrowser.assertAccessible(browser, "the desk with a line set aside");
        browser.findElement(By.id("hand-over")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "1 not collected"));
        assertThat(browser.findElement(By.id("order-meta")).getText()).startsWith("collected");
        assertThat(store.gateway.services().outbox().eventsFor("CC-100003")).singleElement()
                .satisfies(event -> assertThat(event.payloadJson())
                        .contains("\"notCollected\":[{\"lineNumber\":1,\"quantity\":1,\"reason\":\"DECLINED\"}]"));
    }

    /** Hand over is on screen in a 1280x800 window without scrolling, whatever the check asks for. */
    private static void assertHandOverInView() {
        assertThat(((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.getElementById('hand-over').getBoundingClientRect().bottom - window.innerHeight;"))
                .doubleValue()).as("Hand over is in view at 1280x800 without scrolling").isLessThanOrEqualTo(0);
    }

    /** Opens the desk in a new tab session, so each test signs in as a colleague would. */
    private static void openDeskSignedIn() {
        browser.get(base + "/desk");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-id"))).sendKeys(TestStores.COLLEAGUE);
        browser.findElement(By.id("pin")).sendKeys(TestStores.PIN, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search")));
    }

    @Test
    void theDeskShowsWhatToSendBackAndMarksItSent() {
        openDeskSignedIn();

        wait.until(ExpectedConditions.elementToBeClickable(By.id("show-rts"))).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rts-list"), "CC-100099"));
        browser.findElement(By.cssSelector("#rts-list button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "CC-100099 marked as sent back"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rts-list"), "Nothing to send back"));
    }
}
