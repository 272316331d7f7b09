package io.holdfast.regional.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.audit.AuditLog;
import io.holdfast.mode.Capability;
import io.holdfast.regional.ConsoleServices;
import io.holdfast.regional.Refused;
import io.holdfast.regional.command.Target;
import io.holdfast.regional.fleet.FleetView;
import io.holdfast.regional.fleet.StoreReport;
import io.holdfast.regional.operator.Operators;
import io.holdfast.regional.operator.Role;
import io.holdfast.regional.rollout.RolloutPlans;
import io.holdfast.regional.rollout.RolloutRule;

/**
 * The console's HTTP surface: the fleet page, and the JSON API the page and {@code holdfast fleet}
 * use. Every request but the page and sign-in needs a session ({@code Authorization: Bearer});
 * a role that does not allow an action is a 403 {@code role-required}.
 */
public final class ConsoleRoutes {

    private static final System.Logger LOG = System.getLogger(ConsoleRoutes.class.getName());

    private final ConsoleServices console;

    public ConsoleRoutes(ConsoleServices console) {
        this.console = console;
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
                    token(request).ifPresent(console.sessions()::close);
                    response.status(io.helidon.http.Status.NO_CONTENT_204).send();
                })
                .get("/api/fleet", this::fleet)
                .get("/api/stores/{store}", this::store)
                .post("/api/containment", this::containment)
                .post("/api/notices", this::notice)
                .post("/api/rates", this::rate)
                .post("/api/policies", this::policy)
                .get("/api/waves", (request, response) -> {
                    need(request, Role.VIEWER);
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("plans", console.waves().plans());
                    answer.put("rate", console.rate().samples());
                    answer.put("admittedRate", console.admittedRate());
                    Answers.json(response, answer);
                })
                .post("/api/waves", this::requestWaves)
                .post("/api/waves/{id}/{action}", (request, response) -> {
                    Operators.Unlocked operator = need(request, Role.OPERATOR);
                    Answers.json(response, console.waves().control(operator.operator().id(),
                            request.path().pathParameters().get("id"), request.path().pathParameters().get("action")));
                })
                .get("/api/rollouts", (request, response) -> {
                    need(request, Role.VIEWER);
                    Answers.json(response, console.rollouts().rollouts());
                })
                .post("/api/rollouts", this::requestRollout)
                .post("/api/rollouts/{id}/{action}", (request, response) -> {
                    Operators.Unlocked operator = need(request, Role.OPERATOR);
                    Answers.json(response, console.rollouts().control(operator,
                            request.path().pathParameters().get("id"), request.path().pathParameters().get("action")));
                })
                .get("/api/actions", (request, response) -> {
                    need(request, Role.VIEWER);
                    Answers.json(response, console.commands().actions(30));
                })
                .get("/api/approvals", (request, response) -> {
                    need(request, Role.VIEWER);
                    Answers.json(response, console.approvals().recent(50));
                })
                .post("/api/approvals/{id}", this::decide)
                .get("/api/audit", (request, response) -> {
                    need(request, Role.VIEWER);
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("chain", switch (console.audit().verify()) {
                        case AuditLog.Verification.Intact intact -> "intact, " + intact.entries() + " entries";
                        case AuditLog.Verification.Broken broken -> "broken at " + broken.sequence() + ": "
                                + broken.reason();
                    });
                    answer.put("latest", console.audit().latest(50));
                    Answers.json(response, answer);
                })
                .any((request, response) -> Answers.problem(request, response, 404, "not-found", "nothing is at "
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
        need(request, Role.VIEWER);
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
        need(request, Role.VIEWER);
        String id = request.path().pathParameters().get("store");
        FleetView.Row row = console.fleet().row(id).orElseThrow(() ->
                new Refused(404, "store-not-found", "store '" + id + "' is not in the fleet register"));
        Map<String, Object> answer = row(row);
        answer.put("events", console.events().recent(id, 50));
        answer.put("commands", console.commands().sentTo(id, 50));
        Answers.json(response, answer);
    }

    private void containment(ServerRequest request, ServerResponse response) {
        Operators.Unlocked operator = need(request, Role.OPERATOR);
        JsonNode body = Answers.body(request);
        String type = Answers.text(body, "type");
        if (!type.equals("ISOLATE") && !type.equals("RESTORE")) {
            throw new Refused(422, "type-invalid", "containment is ISOLATE or RESTORE, not '" + type + "'");
        }
        Set<String> capabilities = capabilities(body);
        String reason = body.path("reason").asText("regional IT");
        Target target = target(body);
        Answers.json(response, 202, console.containment().send(operator, target, type,
                Map.of("capabilities", List.copyOf(capabilities), "reason", reason), capabilities,
                Optional.of(type.equals("ISOLATE") ? "ISOLATED" : "RESTORING"),
                type.toLowerCase() + " " + String.join(",", capabilities) + " at " + target.label() + ": " + reason));
    }

    private void notice(ServerRequest request, ServerResponse response) {
        Operators.Unlocked operator = need(request, Role.OPERATOR);
        JsonNode body = Answers.body(request);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("capability", Answers.text(body, "capability"));
        fields.put("state", Answers.text(body, "state"));
        fields.put("audience", Answers.text(body, "audience"));
        fields.put("text", Answers.text(body, "text"));
        Target target = target(body);
        Answers.json(response, 202, console.containment().send(operator, target, "SET_NOTICE", fields, Set.of(),
                Optional.empty(), "notice for " + fields.get("capability") + " at " + target.label()));
    }

    private void rate(ServerRequest request, ServerResponse response) {
        Operators.Unlocked operator = need(request, Role.OPERATOR);
        JsonNode body = Answers.body(request);
        int rate = Answers.number(body, "eventsPerSecond", -1);
        if (rate < 1) {
            throw new Refused(422, "field-required", "'eventsPerSecond' is required");
        }
        Target target = target(body);
        Answers.json(response, 202, console.containment().send(operator, target, "SET_RATE",
                Map.of("eventsPerSecond", rate), Set.of(), Optional.empty(),
                "resync rate " + rate + " events/s at " + target.label()));
    }

    private void policy(ServerRequest request, ServerResponse response) {
        Operators.Unlocked operator = need(request, Role.OPERATOR);
        JsonNode body = Answers.body(request);
        JsonNode policy = body.path("policy");
        if (!policy.isObject() || !policy.path("version").canConvertToLong() || policy.path("version").asLong() < 1) {
            throw new Refused(422, "policy-invalid", "'policy' must be an object with a positive version");
        }
        Target target = target(body);
        Answers.json(response, 202, console.containment().send(operator, target, "REPLACE_POLICY",
                Map.of("policy", policy), Set.of(), Optional.empty(),
                "policy version " + policy.get("version").asLong() + " at " + target.label()));
    }

    private void requestWaves(ServerRequest request, ServerResponse response) {
        Operators.Unlocked operator = need(request, Role.OPERATOR);
        JsonNode body = Answers.body(request);
        Capability capability = capability(Answers.text(body, "capability"));
        Answers.json(response, 201, console.waves().request(operator, capability,
                Answers.number(body, "storesPerWave", 10), Answers.number(body, "admittedRate",
                        (int) console.admittedRate())));
    }

    private void decide(ServerRequest request, ServerResponse response) {
        Operators.Unlocked approver = need(request, Role.APPROVER);
        JsonNode body = Answers.body(request);
        String decision = Answers.text(body, "decision");
        if (!decision.equals("APPROVE") && !decision.equals("REFUSE")) {
            throw new Refused(422, "decision-invalid", "a decision is APPROVE or REFUSE");
        }
        String id = request.path().pathParameters().get("id");
        boolean approve = decision.equals("APPROVE");
        if (id.startsWith("waves-")) {
            Answers.json(response, console.waves().decide(approver, id, approve));
        } else if (id.startsWith("rollout-")) {
            Answers.json(response, console.rollouts().decide(approver, id, approve));
        } else {
            throw new Refused(404, "approval-not-found", "nothing awaits approval as " + id);
        }
    }

    private void requestRollout(ServerRequest request, ServerResponse response) {
        Operators.Unlocked operator = need(request, Role.OPERATOR);
        JsonNode body = Answers.body(request);
        List<Integer> percentages = new ArrayList<>();
        body.path("percentages").forEach(p -> percentages.add(p.asInt()));
        if (percentages.isEmpty()) {
            percentages.addAll(List.of(5, 25, 100));
        }
        if (percentages.stream().anyMatch(p -> p < 1 || p > 100)) {
            throw new Refused(422, "percentages-invalid", "each percentage is between 1 and 100");
        }
        RolloutRule.Thresholds defaults = RolloutRule.Thresholds.defaults();
        RolloutRule.Thresholds thresholds = new RolloutRule.Thresholds(
                Answers.number(body, "successPercent", defaults.successPercent()),
                Answers.number(body, "maxFailures", defaults.maxFailures()),
                Answers.number(body, "maxFailurePercent", defaults.maxFailurePercent()),
                Answers.number(body, "minimumTried", defaults.minimumTried()));
        Optional<String> cohort = body.path("cohort").isTextual() && !body.get("cohort").asText().isBlank()
                ? Optional.of(body.get("cohort").asText()) : Optional.empty();
        Answers.json(response, 201, console.rollouts().request(operator, new RolloutPlans.Request(
                java.nio.file.Path.of(Answers.text(body, "bundle")), cohort, percentages, thresholds,
                body.path("urgent").asBoolean(false))));
    }

    private Operators.Unlocked need(ServerRequest request, Role role) {
        Operators.Unlocked operator = token(request).flatMap(console.sessions()::find).orElseThrow(() ->
                new Refused(401, "sign-in-required", "sign in first (POST /api/sessions)"));
        if (!operator.operator().role().allows(role)) {
            throw new Refused(403, "role-required", operator.operator().id() + " is a "
                    + operator.operator().role().name().toLowerCase() + "; this needs an "
                    + role.name().toLowerCase());
        }
        return operator;
    }

    private static Optional<String> token(ServerRequest request) {
        return request.headers().first(HeaderNames.AUTHORIZATION).filter(value -> value.startsWith("Bearer "))
                .map(value -> value.substring(7).strip());
    }

    private Target target(JsonNode body) {
        JsonNode target = body.path("target");
        if (!target.isObject()) {
            throw new Refused(422, "target-required", "'target' is {\"kind\": store|region|cohort|all, \"value\": ..}");
        }
        String kind = target.path("kind").asText("");
        return Target.parse(kind, kind.equals("all") ? "" : Answers.text(target, "value"));
    }

    private static Set<String> capabilities(JsonNode body) {
        JsonNode list = body.path("capabilities");
        if (!list.isArray() || list.isEmpty()) {
            throw new Refused(422, "capabilities-required", "'capabilities' is a non-empty list");
        }
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        list.forEach(name -> capabilities.add(capability(name.asText())));
        return capabilities.stream().map(Enum::name).collect(java.util.stream.Collectors.toCollection(
                java.util.LinkedHashSet::new));
    }

    private static Capability capability(String name) {
        try {
            return Capability.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new Refused(422, "capability-unknown", "'" + name + "' is not one of "
                    + java.util.Arrays.toString(Capability.values()));
        }
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
