package io.holdfast.regional.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.mode.Capability;
import io.holdfast.regional.ConsoleServices;
import io.holdfast.regional.Refused;
import io.holdfast.regional.operator.Operators;
import io.holdfast.regional.operator.Role;
import io.holdfast.regional.rollout.RolloutPlans;
import io.holdfast.regional.rollout.RolloutRule;

/** What needs a second person: restorations in waves, rollouts, and the approvals of both. */
final class PlanRoutes {

    private final ConsoleServices console;
    private final Access access;

    PlanRoutes(ConsoleServices console, Access access) {
        this.console = console;
        this.access = access;
    }

    void register(HttpRouting.Builder routing) {
        routing.get("/api/waves", (request, response) -> {
                    access.need(request, Role.VIEWER);
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("plans", console.waves().plans());
                    answer.put("rate", console.rate().samples());
                    answer.put("admittedRate", console.admittedRate());
                    Answers.json(response, answer);
                })
                .post("/api/waves", this::requestWaves)
                .post("/api/waves/{id}/{action}", (request, response) -> {
                    Operators.Unlocked operator = access.need(request, Role.OPERATOR);
                    Answers.json(response, console.waves().control(operator.operator().id(),
                            request.path().pathParameters().get("id"), request.path().pathParameters().get("action")));
                })
                .get("/api/rollouts", (request, response) -> {
                    access.need(request, Role.VIEWER);
                    Answers.json(response, console.rollouts().rollouts());
                })
                .post("/api/rollouts", this::requestRollout)
                .post("/api/rollouts/{id}/{action}", (request, response) -> {
                    Operators.Unlocked operator = access.need(request, Role.OPERATOR);
                    Answers.json(response, console.rollouts().control(operator,
                            request.path().pathParameters().get("id"), request.path().pathParameters().get("action")));
                })
                .get("/api/approvals", (request, response) -> {
                    access.need(request, Role.VIEWER);
                    Answers.json(response, console.approvals().recent(50));
                })
                .post("/api/approvals/{id}", this::decide);
    }

    private void requestWaves(ServerRequest request, ServerResponse response) {
        Operators.Unlocked operator = access.need(request, Role.OPERATOR);
        JsonNode body = Answers.body(request);
        Capability capability = ActionRoutes.capability(Answers.text(body, "capability"));
        Answers.json(response, 201, console.waves().request(operator, capability,
                Answers.number(body, "storesPerWave", 10), Answers.number(body, "admittedRate",
                        (int) console.admittedRate())));
    }

    private void decide(ServerRequest request, ServerResponse response) {
        Operators.Unlocked approver = access.need(request, Role.APPROVER);
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
        Operators.Unlocked operator = access.need(request, Role.OPERATOR);
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
}
