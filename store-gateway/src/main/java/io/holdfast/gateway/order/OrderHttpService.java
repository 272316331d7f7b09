package io.holdfast.gateway.order;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.gateway.http.Json;
import io.holdfast.gateway.http.ProblemException;
import io.holdfast.order.OrderId;
import io.holdfast.order.OrderRepository;

/** {@code /api/v1/orders}: click-and-collect orders from the store's own copy. */
public final class OrderHttpService implements HttpService {

    private final OrderRepository orders;

    public OrderHttpService(OrderRepository orders) {
        this.orders = orders;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{orderId}", this::getOrder);
    }

    private void getOrder(ServerRequest request, ServerResponse response) {
        String raw = request.path().pathParameters().get("orderId");
        if (!OrderId.isWellFormed(raw)) {
            throw new ProblemException(400, "order-id-invalid", "That is not an order number",
                    "Order numbers are 3 to 32 capital letters, digits or dashes, such as CC-104233; got '" + raw + "'.");
        }
        OrderId id = new OrderId(raw);
        OrderView order = orders.find(id).map(OrderView::of).orElseThrow(() -> new ProblemException(404,
                "order-not-found", "No such order in this store",
                "Order " + id + " is not in this store's manifest."));
        Json.send(response, Status.OK_200, order);
    }
}
