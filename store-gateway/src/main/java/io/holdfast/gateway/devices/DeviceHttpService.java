package io.holdfast.gateway.devices;

import java.time.Instant;
import java.util.List;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.gateway.http.Json;
import io.holdfast.gateway.http.ProblemException;
import io.holdfast.hardware.device.Device;
import io.holdfast.hardware.device.DeviceHealth;
import io.holdfast.hardware.device.DeviceRegistry;
import io.holdfast.hardware.receipt.DecodedReceipt;
import io.holdfast.hardware.receipt.PrintedReceipts;
import io.holdfast.hardware.receipt.ReceiptPreview;

/** {@code /api/v1/devices}: each device's health, and a preview of a printer's last receipt. */
public final class DeviceHttpService implements HttpService {

    record DeviceView(String id, String kind, String driver, String status, String detail, Instant lastSeen,
                      int queued) {
        static DeviceView of(Device device) {
            DeviceHealth health = device.health();
            return new DeviceView(device.id(), device.kind().name(), device.driver(), health.status().name(),
                    health.detail(), health.lastSeen().orElse(null), health.queued());
        }
    }

    private final DeviceRegistry devices;

    public DeviceHttpService(DeviceRegistry devices) {
        this.devices = devices;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .get("/{deviceId}/last-receipt", this::lastReceipt);
    }

    private void list(ServerRequest request, ServerResponse response) {
        List<DeviceView> views = devices.all().stream().map(DeviceView::of).toList();
        Json.send(response, Status.OK_200, java.util.Map.of("devices", views));
    }

    private void lastReceipt(ServerRequest request, ServerResponse response) {
        String id = request.path().pathParameters().get("deviceId");
        Device device = devices.find(id).orElseThrow(() -> new ProblemException(404, "device-not-found",
                "No such device in this store", "There is no device '" + id + "' in holdfast.devices."));
        if (!(device instanceof PrintedReceipts printer)) {
            throw new ProblemException(409, "device-not-a-printer", "That device does not print",
                    "Device '" + id + "' is a " + device.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ".");
        }
        List<DecodedReceipt> printed = printer.recentlyPrinted();
        if (printed.isEmpty()) {
            throw new ProblemException(404, "no-receipt-printed", "Nothing printed yet",
                    "Printer '" + id + "' has printed nothing since the gateway started.");
        }
        boolean plain = request.query().first("format").asOptional().filter("text"::equals).isPresent();
        response.header(HeaderNames.CONTENT_TYPE, plain ? "text/plain; charset=utf-8" : "text/html; charset=utf-8");
        response.send(plain ? ReceiptPreview.text(printed.getLast(), 48) : ReceiptPreview.html(printed.getLast()));
    }
}
