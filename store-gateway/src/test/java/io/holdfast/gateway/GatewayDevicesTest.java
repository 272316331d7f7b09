package io.holdfast.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.gateway.config.DeviceSettings;
import io.holdfast.hardware.printer.EscPosPrinterSimulator;
import io.holdfast.hardware.receipt.ReceiptDocument;
import io.holdfast.hardware.scan.LineScannerSimulator;
import io.holdfast.testing.TestClocks;

/** The store's devices through the gateway: health, a printed receipt's preview, scans, code images. */
class GatewayDevicesTest {

    @TempDir
    static Path folder;
    private static EscPosPrinterSimulator printer;
    private static LineScannerSimulator scanner;
    private static Gateway gateway;
    private static String base;
    private static String colleague;

    @BeforeAll
    static void start() {
        printer = EscPosPrinterSimulator.start(0);
        scanner = LineScannerSimulator.start(0);
        DeviceSettings devices = new DeviceSettings(folder.resolve("spool"),
                List.of(new DeviceSettings.Printer("desk-1-printer", "127.0.0.1", printer.address().getPort(), 48)),
                List.of(new DeviceSettings.Scanner("desk-1-scanner", "127.0.0.1", scanner.address().getPort())),
                List.of("till-1-terminal"));
        TestStores.seed(folder.resolve("holdfast.db"), List.of());
        gateway = Gateway.start(TestStores.settingsFor(folder.resolve("holdfast.db")).withDevices(devices), TestClocks.TICKING);
        base = "http://127.0.0.1:" + gateway.port();
        colleague = TestStores.signIn(base, TestStores.COLLEAGUE);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        printer.close();
        scanner.close();
    }

    @Test
    void listsEachDeviceWithItsHealth() {
        await().atMost(Duration.ofSeconds(5)).until(() -> scanner.connectedClients() == 1);
        // This store's central does not answer, so its health watch finds PAYMENTS down and contactless goes off.
        await().atMost(Duration.ofSeconds(5)).until(() ->
                !gateway.devices().paymentTerminals().get("till-1-terminal").state().contactlessEnabled());

        JsonNode devices = HttpCalls.json(HttpCalls.get(base + "/api/v1/devices", "Authorization", colleague)).path("devices");

        assertThat(devices).extracting(d -> d.path("id").asText())
                .containsExactly("desk-1-printer", "desk-1-scanner", "till-1-terminal");
        assertThat(devices.get(0).path("kind").asText()).isEqualTo("RECEIPT_PRINTER");
        assertThat(devices.get(0).path("driver").asText()).startsWith("escpos-tcp 127.0.0.1:");
        assertThat(devices.get(2).path("status").asText()).isEqualTo("CONNECTED");
        assertThat(devices.get(2).path("detail").asText()).isEqualTo("contactless off: Please use chip and PIN today");
    }

    @Test
    void showsWhatThePrinterPrintedLast() {
        gateway.devices().printer("desk-1-printer").orElseThrow()
                .print(ReceiptDocument.builder().title("HOLDFAST").total("Total", "£9.99").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> !printer.printed().isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                HttpCalls.get(base + "/api/v1/devices/desk-1-printer/last-receipt", "Authorization", colleague).statusCode() == 200);

        HttpResponse<String> html = HttpCalls.get(base + "/api/v1/devices/desk-1-printer/last-receipt", "Authorization", colleague);
        HttpResponse<String> text = HttpCalls.get(base + "/api/v1/devices/desk-1-printer/last-receipt?format=text", "Authorization", colleague);

        assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(html.body()).contains("<strong>HOLDFAST</strong>").contains("£9.99");
        assertThat(text.body()).contains("HOLDFAST").contains("£9.99");
    }

    @Test
    void aDeviceThatIsNotThereOrDoesNotPrintIsAProblem() {
        GatewayHttpTest.assertProblem(HttpCalls.get(base + "/api/v1/devices/nope/last-receipt", "Authorization", colleague), 404, "device-not-found");
        GatewayHttpTest.assertProblem(HttpCalls.get(base + "/api/v1/devices/till-1-terminal/last-receipt", "Authorization", colleague),
                409, "device-not-a-printer");
    }

    @Test
    void interpretsAKeyboardWedgeScan() {
        JsonNode ean = HttpCalls.json(scan("{\"raw\": \"4006381333931\"}"));
        JsonNode gs1 = HttpCalls.json(scan("{\"raw\": \"(01)09506000134352(10)LOT7\"}"));
        JsonNode wrong = HttpCalls.json(scan("{\"raw\": \"4006381333932\"}"));

        assertThat(ean.path("recognised").asBoolean()).isTrue();
        assertThat(ean.path("kind").asText()).isEqualTo("EAN_13");
        assertThat(ean.path("fields").path("gtin").asText()).isEqualTo("4006381333931");
        assertThat(gs1.path("fields").path("elements").path("10").asText()).isEqualTo("LOT7");
        assertThat(wrong.path("recognised").asBoolean()).isFalse();
        assertThat(wrong.path("code").asText()).isEqualTo("scan-not-recognised");
        assertThat(wrong.path("reason").asText()).startsWith("EAN-13 check digit does not match");
    }

    @Test
    void aScanRequestWithoutAScanIsAProblem() {
        GatewayHttpTest.assertProblem(scan("{}"), 422, "scan-raw-missing");
        GatewayHttpTest.assertProblem(scan("{\"raw\": 4006381333931"), 400, "malformed-json");
    }

    @Test
    void drawsQrCodesAndBarcodesAsPng() {
        HttpResponse<String> qr = HttpCalls.get(base + "/api/v1/codes/qr?data=HFC1.abc.def&size=200", "Authorization", colleague);
        HttpResponse<String> barcode = HttpCalls.get(base + "/api/v1/codes/code128?data=CC-104233", "Authorization", colleague);

        assertThat(qr.statusCode()).isEqualTo(200);
        assertThat(qr.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(qr.body()).startsWith("\uFFFDPNG");
        assertThat(barcode.statusCode()).isEqualTo(200);
        GatewayHttpTest.assertProblem(HttpCalls.get(base + "/api/v1/codes/qr", "Authorization", colleague), 400, "code-data-missing");
        GatewayHttpTest.assertProblem(HttpCalls.get(base + "/api/v1/codes/qr?data=x&size=9000", "Authorization", colleague), 422, "code-data-invalid");
        GatewayHttpTest.assertProblem(HttpCalls.get(base + "/api/v1/codes/code128?data=x&width=wide", "Authorization", colleague), 400, "code-size-invalid");
    }

    @Test
    void exportsDeviceHealthAsMetrics() {
        HttpResponse<String> metrics = HttpCalls.get(base + "/metrics", "Accept", "text/plain");

        assertThat(metrics.body()).containsPattern("holdfast_device_up\\{[^}]*device=\"till-1-terminal\"[^}]*} 1.0")
                .contains("holdfast_device_queued");
    }

    private static HttpResponse<String> scan(String body) {
        return HttpCalls.postJson(base + "/api/v1/scans", body, "Authorization", colleague);
    }
}
