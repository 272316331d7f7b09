package io.holdfast.gateway.devices;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.holdfast.gateway.config.DeviceSettings;
import io.holdfast.hardware.device.DeviceRegistry;
import io.holdfast.hardware.payment.PaymentTerminalGate;
import io.holdfast.hardware.payment.SimulatedPaymentTerminal;
import io.holdfast.hardware.printer.SpooledNetworkPrinter;
import io.holdfast.hardware.receipt.ReceiptPrinter;
import io.holdfast.hardware.scan.ScanListener;
import io.holdfast.hardware.scan.ScanParser;
import io.holdfast.hardware.scan.TcpLineScanner;

/** The store's configured devices, started and registered; closing stops their drivers. */
public final class StoreDevices implements AutoCloseable {

    private final DeviceRegistry registry = new DeviceRegistry();
    private final Map<String, ReceiptPrinter> printers = new TreeMap<>();
    private final Map<String, PaymentTerminalGate> terminals = new TreeMap<>();
    private final List<AutoCloseable> drivers = new ArrayList<>();

    private StoreDevices() {
    }

    public static StoreDevices start(DeviceSettings settings, ScanParser parser, ScanListener scans, Clock clock) {
        StoreDevices devices = new StoreDevices();
        try {
            for (DeviceSettings.Printer printer : settings.printers()) {
                SpooledNetworkPrinter driver = new SpooledNetworkPrinter(SpooledNetworkPrinter.Settings.of(printer.id(),
                                new InetSocketAddress(printer.host(), printer.port()),
                                settings.spoolFolder().resolve(printer.id()))
                        .withColumns(printer.columns()), clock);
                devices.drivers.add(driver);
                devices.printers.put(printer.id(), devices.registry.register(driver));
            }
            for (DeviceSettings.Scanner scanner : settings.scanners()) {
                TcpLineScanner driver = new TcpLineScanner(TcpLineScanner.Settings.of(scanner.id(),
                        new InetSocketAddress(scanner.host(), scanner.port())), parser, scans, clock);
                devices.drivers.add(driver);
                devices.registry.register(driver);
            }
            for (String terminal : settings.paymentTerminals()) {
                devices.terminals.put(terminal, devices.registry.register(new SimulatedPaymentTerminal(terminal, clock)));
            }
            return devices;
        } catch (RuntimeException e) {
            devices.close();
            throw e;
        }
    }

    public DeviceRegistry registry() {
        return registry;
    }

    public Optional<ReceiptPrinter> printer(String id) {
        return Optional.ofNullable(printers.get(id));
    }

    /** The printer receipts go to when a request names none: the first configured. */
    public Optional<String> firstPrinterId() {
        return printers.keySet().stream().findFirst();
    }

    /** The contactless gates, by id: the PAYMENTS capability switches them all. */
    public Map<String, PaymentTerminalGate> paymentTerminals() {
        return Map.copyOf(terminals);
    }

    @Override
    public void close() {
        for (AutoCloseable driver : drivers) {
            try {
                driver.close();
            } catch (Exception e) {
                System.getLogger(StoreDevices.class.getName()).log(System.Logger.Level.WARNING, "a device driver did not stop", e);
            }
        }
    }
}
