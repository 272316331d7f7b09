package io.holdfast.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for the page tests, with its driver given explicitly so Selenium
 * downloads nothing. Where Chromium is missing the test is skipped, and the reason printed.
 */
public final class TestBrowser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profile;
    private final WebDriver driver;

    private TestBrowser(Path profile, WebDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    public static TestBrowser start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String reason = "Browser tests skipped: install Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver); .ci/run does this in CI.";
            System.err.println(reason);
            Assumptions.abort(reason);
        }
        Path profile = Files.createTempDirectory("holdfast-chromium-profile");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,800", "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new TestBrowser(profile, new ChromeDriver(service, options));
    }

    public WebDriver driver() {
        return driver;
    }

    /** The WCAG rule sets axe-core checks: 2.0, 2.1 and 2.2, levels A and AA. */
    private static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    /**
     * Runs axe-core (vendored from the npm registry under {@code axe/}, MPL-2.0) on the page as it is
     * now, and fails with each WCAG 2.2 AA violation it finds, naming the elements.
     */
    public static void assertAccessible(WebDriver driver, String what) {
        JavascriptExecutor page = (JavascriptExecutor) driver;
        page.executeScript(AXE.get());
        Object violations = page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: "tag", values: arguments[0]}})
                  .then(result => done(result.violations.map(v => v.id + ": " + v.help + " at "
                      + v.nodes.map(n => n.target.join(" ")).join(", "))))
                  .catch(e => done(["axe-core could not run: " + e]));""", WCAG_22_AA);
        assertThat((List<?>) violations).as("axe-core's WCAG 2.2 AA violations on " + what).isEmpty();
    }

    private static final Supplier<String> AXE = memoize(() -> {
        try (InputStream in = TestBrowser.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe/axe.min.js is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read axe-core", e);
        }
    });

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        Object[] held = new Object[1];
        return () -> {
            synchronized (held) {
                if (held[0] == null) {
                    held[0] = supplier.get();
                }
                @SuppressWarnings("unchecked")
                T value = (T) held[0];
                return value;
            }
        };
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
