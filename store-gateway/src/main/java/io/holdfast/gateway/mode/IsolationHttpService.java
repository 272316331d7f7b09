package io.holdfast.gateway.mode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
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
import io.holdfast.mode.BoardDecision;
import io.holdfast.mode.Capability;
import io.holdfast.mode.IsolationSource;
import io.holdfast.mode.ModeBoard;
import io.holdfast.staff.Session;

/**
 * {@code POST /api/v1/admin/isolation}: the store manager's kill switch. Supervisors isolate or
 * restore capabilities ({@code ALL} for every one); it is audited, and the manager may restore only
 * what the manager isolated.
 */
public final class IsolationHttpService implements HttpService {

    record Request(String action, List<String> capabilities, String reason) {
    }

    private final ModeBoard board;
    private final Access access;

    public IsolationHttpService(ModeBoard board, Access access) {
        this.board = board;
        this.access = access;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::isolation);
    }

    private void isolation(ServerRequest request, ServerResponse response) {
        Session session = access.require(request, Access.SUPERVISORS);
        Request body = Json.read(request, Request.class);
        Set<Capability> capabilities = capabilities(body.capabilities());
        String reason = body.reason() == null || body.reason().isBlank()
                ? invalid("reason-missing", "Say why, in a few words: it goes in the audit log.") : body.reason().strip();
        String action = body.action() == null ? "" : body.action().toUpperCase(Locale.ROOT);
        BoardDecision decision = switch (action) {
            case "ISOLATE" -> board.isolate(capabilities, IsolationSource.STORE_MANAGER, session.principal(), reason);
            case "RESTORE" -> board.restore(capabilities, IsolationSource.STORE_MANAGER, session.principal(), reason);
            default -> invalid("isolation-action-invalid",
                    "Action must be ISOLATE or RESTORE, not '" + body.action() + "'.");
        };
        if (decision instanceof BoardDecision.Refused refused) {
            throw new ProblemException(409, "isolation-not-yours", "Not yours to lift", refused.reason());
        }
        Json.send(response, Status.OK_200, Map.of(
                "changed", decision instanceof BoardDecision.Changed,
                "note", decision instanceof BoardDecision.Unchanged unchanged ? unchanged.why() : "done",
                "capabilities", board.all().stream().map(s -> Map.of("capability", s.capability().name(),
                        "state", s.state().name())).toList()));
    }

    private static Set<Capability> capabilities(List<String> names) {
        if (names == null || names.isEmpty()) {
            invalid("capability-missing", "Name the capabilities: ORDERS, REFUNDS, GIFT_CARDS, PAYMENTS, LOYALTY or ALL.");
        }
        Set<Capability> chosen = EnumSet.noneOf(Capability.class);
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            String upper = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
            if (upper.equals("ALL")) {
                chosen.addAll(EnumSet.allOf(Capability.class));
                continue;
            }
            try {
                chosen.add(Capability.valueOf(upper));
            } catch (IllegalArgumentException e) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            invalid("capability-unknown", "No capability called " + unknown
                    + "; there are ORDERS, REFUNDS, GIFT_CARDS, PAYMENTS, LOYALTY, or ALL.");
        }
        return chosen;
    }

    private static <T> T invalid(String code, String detail) {
        throw new ProblemException(422, code, "The isolation request cannot be carried out", detail);
    }
}
