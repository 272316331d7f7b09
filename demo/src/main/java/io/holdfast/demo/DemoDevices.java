package io.holdfast.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.holdfast.gateway.Gateway;
import io.holdfast.gateway.config.DeviceSettings;
import io.holdfast.hardware.printer.EscPosPrinterSimulator;
import io.holdfast.hardware.receipt.ReceiptDocument;
import io.holdfast.hardware.scan.LineScannerSimulator;

/**
 * The demo store's devices: the desk's receipt printer and scanner, and the returns kiosk's own
 * printer, simulated on local sockets so the gateway drives them with its real drivers, and a
 * simulated contactless terminal gate.
 */
final class DemoDevices implements AutoCloseable {

    static final String PRINTER = "desk-1-printer";
    /** The kiosk's own printer: a kiosk prints on {@code <kiosk id>-printer}. */
    static final String KIOSK_PRINTER = DemoSeeder.KIOSK_ID + "-printer";
    static final String SCANNER = "desk-1-scanner";
    static final String TERMINAL = "till-1-terminal";

    private final EscPosPrinterSimulator printer;
    private final EscPosPrinterSimulator kioskPrinter;
    private final LineScannerSimulator scanner;
    private final Path spool;

    private DemoDevices(EscPosPrinterSimulator printer, EscPosPrinterSimulator kioskPrinter, LineScannerSimulator scanner,
                        Path spool) {
        this.printer = printer;
        this.kioskPrinter = kioskPrinter;
        this.scanner = scanner;
        this.spool = spool;
    }

    static DemoDevices start(Path spool) {
        EscPosPrinterSimulator printer = EscPosPrinterSimulator.start(0);
        EscPosPrinterSimulator kioskPrinter = null;
        try {
            kioskPrinter = EscPosPrinterSimulator.start(0);
            return new DemoDevices(printer, kioskPrinter, LineScannerSimulator.start(0), spool);
        } catch (RuntimeException e) {
            printer.close();
            if (kioskPrinter != null) {
                kioskPrinter.close();
            }
            throw e;
        }
    }

    DeviceSettings settings() {
        String host = printer.address().getAddress().getHostAddress();
        return new DeviceSettings(spool,
                List.of(new DeviceSettings.Printer(PRINTER, host, printer.address().getPort(), 48),
                        new DeviceSettings.Printer(KIOSK_PRINTER, host, kioskPrinter.address().getPort(), 48)),
                List.of(new DeviceSettings.Scanner(SCANNER, host, scanner.address().getPort())),
                List.of(TERMINAL));
    }

    /** A first receipt, so the printer preview shows something real from the start. */
    static void printStoreOpen(Gateway gateway, String store, Clock clock) {
        String now = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm")
                .format(clock.instant().atZone(gateway.settings().zone()));
        gateway.devices().printer(PRINTER).ifPresent(printer -> printer.print(ReceiptDocument.builder()
                .title("HOLDFAST DEMO")
                .centred("Store " + store + " is open")
                .centred(now)
                .divider()
                .line("Click & collect, returns and gift cards")
                .line("keep working when head office does not.")
                .total("Printer test", "£0.00")
                .qr("http://localhost:8080/")
                .build()));
    }

    @Override
    public void close() {
        scanner.close();
        printer.close();
        kioskPrinter.close();
    }
}
