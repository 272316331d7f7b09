package io.holdfast.gateway.http;

import java.util.Set;

import io.helidon.http.BadRequestException;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.NotFoundException;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;

import io.holdfast.money.AmountOutOfRangeException;
import io.holdfast.outbox.OutboxFullException;
import io.holdfast.store.StoreException;

/**
 * Every error leaves as problem+json with a stable code. Internal messages stay in the log, keyed
 * by the request id that the client also sees.
 */
public final class ErrorHandling {

    private static final System.Logger LOG = System.getLogger(ErrorHandling.class.getName());

    private ErrorHandling() {
    }

    /** Error handlers for a server whose every unknown request is a 404. */
    public static void register(HttpRouting.Builder routing) {
        register(routing, Routes.none());
    }

    /**
     * Error handlers; Helidon raises {@link NotFoundException} for a request no route takes, which
     * is a 405 with {@code Allow} when one of {@code routes} has the path under another method.
     */
    public static void register(HttpRouting.Builder routing, Routes routes) {
        routing.error(ProblemException.class, (request, response, e) ->
                        ProblemResponses.send(request, response, e.problem()))
                .error(NotFoundException.class, (request, response, e) -> {
                    String path = request.path().absolute().path();
                    Set<String> allowed = routes.methodsAt(path);
                    if (allowed.isEmpty()) {
                        ProblemResponses.send(request, response, notFound(request.path().absolute().rawPath()));
                        return;
                    }
                    response.header(HeaderNames.ALLOW, String.join(", ", allowed));
                    ProblemResponses.send(request, response, new Problem(405, "method-not-allowed",
                            "Not with this method", request.prologue().method().text() + " is not how "
                            + request.path().absolute().rawPath() + " is used; it takes " + String.join(", ", allowed)
                            + "."));
                })
                .error(BadRequestException.class, (request, response, e) ->
                        ProblemResponses.send(request, response, new Problem(400, "bad-request",
                                "The request could not be understood", e.getMessage())))
                .error(HttpException.class, (request, response, e) ->
                        ProblemResponses.send(request, response, new Problem(e.status().code(),
                                "http-" + e.status().code(), e.status().reasonPhrase(), e.getMessage())))
                .error(AmountOutOfRangeException.class, (request, response, e) ->
                        ProblemResponses.send(request, response, new Problem(422, "amount-out-of-range",
                                "An amount is too large", e.getMessage())))
                .error(OutboxFullException.class, (request, response, e) -> {
                    LOG.log(System.Logger.Level.ERROR, e.getMessage());
                    ProblemResponses.send(request, response, new Problem(503, "outbox-full",
                            "The store cannot take new work until head office catches up", e.getMessage()));
                })
                .error(StoreException.class, (request, response, e) -> {
                    LOG.log(System.Logger.Level.ERROR, "Store fault on " + request.path().absolute().rawPath(), e);
                    ProblemResponses.send(request, response, new Problem(503, "store-unavailable",
                            "The store's database did not answer",
                            "The gateway could not read or write its local store; quote request id "
                                    + RequestIds.current() + " to IT."));
                })
                .error(Throwable.class, (request, response, e) -> {
                    LOG.log(System.Logger.Level.ERROR, "Unexpected fault on " + request.path().absolute().rawPath(), e);
                    ProblemResponses.send(request, response, new Problem(500, "internal-error",
                            "Something went wrong in the gateway",
                            "Quote request id " + RequestIds.current() + " to IT."));
                });
    }

    /**
     * Errors Helidon answers before routing (a body over the size limit, a request it cannot
     * parse): the same problem shape, with the caller's request id when it sent a sane one, else a
     * new one, in the body and the {@code X-Request-Id} header, so a refused upload can be traced.
     */
    public static DirectHandlers directHandlers() {
        DirectHandler handler = (request, eventType, status, headers, message) -> {
            // Helidon reports an oversized body as BAD_REQUEST with status 413, so go by the status.
            boolean tooLarge = status.code() == 413;
            String code = tooLarge ? "payload-too-large" : status.code() == 400 ? "bad-request" : "http-" + status.code();
            String detail = tooLarge
                    ? "The request body is larger than this gateway accepts."
                    : "The request could not be understood.";
            Problem problem = new Problem(status.code(), code, status.reasonPhrase(), detail);
            String requestId = RequestIds.idFor(request.headers().first(RequestIds.HEADER));
            return DirectHandler.TransportResponse.builder()
                    .status(status)
                    .headers(headers)
                    .header(HeaderNames.CONTENT_TYPE, ProblemResponses.MEDIA_TYPE)
                    .header(RequestIds.HEADER, requestId)
                    .entity(ProblemResponses.body(problem, request.path(), requestId))
                    .build();
        };
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    static Problem notFound(String path) {
        return new Problem(404, "not-found", "There is nothing at this address", "No route answers " + path + ".");
    }
}
