package io.holdfast.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.holdfast.gateway.config.DeviceSettings;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.hardware.printer.EscPosPrinterSimulator;
import io.holdfast.testing.TestBrowser;
import io.holdfast.testing.TestClocks;

/**
 * For page tests: headless Chromium, a store file in a temporary folder, a gateway on a free port
 * and one simulated receipt printer on a local socket, closed in the reverse order.
 */
final class PrintingStore implements AutoCloseable {

    final TestBrowser chromium;
    final Path folder;
    final EscPosPrinterSimulator printer;
    final Gateway gateway;
    final WebDriverWait wait;
    final String base;

    private PrintingStore(TestBrowser chromium, Path folder, EscPosPrinterSimulator printer, Gateway gateway) {
        this.chromium = chromium;
        this.folder = folder;
        this.printer = printer;
        this.gateway = gateway;
        this.wait = new WebDriverWait(chromium.driver(), Duration.ofSeconds(15));
        this.base = "http://127.0.0.1:" + gateway.port();
    }

    interface Seed {
        void into(Path databaseFile) throws IOException;
    }

    /** Seeds the store file, then starts a gateway with {@code printerId} and whatever {@code settings} adds. */
    static PrintingStore start(String name, String printerId, Seed seed, UnaryOperator<GatewaySettings> settings)
            throws IOException {
        TestBrowser chromium = TestBrowser.start();
        Path folder = Files.createTempDirectory("holdfast-" + name);
        EscPosPrinterSimulator printer = EscPosPrinterSimulator.start(0);
        try {
            Path database = folder.resolve("holdfast.db");
            seed.into(database);
            Gateway gateway = Gateway.start(settings.apply(TestStores.settingsFor(database)
                    .withDevices(new DeviceSettings(folder.resolve("spool"),
                            List.of(new DeviceSettings.Printer(printerId, "127.0.0.1", printer.address().getPort(), 48)),
                            List.of(), List.of()))), TestClocks.TICKING);
            return new PrintingStore(chromium, folder, printer, gateway);
        } catch (RuntimeException | IOException e) {
            printer.close();
            chromium.close();
            TestStores.deleteFolder(folder);
            throw e;
        }
    }

    WebDriver browser() {
        return chromium.driver();
    }

    @Override
    public void close() throws IOException {
        chromium.close();
        gateway.close();
        printer.close();
        TestStores.deleteFolder(folder);
    }
}
