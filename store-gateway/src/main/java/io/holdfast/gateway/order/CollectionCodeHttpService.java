package io.holdfast.gateway.order;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.gateway.auth.Access;
import io.holdfast.gateway.http.Json;
import io.holdfast.gateway.http.ProblemException;
import io.holdfast.hardware.scan.ScanParser;
import io.holdfast.hardware.scan.ScanResult;
import io.holdfast.hardware.scan.ScannedCode;
import io.holdfast.order.CollectionQr;
import io.holdfast.order.OrderId;
import io.holdfast.order.OrderRepository;

/**
 * {@code POST /api/v1/collection-codes/verification}: is this scanned collection QR code genuine,
 * for this store and still valid? If so, the order it names, from the manifest when the store has
 * it, and what the code carries when it does not.
 */
public final class CollectionCodeHttpService implements HttpService {

    record Verify(String qr) {
    }

    private final Optional<CollectionQr> verifier;
    private final ScanParser parser;
    private final OrderRepository orders;
    private final Access access;

    CollectionCodeHttpService(Optional<CollectionQr> verifier, ScanParser parser, OrderRepository orders, Access access) {
        this.verifier = verifier;
        this.parser = parser;
        this.orders = orders;
        this.access = access;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/verification", this::verify);
    }

    private void verify(ServerRequest request, ServerResponse response) {
        access.require(request, Access.STAFF);
        Verify body = Json.read(request, Verify.class);
        if (body.qr() == null) {
            throw invalid("Send the scanned code as {\"qr\": \"HFC1....\"}.");
        }
        ScannedCode.SignedQr qr = switch (parser.parse(body.qr())) {
            case ScanResult.Recognised(ScannedCode.SignedQr signed) when signed.kind() == ScannedCode.SignedQr.Kind.COLLECTION -> signed;
            case ScanResult.Recognised recognised -> throw invalid("That is " + recognised.code().describe()
                    + ", not a collection QR code.");
            case ScanResult.Rejected rejected -> throw invalid(rejected.reason());
        };
        CollectionQr checker = verifier.orElseThrow(() -> new ProblemException(503, "qr-key-missing",
                "This store cannot check QR codes yet", "No key from head office is configured "
                + "(holdfast.central.signing-public-key); ask for the collection code or ID instead."));
        switch (checker.verify(qr.payload(), qr.signature())) {
            case CollectionQr.Check.Refused refused -> throw invalid(refused.reason());
            case CollectionQr.Check.Valid valid -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("valid", true);
                answer.put("orderId", valid.claims().orderId());
                answer.put("store", valid.claims().store());
                answer.put("expires", valid.claims().expires().toString());
                Optional<OrderView> order = orders.find(new OrderId(valid.claims().orderId())).map(OrderView::of);
                answer.put("inManifest", order.isPresent());
                order.ifPresent(o -> answer.put("order", o));
                if (order.isEmpty()) {
                    answer.put("note", "The code is genuine, but order " + valid.claims().orderId()
                            + " is not in this store's manifest yet: check the parcel shelves by order number.");
                }
                Json.send(response, Status.OK_200, answer);
            }
        }
    }

    private static ProblemException invalid(String reason) {
        return new ProblemException(422, "qr-invalid", "This QR code cannot be used", reason);
    }
}
