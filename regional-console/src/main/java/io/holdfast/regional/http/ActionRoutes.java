package io.holdfast.regional.http;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.mode.Capability;
import io.holdfast.regional.ConsoleServices;
import io.holdfast.regional.Refused;
import io.holdfast.regional.command.Target;
import io.holdfast.regional.operator.Operators;
import io.holdfast.regional.operator.Role;

/** One operator's immediate actions on a target: isolate or restore, notices, resync rates, policies. */
final class ActionRoutes {

    private final ConsoleServices console;
    private final Access access;

    ActionRoutes(ConsoleServices console, Access access) {
        this.console = console;
        this.access = access;
    }

    void register(HttpRouting.Builder routing) {
        routing.post("/api/containment", this::containment)
                .post("/api/notices", this::notice)
                .post("/api/rates", this::rate)
                .post("/api/policies", this::policy)
                .get("/api/actions", (request, response) -> {
                    access.need(request, Role.VIEWER);
                    Answers.json(response, console.commands().actions(30));
                });
    }

    private void containment(ServerRequest request, ServerResponse response) {
        Operators.Unlocked operator = access.need(request, Role.OPERATOR);
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
        Operators.Unlocked operator = access.need(request, Role.OPERATOR);
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
        Operators.Unlocked operator = access.need(request, Role.OPERATOR);
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
        Operators.Unlocked operator = access.need(request, Role.OPERATOR);
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

    /** A capability by its name: 422 {@code capability-unknown} for any other word. */
    static Capability capability(String name) {
        try {
            return Capability.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new Refused(422, "capability-unknown", "'" + name + "' is not one of "
                    + java.util.Arrays.toString(Capability.values()));
        }
    }
}
