package io.holdfast.central;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.central.books.CentralBooks;
import io.holdfast.order.OrderId;

/**
 * {@code /sim}: the switches. {@code GET /sim/services} lists each service's condition;
 * {@code PUT /sim/services/{service}} with {@code {"fault": "SLOW", "delayMillis": 2000}} (or
 * HEALTHY, FAILING with {@code failureStatus}, REFUSING, BLACKHOLE) changes one; {@code GET /sim/ledger}
 * is central's books (see {@link io.holdfast.central.books.LedgerView}); {@code GET /sim} is a page
 * with buttons for the demo and the ledger.
 */
final class Switchboard implements HttpService {

    /** How many of the latest applied events the ledger shows. */
    private static final int RECENT_EVENTS = 25;

    private final Map<CentralService, FaultyFront> fronts;
    private final CentralOrderBook orders;
    private final CentralBooks books;
    private final Function<OrderId, String> collectionQr;
    private final byte[] page;

    Switchboard(Map<CentralService, FaultyFront> fronts, CentralOrderBook orders, CentralBooks books,
                Function<OrderId, String> collectionQr) {
        this.fronts = fronts;
        this.orders = orders;
        this.books = books;
        this.collectionQr = collectionQr;
        this.page = load("/sim/switchboard.html");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::page)
                .get("/services", (request, response) -> SimJson.send(response, Status.OK_200, describe()))
                .get("/ledger", (request, response) -> SimJson.send(response, Status.OK_200, books.view(RECENT_EVENTS)))
                .put("/services/{service}", this::set)
                .post("/orders/{orderId}/cancellation", this::cancel)
                .get("/orders/{orderId}/collection-qr", this::qr);
    }

    private void page(ServerRequest request, ServerResponse response) {
        response.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        response.send(page);
    }

    private void set(ServerRequest request, ServerResponse response) throws IOException {
        String slug = request.path().pathParameters().get("service");
        var service = CentralService.fromSlug(slug);
        if (service.isEmpty()) {
            SimJson.problem(response, 404, "unknown-service", "no central service called '" + slug
                    + "'; there are orders, gift-cards and refunds");
            return;
        }
        Condition condition;
        try {
            JsonNode body = SimJson.MAPPER.readTree(request.content().as(byte[].class));
            Condition.Fault fault = Condition.Fault.valueOf(body.path("fault").asText("").toUpperCase(Locale.ROOT));
            condition = new Condition(fault, Duration.ofMillis(body.path("delayMillis").asLong(0)),
                    body.path("failureStatus").asInt(503));
        } catch (IOException | IllegalArgumentException e) {
            SimJson.problem(response, 400, "bad-condition", "send {\"fault\": one of HEALTHY, SLOW, FAILING, "
                    + "REFUSING, BLACKHOLE, \"delayMillis\": n, \"failureStatus\": 5xx}: " + e.getMessage());
            return;
        }
        fronts.get(service.get()).set(condition);
        SimJson.send(response, Status.OK_200, describe());
    }

    private void cancel(ServerRequest request, ServerResponse response) throws IOException {
        Optional<OrderId> id = orderId(request, response);
        if (id.isEmpty()) {
            return;
        }
        String reason = request.content().hasEntity()
                ? SimJson.MAPPER.readTree(request.content().as(byte[].class)).path("reason").asText("cancelled by head office")
                : "cancelled by head office";
        orders.cancel(id.get(), reason).ifPresentOrElse(
                entry -> SimJson.send(response, Status.OK_200, SimJson.centralOrder(entry)),
                () -> SimJson.problem(response, 404, "order-not-found", "central has no order " + id.get()));
    }

    private void qr(ServerRequest request, ServerResponse response) {
        Optional<OrderId> id = orderId(request, response);
        if (id.isEmpty()) {
            return;
        }
        if (orders.find(id.get()).isEmpty()) {
            SimJson.problem(response, 404, "order-not-found", "central has no order " + id.get());
            return;
        }
        response.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.send(collectionQr.apply(id.get()));
    }

    private static Optional<OrderId> orderId(ServerRequest request, ServerResponse response) {
        String raw = request.path().pathParameters().get("orderId");
        if (!OrderId.isWellFormed(raw)) {
            SimJson.problem(response, 400, "order-id-invalid", "not an order id: " + raw);
            return Optional.empty();
        }
        return Optional.of(new OrderId(raw));
    }

    private List<Map<String, Object>> describe() {
        return fronts.entrySet().stream()
                .map(e -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("service", e.getKey().slug());
                    row.put("fault", e.getValue().condition().fault().name());
                    row.put("delayMillis", e.getValue().condition().delay().toMillis());
                    row.put("failureStatus", e.getValue().condition().failureStatus());
                    row.put("port", e.getValue().port());
                    row.put("connectionsAccepted", e.getValue().connectionsAccepted());
                    return row;
                })
                .toList();
    }

    private static byte[] load(String resource) {
        try (InputStream in = Switchboard.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the simulator's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
