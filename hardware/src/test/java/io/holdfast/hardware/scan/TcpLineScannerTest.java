package io.holdfast.hardware.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.holdfast.hardware.device.DeviceHealth;

class TcpLineScannerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
    private final List<ScanEvent> scans = new CopyOnWriteArrayList<>();
    private LineScannerSimulator simulator;
    private TcpLineScanner scanner;

    @BeforeEach
    void connect() {
        simulator = LineScannerSimulator.start(0);
        scanner = new TcpLineScanner(new TcpLineScanner.Settings("desk-1-scanner", simulator.address(),
                Duration.ofMillis(50)), new ScanParser(), scans::add, CLOCK);
        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.connectedClients() == 1);
    }

    @AfterEach
    void disconnect() {
        scanner.close();
        simulator.close();
    }

    @Test
    void eachLineArrivesParsedWithItsDevice() {
        simulator.scan("4006381333931");
        simulator.scan("4006381333932");

        await().atMost(Duration.ofSeconds(5)).until(() -> scans.size() == 2);
        assertThat(scans.get(0)).isEqualTo(new ScanEvent("desk-1-scanner",
                new ScanResult.Recognised(new ScannedCode.Ean13("4006381333931")), CLOCK.instant()));
        assertThat(scans.get(1).result()).isInstanceOf(ScanResult.Rejected.class);
        assertThat(scanner.health().detail()).startsWith("last scan not recognised: EAN-13 check digit does not match");
    }

    @Test
    void gs1SeparatorsSurviveTheWire() {
        simulator.scan("]C10109506000134352\u001D" + "10LOT7");

        await().atMost(Duration.ofSeconds(5)).until(() -> scans.size() == 1);
        assertThat(((ScanResult.Recognised) scans.getFirst().result()).code())
                .isEqualTo(new ScannedCode.Gs1ElementString(java.util.Map.of("01", "09506000134352", "10", "LOT7")));
    }

    @Test
    void anUnpluggedScannerIsShownOfflineAndReconnected() {
        simulator.disconnectAll();

        await().atMost(Duration.ofSeconds(5)).until(() -> scanner.health().status() == DeviceHealth.Status.OFFLINE
                || simulator.connectedClients() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.connectedClients() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> scanner.health().status() == DeviceHealth.Status.CONNECTED);
        simulator.scan("CC-104233");
        await().atMost(Duration.ofSeconds(5)).until(() -> scans.size() == 1);
    }
}
