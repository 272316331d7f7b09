package io.holdfast.regional.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.audit.AuditLog;
import io.holdfast.regional.ConsoleServices;
import io.holdfast.regional.Refused;
import io.holdfast.regional.fleet.FleetView;
import io.holdfast.regional.fleet.StoreReport;
import io.holdfast.regional.operator.Operators;
import io.holdfast.regional.operator.Role;

/**
 * The console's HTTP surface: the fleet page, sign-in, the fleet and a store as JSON, the audit log,
 * with {@link ActionRoutes} and {@link PlanRoutes} for what operators do; every error as problem+json.
 * Every request but the page and sign-in needs a session ({@code Authorization: Bearer}); a role that
 * does not allow an action is a 403 {@code role-required}.
 */
public final class ConsoleRoutes {

    private static final System.Logger LOG = System.getLogger(ConsoleRoutes.class.getName());

    private final ConsoleServices console;
    private final Access access;

    public ConsoleRoutes(ConsoleServices console) {
        this.console = console;
        this.access = new Access(console.sessions());
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/", (request, response) -> {
                    response.status(io.helidon.http.Status.SEE_OTHER_303);
                    response.header(HeaderNames.LOCATION, "/fleet");
                    response.send();
                })
                .get("/fleet", (request, response) -> page(response, "/pages/fleet.html"))
                .post("/api/sessions", this::signIn)
                .delete("/api/sessions", (request, response) -> {
                    Access.token(request).ifPresent(console.sessions()::close);
                    response.status(io.helidon.http.Status.NO_CONTENT_204).send();
                })
                .get("/api/fleet", this::fleet)
                .get("/api/stores/{store}", this::store)
                .get("/api/audit", (request, response) -> {
                    access.need(request, Role.VIEWER);
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("chain", switch (console.audit().verify()) {
                        case AuditLog.Verification.Intact intact -> "intact, " + intact.entries() + " entries";
                        case AuditLog.Verification.Broken broken -> "broken at " + broken.sequence() + ": "
                                + broken.reason();
                    });
                    answer.put("latest", console.audit().latest(50));
                    Answers.json(response, answer);
                });
        new ActionRoutes(console, access).register(routing);
        new PlanRoutes(console, access).register(routing);
        routing.any((request, response) -> Answers.problem(request, response, 404, "not-found", "nothing is at "
                        + request.path().absolute().rawPath()))
                .error(Refused.class, (request, response, e) ->
                        Answers.problem(request, response, e.status(), e.code(), e.getMessage()))
                .error(IllegalArgumentException.class, (request, response, e) ->
                        Answers.problem(request, response, 422, "invalid", e.getMessage()))
                .error(Throwable.class, (request, response, e) -> {
                    LOG.log(System.Logger.Level.ERROR, "console fault on " + request.path().absolute().rawPath(), e);
                    Answers.problem(request, response, 500, "internal-error", "the console failed; see its log");
                });
    }

    private void signIn(ServerRequest request, ServerResponse response) {
        JsonNode body = Answers.body(request);
        String id = Answers.text(body, "operator");
        char[] passphrase = Answers.text(body, "passphrase").toCharArray();
        Operators.Unlocked operator = console.operators().unlock(id, passphrase).orElseThrow(() -> {
            console.audit().append(console.clock().instant(), id, "SIGN_IN_REFUSED", id, Map.of());
            return new Refused(401, "sign-in-refused", "that operator and passphrase do not match");
        });
        console.audit().append(console.clock().instant(), id, "SIGNED_IN", id,
                Map.of("role", operator.operator().role().name()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", console.sessions().open(operator));
        answer.put("operator", operator.operator().id());
        answer.put("role", operator.operator().role().name());
        Answers.json(response, 201, answer);
    }

    private void fleet(ServerRequest request, ServerResponse response) {
        access.need(request, Role.VIEWER);
        long since = request.query().first("since").map(ConsoleRoutes::parseLong).orElse(0L);
        long version = console.fleet().version();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FleetView.Row row : console.fleet().changedSince(since)) {
            rows.add(row(row));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", version);
        answer.put("totals", console.fleet().totals());
        answer.put("rejected", console.fleet().rejected());
        answer.put("rows", rows);
        Answers.json(response, answer);
    }

    private void store(ServerRequest request, ServerResponse response) {
        access.need(request, Role.VIEWER);
        String id = request.path().pathParameters().get("store");
        FleetView.Row row = console.fleet().row(id).orElseThrow(() ->
                new Refused(404, "store-not-found", "store '" + id + "' is not in the fleet register"));
        Map<String, Object> answer = row(row);
        answer.put("events", console.events().recent(id, 50));
        answer.put("commands", console.commands().sentTo(id, 50));
        Answers.json(response, answer);
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new Refused(400, "since-invalid", "'since' is the version a previous answer gave");
        }
    }

    static Map<String, Object> row(FleetView.Row row) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("store", row.store().id());
        map.put("region", row.store().region());
        map.put("cohorts", row.store().cohorts().stream().sorted().toList());
        map.put("offline", row.offline());
        map.put("late", row.late());
        Optional<StoreReport> report = row.report();
        map.put("mode", report.map(StoreReport::mode).orElse("UNKNOWN"));
        Map<String, String> states = new LinkedHashMap<>();
        report.ifPresent(r -> r.capabilities().forEach((c, s) -> states.put(c, s.state())));
        map.put("capabilities", states);
        map.put("backlog", report.map(StoreReport::backlog).orElse(0L));
        map.put("eventsPerSecond", report.map(StoreReport::eventsPerSecond).orElse(0L));
        map.put("version", report.map(StoreReport::gatewayVersion).orElse(""));
        map.put("update", report.map(StoreReport::updateState).orElse(""));
        map.put("heardAt", report.map(r -> r.heardAt().toString()).orElse(""));
        map.put("reportedAt", report.map(r -> r.reportedAt().toString()).orElse(""));
        map.put("flags", report.map(StoreReport::flags).orElse(List.of()));
        return map;
    }

    private static void page(ServerResponse response, String resource) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the console's jar");
            }
            response.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
            response.header(HeaderNames.CACHE_CONTROL, "no-store");
            response.send(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
