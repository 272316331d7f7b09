package io.holdfast.gateway.exceptions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.exceptions.ExceptionAction;
import io.holdfast.exceptions.ExceptionHistory;
import io.holdfast.exceptions.ManagerException;
import io.holdfast.exceptions.ManagerExceptions;
import io.holdfast.gateway.auth.Access;
import io.holdfast.gateway.http.Json;
import io.holdfast.gateway.http.ProblemException;
import io.holdfast.staff.Role;
import io.holdfast.staff.Session;

/**
 * {@code /api/v1/exceptions}: what the store manager must resolve. Supervisors see them all, assign
 * them and resolve them with a note; a colleague sees those assigned to them. Staff add notes and take
 * the actions that fit each kind.
 */
public final class ExceptionHttpService implements HttpService {

    record Resolution(String note) {
    }

    record Assignment(String staffId) {
    }

    record Note(String note) {
    }

    record Action(String action, String note) {
    }

    /** An exception as the API shows it; the resolution fields are null while it is open. */
    record ExceptionView(String exceptionId, String kind, String aggregateId, String detail, Instant raisedAt,
                         boolean open, String assignedTo, List<String> actions, String resolvedBy, String resolution,
                         Instant resolvedAt) {
        static ExceptionView of(ManagerException e) {
            return new ExceptionView(e.exceptionId(), e.kind().name(), e.aggregateId(), e.detail(), e.raisedAt(),
                    e.open(), e.assignedTo().orElse(null),
                    e.open() ? e.kind().actions().stream().map(Enum::name).toList() : List.of(),
                    e.resolution().map(ManagerException.Resolution::staffId).orElse(null),
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
            Session session = access.require(request, Access.STAFF);
            boolean all = session.role() == Role.SUPERVISOR;
            Optional<String> me = Optional.of(session.principal());
            Json.send(response, Status.OK_200, Map.of("exceptions", exceptions.list().stream()
                    .filter(e -> all || e.assignedTo().equals(me)).map(ExceptionView::of).toList()));
        }).get("/{exceptionId}/history", this::history)
                .post("/{exceptionId}/resolution", this::resolve)
                .post("/{exceptionId}/assignment", this::assign)
                .post("/{exceptionId}/notes", this::note)
                .post("/{exceptionId}/actions", this::act);
    }

    private void history(ServerRequest request, ServerResponse response) {
        access.require(request, Access.STAFF);
        String id = request.path().pathParameters().get("exceptionId");
        if (exceptions.find(id).isEmpty()) {
            throw notFound(id);
        }
        List<ExceptionHistory> history = exceptions.history(id);
        Json.send(response, Status.OK_200, Map.of("exceptionId", id, "history", history.stream().map(step -> {
            Map<String, Object> view = new java.util.LinkedHashMap<>();
            view.put("at", step.at());
            view.put("actor", step.actor());
            view.put("entry", step.entry().name());
            step.action().ifPresent(action -> view.put("action", action.name()));
            view.put("note", step.note());
            return view;
        }).toList()));
    }

    private void resolve(ServerRequest request, ServerResponse response) {
        Session session = access.require(request, Access.SUPERVISORS);
        String id = request.path().pathParameters().get("exceptionId");
        String note = required(Json.read(request, Resolution.class).note(), "resolution-note-missing",
                "Say how it was resolved", "A resolution needs a note, such as what the customer and head office agreed.");
        Json.send(response, Status.OK_200, exceptions.resolve(id, session.principal(), note)
                .map(ExceptionView::of).orElseThrow(() -> new ProblemException(404, "exception-not-open", "No open exception",
                        "There is no open exception " + id + "; it may be resolved already.")));
    }

    private void assign(ServerRequest request, ServerResponse response) {
        Session session = access.require(request, Access.SUPERVISORS);
        String id = request.path().pathParameters().get("exceptionId");
        String staffId = required(Json.read(request, Assignment.class).staffId(), "assignee-missing",
                "Say who looks after it", "An assignment needs the colleague's staff id.");
        answer(response, exceptions.assign(id, staffId, session.principal()));
    }

    private void note(ServerRequest request, ServerResponse response) {
        Session session = access.require(request, Access.STAFF);
        String id = request.path().pathParameters().get("exceptionId");
        String note = required(Json.read(request, Note.class).note(), "note-missing", "Write the note",
                "A note needs some words.");
        answer(response, exceptions.note(id, note, session.principal()));
    }

    private void act(ServerRequest request, ServerResponse response) {
        Session session = access.require(request, Access.STAFF);
        String id = request.path().pathParameters().get("exceptionId");
        Action body = Json.read(request, Action.class);
        ExceptionAction action = parse(body.action());
        String note = required(body.note(), "note-missing", "Say what was done",
                "An action needs a note, such as who was called or what was agreed.");
        answer(response, exceptions.act(id, action, note, session.principal()));
    }

    private static ExceptionAction parse(String action) {
        try {
            return ExceptionAction.valueOf(String.valueOf(action));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(422, "exception-action-invalid", "No such action",
                    "'" + action + "' is not an action; the actions are " + List.of(ExceptionAction.values()) + ".");
        }
    }

    private static void answer(ServerResponse response, ManagerExceptions.Outcome outcome) {
        switch (outcome) {
            case ManagerExceptions.Outcome.Done done -> Json.send(response, Status.OK_200, ExceptionView.of(done.exception()));
            case ManagerExceptions.Outcome.NotFound missing -> throw notFound(missing.exceptionId());
            case ManagerExceptions.Outcome.AlreadyResolved resolved -> throw new ProblemException(409,
                    "exception-resolved", "Already resolved", resolved.exception().exceptionId() + " was resolved by "
                    + resolved.exception().resolution().orElseThrow().staffId() + "; add a note instead.");
            case ManagerExceptions.Outcome.ActionNotFitting wrong -> throw new ProblemException(422,
                    "exception-action-not-allowed", "That action does not fit this exception",
                    wrong.action() + " is not for " + wrong.kind() + "; its actions are " + wrong.kind().actions() + ".");
        }
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(404, "exception-not-found", "No such exception", "There is no exception " + id + ".");
    }

    private static String required(String text, String code, String title, String detail) {
        if (text == null || text.isBlank()) {
            throw new ProblemException(422, code, title, detail);
        }
        return text.strip();
    }
}
