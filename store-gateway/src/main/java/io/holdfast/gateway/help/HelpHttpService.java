package io.holdfast.gateway.help;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.gateway.auth.Access;
import io.holdfast.gateway.http.Json;
import io.holdfast.gateway.http.ProblemException;
import io.holdfast.help.HelpCall;
import io.holdfast.help.HelpCalls;
import io.holdfast.staff.Role;
import io.holdfast.staff.Session;

/**
 * {@code /api/v1/help-calls}: "Call a colleague". A kiosk or till calls ({@code POST}, one open call
 * per device: pressing again answers the same call); the desk lists open calls ({@code GET}) and a
 * colleague answers one ({@code POST /{callId}/answer}).
 */
public final class HelpHttpService implements HttpService {

    private static final Set<Role> CALLERS = EnumSet.of(Role.KIOSK, Role.TILL, Role.COLLEAGUE, Role.SUPERVISOR);

    record CallBody(String screen) {
    }

    record CallView(String callId, String caller, String screen, Instant calledAt) {
        static CallView of(HelpCall call) {
            return new CallView(call.callId(), call.caller(), call.screen(), call.calledAt());
        }
    }

    private final HelpCalls calls;
    private final Access access;

    public HelpHttpService(HelpCalls calls, Access access) {
        this.calls = calls;
        this.access = access;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::call)
                .get("/", (request, response) -> {
                    access.require(request, Access.STAFF);
                    Json.send(response, Status.OK_200, Map.of("calls", calls.open().stream().map(CallView::of).toList()));
                })
                .post("/{callId}/answer", this::answer);
    }

    private void call(ServerRequest request, ServerResponse response) {
        Session session = access.require(request, CALLERS);
        CallBody body = Json.read(request, CallBody.class);
        String screen = body.screen() == null ? "" : body.screen().strip();
        if (!screen.matches("[a-z][a-z-]{0,31}")) {
            throw ProblemException.field("screen-invalid", "Say which screen the call came from", "screen",
                    "a screen name of lower-case letters and dashes, such as \"lines\", is needed");
        }
        HelpCalls.Called called = calls.call(session.principal(), screen);
        Json.send(response, called.fresh() ? Status.CREATED_201 : Status.OK_200, CallView.of(called.call()));
    }

    private void answer(ServerRequest request, ServerResponse response) {
        Session session = access.require(request, Access.STAFF);
        String callId = request.path().pathParameters().get("callId");
        Json.send(response, Status.OK_200, calls.answer(callId, session.principal()).map(CallView::of)
                .orElseThrow(() -> new ProblemException(404, "help-call-not-open", "No such call waiting",
                        "There is no open call " + callId + "; a colleague may have answered it already.")));
    }
}
