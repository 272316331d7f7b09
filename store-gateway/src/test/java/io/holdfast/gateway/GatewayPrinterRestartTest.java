package io.holdfast.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.gateway.config.DeviceSettings;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.hardware.printer.EscPosPrinterSimulator;
import io.holdfast.hardware.receipt.DecodedReceipt;
import io.holdfast.hardware.receipt.ReceiptDocument;
import io.holdfast.testing.TestClocks;

/** A receipt whose printer died mid-job prints whole once the printer is back, though the gateway restarted between. */
class GatewayPrinterRestartTest {

    @TempDir
    Path folder;

    @Test
    void aJobCutOffMidwayPrintsAfterTheGatewayRestarts() {
        try (EscPosPrinterSimulator printer = EscPosPrinterSimulator.start(0)) {
            GatewaySettings settings = TestStores.settingsFor(folder.resolve("holdfast.db")).withDevices(
                    new DeviceSettings(folder.resolve("spool"), List.of(new DeviceSettings.Printer(
                            "desk-1-printer", "127.0.0.1", printer.address().getPort(), 48)), List.of(), List.of()));
            printer.stopMidNextJob(60);

            try (Gateway gateway = Gateway.start(settings, TestClocks.TICKING)) {
                gateway.devices().printer("desk-1-printer").orElseThrow().print(ReceiptDocument.builder()
                        .title("HOLDFAST").line("Order CC-104233 handed over").total("Paid", "£71.00")
                        .barcode("CC-104233").build());
                await().atMost(Duration.ofSeconds(10)).until(() -> printer.torn().size() == 1);
            }
            assertThat(printer.printed()).isEmpty();

            printer.comeOnline();
            try (Gateway restarted = Gateway.start(settings, TestClocks.TICKING)) {
                await().atMost(Duration.ofSeconds(15)).until(() -> printer.printed().size() == 1);
                DecodedReceipt receipt = printer.printed().getFirst();
                assertThat(receipt.isCut()).isTrue();
                assertThat(receipt.lines()).contains("HOLDFAST", "Order CC-104233 handed over");
                assertThat(receipt.text()).contains("£71.00");
                assertThat(receipt.barcodes()).containsExactly("CC-104233");
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        restarted.devices().registry().find("desk-1-printer").orElseThrow().health().queued() == 0);
            }
        }
    }
}
