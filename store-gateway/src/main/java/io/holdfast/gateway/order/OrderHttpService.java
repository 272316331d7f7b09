package io.holdfast.gateway.order;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.gateway.auth.Access;
import io.holdfast.gateway.http.Idempotency;
import io.holdfast.gateway.http.Json;
import io.holdfast.gateway.http.Problem;
import io.holdfast.gateway.http.ProblemException;
import io.holdfast.hardware.receipt.PrintTicket;
import io.holdfast.order.CentralOrders;
import io.holdfast.order.CollectCommand;
import io.holdfast.order.CollectOutcome;
import io.holdfast.order.Collection;
import io.holdfast.order.CollectionDesk;
import io.holdfast.order.LineQuantity;
import io.holdfast.order.Order;
import io.holdfast.order.OrderExpiry;
import io.holdfast.order.OrderId;
import io.holdfast.order.OrderRepository;
import io.holdfast.order.OrderSearch;
import io.holdfast.order.Refusal;
import io.holdfast.order.IdentityCheck;
import io.holdfast.order.NotCollected;
import io.holdfast.order.NotCollectedReason;
import io.holdfast.order.PhotoId;
import io.holdfast.order.Verification;
import io.holdfast.staff.Session;

/** {@code /api/v1/orders}: the collection desk's orders: find, show, hand over, return to sender. */
public final class OrderHttpService implements HttpService {

    /** Units of a line the colleague sets aside: {@code reason} DECLINED, DAMAGED or MISSING. */
    record NotCollectedBody(Integer lineNumber, Integer quantity, String reason) {
    }

    record CollectRequest(List<LineQuantity> lines, List<NotCollectedBody> notCollected, String verification,
                          String idKind, String collectorName, Integer expectedVersion, String printerId) {
    }

    /** @param receipt the print job, or null when nothing was printed (a replay, or no printer) */
    record CollectedView(OrderView.CollectionView collection, OrderView order, PrintTicket receipt) {
    }

    private final OrderRepository orders;
    private final OrderSearch search;
    private final CollectionDesk desk;
    private final OrderExpiry expiry;
    private final CollectionReceipts receipts;
    private final CentralOrders central;
    private final Access access;

    OrderHttpService(OrderRepository orders, OrderSearch search, CollectionDesk desk, OrderExpiry expiry,
                     CollectionReceipts receipts, CentralOrders central, Access access) {
        this.orders = orders;
        this.central = central;
        this.search = search;
        this.desk = desk;
        this.expiry = expiry;
        this.receipts = receipts;
        this.access = access;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::find)
                .get("/return-to-sender", this::returnToSenderList)
                .get("/{orderId}", this::getOrder)
                .get("/{orderId}/central-status", this::centralStatus)
                .post("/{orderId}/collections", this::collect)
                .post("/{orderId}/collections/{collectionId}/receipt", this::reprint)
                .post("/{orderId}/return-to-sender", this::returnToSender);
    }

    private void find(ServerRequest request, ServerResponse response) {
        access.require(request, Access.STAFF);
        String query = request.query().first("query").asOptional().orElse("");
        switch (searchToday(query)) {
            case OrderSearch.Result.Found found -> Json.send(response, Status.OK_200,
                    Map.of("orders", found.orders().stream().map(OrderView.SummaryView::of).toList()));
            case OrderSearch.Result.Invalid invalid ->
                    throw new ProblemException(422, "search-invalid", "Nothing to search for", invalid.reason());
        }
    }

    /** A search never shows an overdue order as ready: if one comes up, expiry runs and the search again. */
    private OrderSearch.Result searchToday(String query) {
        OrderSearch.Result result = search.search(query);
        if (result instanceof OrderSearch.Result.Found found
                && found.orders().stream().anyMatch(o -> expiry.isOverdue(o.status(), o.pickupBy()))) {
            expiry.expireOverdue();
            return search.search(query);
        }
        return result;
    }

    private void getOrder(ServerRequest request, ServerResponse response) {
        access.require(request, Access.STAFF);
        OrderId id = orderId(request);
        CollectionDesk.OrderAtDesk found = desk.orderAtDesk(id).orElseThrow(() -> notFound(id));
        Order order = expiry.isOverdue(found.order()) ? expiry.current(id).orElse(found.order()) : found.order();
        Json.send(response, Status.OK_200, Map.of("order", OrderView.of(order),
                "collections", found.collections().stream().map(OrderView.CollectionView::of).toList()));
    }

    /** Asks head office, within the ORDERS call budget, whether the order may still be handed over. */
    private void centralStatus(ServerRequest request, ServerResponse response) {
        access.require(request, Access.STAFF);
        OrderId id = orderId(request);
        orders.find(id).orElseThrow(() -> notFound(id));
        Map<String, Object> answer = switch (central.check(id)) {
            case CentralOrders.Answer.Collectable ignored -> Map.of("central", "COLLECTABLE",
                    "detail", "Head office confirms the order may be handed over.");
            case CentralOrders.Answer.Cancelled cancelled -> Map.of("central", "CANCELLED",
                    "detail", "Head office cancelled it: " + cancelled.reason());
            case CentralOrders.Answer.Unknown ignored -> Map.of("central", "UNKNOWN",
                    "detail", "Head office has no such order.");
            case CentralOrders.Answer.Unavailable unavailable -> Map.of("central", "UNAVAILABLE",
                    "detail", "Head office did not answer (" + unavailable.reason() + "); hand over from this store's list.");
        };
        Json.send(response, Status.OK_200, answer);
    }

    private void collect(ServerRequest request, ServerResponse response) {
        Session session = access.require(request, Access.STAFF);
        OrderId id = orderId(request);
        String key = Idempotency.requireKey(request, "each hand-over");
        CollectRequest body = Json.read(request, CollectRequest.class);
        List<LineQuantity> lines = body.lines() == null ? List.of() : body.lines();
        if (lines.stream().map(LineQuantity::lineNumber).distinct().count() != lines.size()) {
            throw ProblemException.field(422, "collection-lines-invalid", "Each line once", "lines",
                    "name each order line once in a hand-over, with its whole quantity");
        }
        List<NotCollected> setAside = notCollected(body);
        if (setAside.stream().map(NotCollected::lineNumber).distinct().count() != setAside.size()) {
            throw ProblemException.field(422, "collection-lines-invalid", "Each line once", "notCollected",
                    "set each order line aside once in a hand-over, with one reason");
        }
        CollectCommand command = new CollectCommand(id, lines, setAside, identity(body), session.principal(),
                Optional.ofNullable(body.expectedVersion()), key);
        switch (desk.collect(command)) {
            case CollectOutcome.Collected collected -> {
                Optional<PrintTicket> printed = collected.replayed() ? Optional.empty()
                        : receipts.print(collected.collection(), collected.order(), Optional.ofNullable(body.printerId()));
                if (collected.replayed()) {
                    Idempotency.markReplayed(response);
                }
                Json.send(response, Status.CREATED_201, new CollectedView(
                        OrderView.CollectionView.of(collected.collection()), OrderView.of(collected.order()),
                        printed.orElse(null)));
            }
            case CollectOutcome.Refused refused -> throw refusal(refused);
        }
    }

    private void reprint(ServerRequest request, ServerResponse response) {
        access.require(request, Access.STAFF);
        OrderId id = orderId(request);
        String collectionId = request.path().pathParameters().get("collectionId");
        Order order = orders.find(id).orElseThrow(() -> notFound(id));
        Collection collection = desk.collectionsOf(id).stream().filter(c -> c.collectionId().equals(collectionId))
                .findFirst().orElseThrow(() -> new ProblemException(404, "collection-not-found", "No such collection",
                        "Order " + id + " has no collection " + collectionId + "."));
        PrintTicket ticket = receipts.print(collection, order,
                request.query().first("printerId").asOptional()).orElseThrow(() -> new ProblemException(409,
                "no-printer", "No printer", "This store has no receipt printer configured."));
        Json.send(response, Status.ACCEPTED_202, ticket);
    }

    private void returnToSenderList(ServerRequest request, ServerResponse response) {
        access.require(request, Access.STAFF);
        Json.send(response, Status.OK_200, Map.of("orders",
                expiry.returnToSenderList().stream().map(OrderView.SummaryView::of).toList()));
    }

    private void returnToSender(ServerRequest request, ServerResponse response) {
        Session session = access.require(request, Access.STAFF);
        OrderId id = orderId(request);
        Order returned = expiry.markReturnedToSender(id, session.principal()).orElseThrow(() -> {
            Order order = orders.find(id).orElseThrow(() -> notFound(id));
            return new ProblemException(new Problem(409, "order-not-expired", "Not on the return-to-sender list",
                    "Order " + id + " is " + order.status() + "; only expired orders go back.")
                    .with("order", OrderView.of(order)));
        });
        Json.send(response, Status.OK_200, Map.of("order", OrderView.of(returned)));
    }

    private static ProblemException refusal(CollectOutcome.Refused refused) {
        int status = switch (refused.reason()) {
            case ORDER_NOT_FOUND -> 404;
            case NOTHING_TO_COLLECT, LINE_NOT_FOUND, IDEMPOTENCY_KEY_REUSED -> 422;
            case ORDER_NOT_COLLECTABLE, ORDER_CHANGED, QUANTITY_EXCEEDS_REMAINING, CANCELLED_CENTRALLY,
                 UNKNOWN_TO_CENTRAL -> 409;
        };
        Problem problem = new Problem(status, refused.reason().code(), title(refused.reason()), refused.message());
        return new ProblemException(refused.order().map(o -> problem.with("order", OrderView.of(o))).orElse(problem));
    }

    private static String title(Refusal reason) {
        return switch (reason) {
            case ORDER_NOT_FOUND -> "No such order in this store";
            case ORDER_NOT_COLLECTABLE -> "This order cannot be handed over";
            case ORDER_CHANGED -> "Someone else changed this order";
            case NOTHING_TO_COLLECT -> "Nothing chosen to hand over";
            case LINE_NOT_FOUND -> "No such line in this order";
            case QUANTITY_EXCEEDS_REMAINING -> "More than is left to hand over";
            case CANCELLED_CENTRALLY -> "Head office cancelled this order";
            case UNKNOWN_TO_CENTRAL -> "Head office does not know this order";
            case IDEMPOTENCY_KEY_REUSED -> "Idempotency-Key already used";
        };
    }

    /**
     * How the colleague checked: the method, the kind of photo ID ({@code idKind}, required for a
     * PROXY, optional for ID_SEEN so earlier callers keep working) and a proxy's name.
     */
    private static IdentityCheck identity(CollectRequest body) {
        Verification method = verification(body.verification());
        Optional<PhotoId> photoId = Optional.ofNullable(body.idKind()).map(kind -> {
            try {
                return PhotoId.valueOf(kind);
            } catch (IllegalArgumentException e) {
                throw ProblemException.field(422, "id-kind-invalid", "Unknown kind of photo ID", "idKind",
                        "one of DRIVING_LICENCE, PASSPORT, NATIONAL_ID_CARD, OTHER_PHOTO_ID, not '" + kind + "'");
            }
        });
        Optional<String> collector = Optional.ofNullable(body.collectorName());
        IdentityCheck.problem(method, photoId, collector).ifPresent(problem -> {
            throw ProblemException.field(422, "identity-check-invalid", "The check does not add up",
                    collector.isPresent() || method == Verification.PROXY ? "collectorName" : "idKind", problem);
        });
        return new IdentityCheck(method, photoId, collector);
    }

    private static List<NotCollected> notCollected(CollectRequest body) {
        List<NotCollected> setAside = new java.util.ArrayList<>();
        List<NotCollectedBody> given = body.notCollected() == null ? List.of() : body.notCollected();
        for (int i = 0; i < given.size(); i++) {
            NotCollectedBody line = given.get(i);
            String field = "notCollected[" + i + "]";
            if (line == null || line.lineNumber() == null || line.lineNumber() < 1 || line.quantity() == null
                    || line.quantity() < 1) {
                throw ProblemException.field(422, "collection-lines-invalid", "A line set aside needs its number and how many",
                        field, "give a lineNumber and a quantity of at least 1");
            }
            try {
                setAside.add(new NotCollected(line.lineNumber(), line.quantity(),
                        NotCollectedReason.valueOf(String.valueOf(line.reason()))));
            } catch (IllegalArgumentException e) {
                throw ProblemException.field(422, "not-collected-reason-invalid", "Why was it not collected?",
                        field + ".reason", "one of DECLINED, DAMAGED, MISSING, not '" + line.reason() + "'");
            }
        }
        return setAside;
    }

    private static Verification verification(String value) {
        if (value == null) {
            throw new ProblemException(422, "verification-missing", "How was the customer checked?",
                    "Say how the customer was verified: COLLECTION_CODE, QR_CODE, ID_SEEN or PROXY.");
        }
        try {
            return Verification.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(422, "verification-invalid", "Unknown verification",
                    "Verification must be COLLECTION_CODE, QR_CODE, ID_SEEN or PROXY, not '" + value + "'.");
        }
    }

    static OrderId orderId(ServerRequest request) {
        String raw = request.path().pathParameters().get("orderId");
        if (!OrderId.isWellFormed(raw)) {
            throw new ProblemException(400, "order-id-invalid", "That is not an order number",
                    "Order numbers are 3 to 32 capital letters, digits or dashes, such as CC-104233; got '" + raw + "'.");
        }
        return new OrderId(raw);
    }

    static ProblemException notFound(OrderId id) {
        return new ProblemException(404, "order-not-found", "No such order in this store",
                "Order " + id + " is not in this store's manifest.");
    }
}
