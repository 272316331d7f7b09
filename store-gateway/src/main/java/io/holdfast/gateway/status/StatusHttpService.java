package io.holdfast.gateway.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.gateway.central.CapabilityGuard;
import io.holdfast.gateway.http.Json;
import io.holdfast.outbox.Outbox;

/**
 * {@code GET /api/v1/status}: what works right now, in words. For now it reads ORDERS from its
 * guards (breaker closed and the last call answered); the mode board (per-capability states,
 * isolation, restoration) replaces this with the degraded-mode issue.
 */
public final class StatusHttpService implements HttpService {

    private final String storeId;
    private final List<CapabilityGuard> orders;
    private final Outbox outbox;

    /** @param orders every guard that calls central order management */
    public StatusHttpService(String storeId, List<CapabilityGuard> orders, Outbox outbox) {
        this.storeId = storeId;
        this.orders = List.copyOf(orders);
        this.outbox = outbox;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::status);
    }

    private void status(ServerRequest request, ServerResponse response) {
        boolean ordersOnline = orders.stream().allMatch(CapabilityGuard::answering);
        Map<String, Object> capability = new LinkedHashMap<>();
        capability.put("state", ordersOnline ? "ONLINE" : "DEGRADED");
        capability.put("colleagueMessage", ordersOnline ? "Orders are checked with head office before hand-over."
                : "Head office is not answering: hand over from this store's list; it is sent on later.");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("store", storeId);
        body.put("mode", ordersOnline ? "NORMAL" : "DEGRADED");
        body.put("customerMessage", ordersOnline ? "All services are available."
                : "Click & collect is open as usual. Some services may be slower today.");
        body.put("capabilities", Map.of("ORDERS", capability));
        body.put("backlog", outbox.backlog());
        Json.send(response, Status.OK_200, body);
    }
}
