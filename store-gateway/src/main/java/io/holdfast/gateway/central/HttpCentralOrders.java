package io.holdfast.gateway.central;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.order.CentralOrders;
import io.holdfast.order.Order;
import io.holdfast.order.OrderId;
import io.holdfast.returns.CentralPurchases;
import io.holdfast.store.StrictJson;

/**
 * Central order management over HTTP, behind the ORDERS guard: whether an order may still be
 * collected, and the store's manifest (a snapshot, then changes after a sequence).
 */
public final class HttpCentralOrders implements CentralOrders, CentralPurchases {

    /** A whole store's manifest may take a while; a quick check is bounded by its own guard. */
    public static final Duration MANIFEST_BUDGET = Duration.ofSeconds(30);

    /** A manifest page: orders and the sequence to ask for changes after. */
    public record Manifest(long sequence, List<Order> orders) {
    }

    private final URI base;
    private final String storeId;
    private final CapabilityGuard checks;
    private final CapabilityGuard downloads;
    private final HttpClient http;
    private final Duration budget;

    /**
     * @param checks    the guard for a desk's quick check of one order
     * @param downloads the guard for manifest downloads, with a budget sized for a whole store
     */
    public HttpCentralOrders(URI base, String storeId, CapabilityGuard checks, CapabilityGuard downloads,
                             Duration budget) {
        this.base = base;
        this.storeId = storeId;
        this.checks = checks;
        this.downloads = downloads;
        this.budget = budget;
        this.http = HttpClient.newBuilder().connectTimeout(budget).build();
    }

    @Override
    public Answer check(OrderId order) {
        return switch (checks.call(() -> fetchStatus(order))) {
            case CapabilityGuard.Result.Answered<Answer> answered -> answered.value();
            case CapabilityGuard.Result.Failed<Answer> failed -> new Answer.Unavailable(failed.reason());
        };
    }

    /** An order as central has it, for a return: within the ORDERS call budget. */
    @Override
    public Lookup order(OrderId order) {
        return switch (checks.call(() -> fetchOrder(order))) {
            case CapabilityGuard.Result.Answered<Lookup> answered -> answered.value();
            case CapabilityGuard.Result.Failed<Lookup> failed -> new Lookup.Unavailable(failed.reason());
        };
    }

    private Lookup fetchOrder(OrderId order) throws IOException, InterruptedException, CentralFailure {
        HttpResponse<String> response = send("/central/orders/v1/orders/" + order.value());
        if (response.statusCode() == 404) {
            return new Lookup.NotFound();
        }
        if (response.statusCode() != 200) {
            throw new CentralFailure("order management answered " + response.statusCode());
        }
        return new Lookup.Found(CentralJson.MAPPER.readValue(response.body(), Order.class));
    }

    /** The whole manifest ({@code after} empty) or the changes after a sequence. */
    public CapabilityGuard.Result<Manifest> manifest(java.util.OptionalLong after) {
        String path = "/central/orders/v1/stores/" + storeId + "/manifest"
                + (after.isPresent() ? "/changes?after=" + after.getAsLong() : "");
        return downloads.call(() -> {
            JsonNode body = CentralJson.MAPPER.readTree(get(path, 200));
            List<Order> orders = CentralJson.MAPPER.convertValue(body.path("orders"),
                    CentralJson.MAPPER.getTypeFactory().constructCollectionType(List.class, Order.class));
            return new Manifest(StrictJson.wholeNumber(body.path("sequence"), "sequence"), orders);
        });
    }

    private Answer fetchStatus(OrderId order) throws IOException, InterruptedException, CentralFailure {
        HttpResponse<String> response = send("/central/orders/v1/orders/" + order.value());
        if (response.statusCode() == 404) {
            return new Answer.Unknown();
        }
        if (response.statusCode() != 200) {
            throw new CentralFailure("order management answered " + response.statusCode());
        }
        JsonNode body = CentralJson.MAPPER.readTree(response.body());
        String status = body.path("status").asText("");
        return switch (status) {
            case "CANCELLED" -> new Answer.Cancelled(body.path("cancellationReason").asText("cancelled by head office"));
            case "" -> throw new CentralFailure("order management sent an order without a status");
            default -> new Answer.Collectable();
        };
    }

    private String get(String path, int expected) throws IOException, InterruptedException, CentralFailure {
        HttpResponse<String> response = send(path);
        if (response.statusCode() != expected) {
            throw new CentralFailure("order management answered " + response.statusCode() + " for " + path);
        }
        return response.body();
    }

    private HttpResponse<String> send(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(MANIFEST_BUDGET)
                .header("Accept", "application/json").GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
