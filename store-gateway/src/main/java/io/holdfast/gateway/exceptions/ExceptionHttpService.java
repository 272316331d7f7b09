package io.holdfast.gateway.exceptions;

import java.time.Instant;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.exceptions.ManagerException;
import io.holdfast.exceptions.ManagerExceptions;
import io.holdfast.gateway.auth.Access;
import io.holdfast.gateway.http.Json;
import io.holdfast.gateway.http.ProblemException;
import io.holdfast.staff.Session;

/** {@code /api/v1/exceptions}: what the store manager must resolve. Supervisors only. */
public final class ExceptionHttpService implements HttpService {

    record Resolution(String note) {
    }

    /** An exception as the API shows it; the resolution fields are null while it is open. */
    record ExceptionView(String exceptionId, String kind, String aggregateId, String detail, Instant raisedAt,
                         boolean open, String resolvedBy, String resolution, Instant resolvedAt) {
        static ExceptionView of(ManagerException e) {
            return new ExceptionView(e.exceptionId(), e.kind().name(), e.aggregateId(), e.detail(), e.raisedAt(),
                    e.resolution().isEmpty(), e.resolution().map(ManagerException.Resolution::staffId).orElse(null),
                    e.resolution().map(ManagerException.Resolution::note).orElse(null),
                    e.resolution().map(ManagerException.Resolution::at).orElse(null));
        }
    }

    private final ManagerExceptions exceptions;
    private final Access access;

    public ExceptionHttpService(ManagerExceptions exceptions, Access access) {
        this.exceptions = exceptions;
        this.access = access;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (request, response) -> {
            access.require(request, Access.SUPERVISORS);
            Json.send(response, Status.OK_200, Map.of("exceptions",
                    exceptions.list().stream().map(ExceptionView::of).toList()));
        }).post("/{exceptionId}/resolution", this::resolve);
    }

    private void resolve(ServerRequest request, ServerResponse response) {
        Session session = access.require(request, Access.SUPERVISORS);
        String id = request.path().pathParameters().get("exceptionId");
        Resolution body = Json.read(request, Resolution.class);
        if (body.note() == null || body.note().isBlank()) {
            throw new ProblemException(422, "resolution-note-missing", "Say how it was resolved",
                    "A resolution needs a note, such as what the customer and head office agreed.");
        }
        Json.send(response, Status.OK_200, exceptions.resolve(id, session.principal(), body.note().strip())
                .map(ExceptionView::of).orElseThrow(() -> new ProblemException(404, "exception-not-open", "No open exception",
                        "There is no open exception " + id + "; it may be resolved already.")));
    }
}
