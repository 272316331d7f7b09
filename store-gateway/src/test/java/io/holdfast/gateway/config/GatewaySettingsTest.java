package io.holdfast.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.helidon.config.ConfigException;

import io.holdfast.gateway.logging.LogFormat;

class GatewaySettingsTest {

    @TempDir
    Path folder;

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        GatewaySettings settings = GatewaySettings.from(GatewayConfig.load(Optional.empty()));

        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.maxPayloadBytes()).isEqualTo(65536);
        assertThat(settings.storeId()).isEqualTo("0001");
        assertThat(settings.database().file()).isEqualTo(Path.of("data/holdfast.db").toAbsolutePath());
        assertThat(settings.database().busyTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(settings.central().orders()).isEqualTo(URI.create("http://localhost:8091"));
        assertThat(settings.devices().printers()).isEmpty();
        assertThat(settings.resilience().watchEvery()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.resilience().probeEvery()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theStoreSignsInToEveryNodeOfAClusterAsItsOwnUserOverTls() throws IOException {
        Files.writeString(folder.resolve("broker-password"), "s3cret\n");
        Files.writeString(folder.resolve("issuer.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path file = Files.writeString(folder.resolve("cluster.yaml"), """
                holdfast:
                  sync:
                    broker: "ssl://10.0.0.1:8883, ssl://10.0.0.2:8883,ssl://10.0.0.3:8883"
                    username: store-0042
                    password-file: %s
                    tls-issuer: %s
                """.formatted(folder.resolve("broker-password"), folder.resolve("issuer.pem")));

        var broker = GatewaySettings.from(GatewayConfig.load(Optional.of(file))).sync().broker().orElseThrow();

        assertThat(broker.nodes()).extracting(URI::toString).containsExactly("ssl://10.0.0.1:8883",
                "ssl://10.0.0.2:8883", "ssl://10.0.0.3:8883");
        assertThat(broker.login().orElseThrow().username()).isEqualTo("store-0042");
        assertThat(broker.login().orElseThrow().password()).isEqualTo("s3cret");
        assertThat(broker.trustedIssuer()).contains(folder.resolve("issuer.pem"));
        assertThat(broker.toString()).doesNotContain("s3cret");
    }

    @Test
    void aBrokerUserWithoutItsPasswordFileIsAClearError() throws IOException {
        Path file = Files.writeString(folder.resolve("half.yaml"),
                "holdfast: {sync: {broker: 'tcp://127.0.0.1:1883', username: store-0042}}\n");
        assertThatThrownBy(() -> GatewaySettings.from(GatewayConfig.load(Optional.of(file))))
                .hasMessageContaining("holdfast.sync.password-file");
        Path missing = Files.writeString(folder.resolve("missing.yaml"), "holdfast: {sync: {broker: 'tcp://127.0.0.1:1883',"
                + " username: store-0042, password-file: " + folder.resolve("nowhere") + "}}\n");
        assertThatThrownBy(() -> GatewaySettings.from(GatewayConfig.load(Optional.of(missing))))
                .hasMessageContaining("cannot read").hasMessageContaining("nowhere");
    }

    @Test
    void theHealthWatchCanBeSlowedOrTurnedOffButNotRunFasterThanTenTimesASecond() throws IOException {
        Path off = Files.writeString(folder.resolve("off.yaml"), "holdfast: {mode: {watch-every: PT0S}}\n");
        assertThat(GatewaySettings.from(GatewayConfig.load(Optional.of(off))).resilience().watchEvery()).isZero();
        Path fast = Files.writeString(folder.resolve("fast.yaml"), "holdfast: {mode: {watch-every: PT0.05S}}\n");
        assertThatThrownBy(() -> GatewaySettings.from(GatewayConfig.load(Optional.of(fast))))
                .hasMessageContaining("holdfast.mode.watch-every").hasMessageContaining("PT0.05S");
    }

    @Test
    void theStoresZoneIsStoreWideAndTheOlderReturnsKeyStillWorks() throws IOException {
        assertThat(GatewaySettings.from(GatewayConfig.load(Optional.empty())).zone())
                .isEqualTo(ZoneId.of("Europe/London"));
        Path old = Files.writeString(folder.resolve("old.yaml"), "holdfast: {returns: {zone: Europe/Dublin}}\n");
        assertThat(GatewaySettings.from(GatewayConfig.load(Optional.of(old))).zone()).isEqualTo(ZoneId.of("Europe/Dublin"));
        Path both = Files.writeString(folder.resolve("both.yaml"),
                "holdfast: {store: {zone: Europe/Lisbon}, returns: {zone: Europe/Dublin}}\n");
        assertThat(GatewaySettings.from(GatewayConfig.load(Optional.of(both))).zone()).isEqualTo(ZoneId.of("Europe/Lisbon"));
        Path wrong = Files.writeString(folder.resolve("wrong.yaml"), "holdfast: {store: {zone: Mars/Olympus}}\n");
        assertThatThrownBy(() -> GatewaySettings.from(GatewayConfig.load(Optional.of(wrong))))
                .hasMessageContaining("holdfast.store.zone").hasMessageContaining("Mars/Olympus");
    }

    @Test
    void aConfigFileOverridesTheDefaults() throws IOException {
        Path file = Files.writeString(folder.resolve("store.yaml"), """
                server:
                  port: 9090
                holdfast:
                  store:
                    id: "0421"
                    database: /var/lib/holdfast/store.db
                    busy-timeout: PT2S
                  log:
                    format: json
                  central:
                    orders-url: https://orders.central.example
                """);

        GatewaySettings settings = GatewaySettings.from(GatewayConfig.load(Optional.of(file)));

        assertThat(settings.port()).isEqualTo(9090);
        assertThat(settings.storeId()).isEqualTo("0421");
        assertThat(settings.database().file()).isEqualTo(Path.of("/var/lib/holdfast/store.db"));
        assertThat(settings.database().busyTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(settings.central().orders()).isEqualTo(URI.create("https://orders.central.example"));
        assertThat(settings.central().url(io.holdfast.mode.Capability.REFUNDS)).isEqualTo(URI.create("http://localhost:8093"));
        assertThat(settings.central().url(io.holdfast.mode.Capability.LOYALTY)).isEqualTo(URI.create("http://localhost:8095"));
    }

    @Test
    void aBadValueSaysWhichKeyAndWhatItGot() throws IOException {
        Path file = Files.writeString(folder.resolve("store.yaml"), """
                holdfast:
                  store:
                    busy-timeout: five seconds
                """);

        assertThatThrownBy(() -> GatewaySettings.from(GatewayConfig.load(Optional.of(file))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("holdfast.store.busy-timeout")
                .hasMessageContaining("five seconds");
    }

    @Test
    void valuesOutOfRangeAreRefusedWithWhatTheyWere() throws IOException {
        Path file = Files.writeString(folder.resolve("store.yaml"), "server:\n  port: 70000\n");

        assertThatThrownBy(() -> GatewaySettings.from(GatewayConfig.load(Optional.of(file))))
                .hasMessage("server.port must be between 0 and 65535, but was 70000");
        assertThatThrownBy(() -> CentralEndpoints.all(URI.create("ftp://x")))
                .hasMessage("holdfast.central.orders-url must be an http(s) URL with a host, but was 'ftp://x'");
    }

    @Test
    void readsTheStoresDevices() throws IOException {
        Path file = Files.writeString(folder.resolve("store.yaml"), """
                holdfast:
                  devices:
                    spool: /var/spool/holdfast
                    printers:
                      - id: desk-1-printer
                        host: 10.20.0.51
                      - id: kiosk-1-printer
                        host: 10.20.0.52
                        port: 9101
                        columns: 42
                    scanners:
                      - id: desk-1-scanner
                        host: 10.20.0.61
                        port: 2001
                    payment-terminals:
                      - id: till-1-terminal
                """);

        DeviceSettings devices = GatewaySettings.from(GatewayConfig.load(Optional.of(file))).devices();

        assertThat(devices.spoolFolder()).isEqualTo(Path.of("/var/spool/holdfast"));
        assertThat(devices.printers()).containsExactly(
                new DeviceSettings.Printer("desk-1-printer", "10.20.0.51", 9100, 48),
                new DeviceSettings.Printer("kiosk-1-printer", "10.20.0.52", 9101, 42));
        assertThat(devices.scanners()).containsExactly(new DeviceSettings.Scanner("desk-1-scanner", "10.20.0.61", 2001));
        assertThat(devices.paymentTerminals()).containsExactly("till-1-terminal");
    }

    @Test
    void aDeviceIdUsedTwiceOrAnUnknownTerminalDriverIsRefused() throws IOException {
        Path twice = Files.writeString(folder.resolve("twice.yaml"), """
                holdfast:
                  devices:
                    printers:
                      - id: desk-1
                        host: 10.20.0.51
                    payment-terminals:
                      - id: desk-1
                """);
        Path vendor = Files.writeString(folder.resolve("vendor.yaml"), """
                holdfast:
                  devices:
                    payment-terminals:
                      - id: till-1-terminal
                        driver: acme-pos
                """);

        assertThatThrownBy(() -> GatewaySettings.from(GatewayConfig.load(Optional.of(twice))))
                .hasMessage("device id 'desk-1' is used twice in holdfast.devices");
        assertThatThrownBy(() -> GatewaySettings.from(GatewayConfig.load(Optional.of(vendor))))
                .hasMessageContaining("only 'simulator' is available").hasMessageContaining("acme-pos");
    }

    @Test
    void aMissingConfigFileIsNamed() {
        Path missing = folder.resolve("nope.yaml");

        assertThatThrownBy(() -> GatewayConfig.load(Optional.of(missing)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString());
    }
}
