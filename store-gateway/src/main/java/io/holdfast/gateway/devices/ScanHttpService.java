package io.holdfast.gateway.devices;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.gateway.http.Json;
import io.holdfast.gateway.http.ProblemException;
import io.holdfast.hardware.scan.ScanParser;
import io.holdfast.hardware.scan.ScanResult;
import io.holdfast.hardware.scan.ScannedCode;

/**
 * {@code POST /api/v1/scans}: what a keyboard-wedge scan on a page is. An unrecognised scan is an
 * answer, not an error: 200 with {@code recognised: false} and the reason to show the colleague.
 */
public final class ScanHttpService implements HttpService {

    record ScanRequest(String raw) {
    }

    private final ScanParser parser;

    public ScanHttpService(ScanParser parser) {
        this.parser = parser;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::interpret);
    }

    private void interpret(ServerRequest request, ServerResponse response) {
        ScanRequest scan = Json.read(request, ScanRequest.class);
        if (scan.raw() == null) {
            throw new ProblemException(422, "scan-raw-missing", "No scan in the request",
                    "Send the scanned text as {\"raw\": \"...\"}.");
        }
        Json.send(response, Status.OK_200, view(parser.parse(scan.raw())));
    }

    static Map<String, Object> view(ScanResult result) {
        Map<String, Object> view = new LinkedHashMap<>();
        switch (result) {
            case ScanResult.Rejected rejected -> {
                view.put("recognised", false);
                view.put("code", "scan-not-recognised");
                view.put("reason", rejected.reason());
                view.put("raw", rejected.raw());
            }
            case ScanResult.Recognised recognised -> {
                view.put("recognised", true);
                view.put("kind", kind(recognised.code()));
                view.put("description", recognised.code().describe());
                view.put("fields", fields(recognised.code()));
            }
        }
        return view;
    }

    private static String kind(ScannedCode code) {
        return switch (code) {
            case ScannedCode.Ean13 ignored -> "EAN_13";
            case ScannedCode.UpcA ignored -> "UPC_A";
            case ScannedCode.Gs1ElementString ignored -> "GS1";
            case ScannedCode.ReceiptBarcode ignored -> "RECEIPT";
            case ScannedCode.OrderNumber ignored -> "ORDER";
            case ScannedCode.SignedQr qr -> qr.kind() == ScannedCode.SignedQr.Kind.COLLECTION
                    ? "COLLECTION_QR" : "E_RECEIPT_QR";
        };
    }

    private static Map<String, Object> fields(ScannedCode code) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return switch (code) {
            case ScannedCode.Ean13 ean -> Map.of("gtin", ean.digits());
            case ScannedCode.UpcA upc -> Map.of("digits", upc.digits(), "gtin", upc.asGtin13());
            case ScannedCode.Gs1ElementString gs1 -> Map.of("elements", gs1.elements());
            case ScannedCode.ReceiptBarcode receipt -> Map.of("receiptNumber", receipt.receiptNumber(),
                    "store", receipt.store(), "till", receipt.till(), "date", receipt.date().toString(),
                    "transaction", receipt.transaction());
            case ScannedCode.OrderNumber order -> Map.of("orderId", order.value());
            case ScannedCode.SignedQr qr -> Map.of("payload", base64.encodeToString(qr.payload()),
                    "signature", base64.encodeToString(qr.signature()));
        };
    }
}
