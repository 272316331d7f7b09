package io.holdfast.regional;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.holdfast.fleetsim.FleetSimulator;

/** Bad input to the console's API: each answer is problem+json with a stable code, and nothing is sent. */
class ConsoleApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void badInputGetsAProblemWithAStableCode() throws Exception {
        try (ConsoleFixture office = ConsoleFixture.start(folder, FleetSimulator.ids("A", 2, ""), id -> "north", 100)) {
            String alice = office.signIn("alice");
            String bea = office.signIn("bea");
            assertProblem(office.post("", "/api/sessions", "{\"operator\":\"alice\",\"passphrase\":\"not hers at all\"}"),
                    401, "sign-in-refused");
            assertProblem(office.post("nonsense", "/api/containment", "{}"), 401, "sign-in-required");
            assertProblem(office.post(alice, "/api/containment", "{not json"), 400, "body-not-json");
            assertProblem(office.post(alice, "/api/containment", "[]"), 400, "body-not-object");
            assertProblem(office.post(alice, "/api/containment", "{\"type\":\"DELETE\"}"), 422, "type-invalid");
            assertProblem(office.post(alice, "/api/containment", "{\"type\":\"ISOLATE\",\"capabilities\":[\"COFFEE\"],"
                    + "\"target\":{\"kind\":\"all\"}}"), 422, "capability-unknown");
            assertProblem(office.post(alice, "/api/containment", "{\"type\":\"ISOLATE\",\"capabilities\":[\"ORDERS\"],"
                    + "\"target\":{\"kind\":\"region\",\"value\":\"atlantis\"}}"), 422, "invalid");
            assertProblem(office.post(alice, "/api/containment", "{\"type\":\"ISOLATE\",\"capabilities\":[\"ORDERS\"]}"),
                    422, "target-required");
            assertProblem(office.post(alice, "/api/containment", "{\"type\":\"ISOLATE\",\"reason\":\""
                    + "x".repeat(70_000) + "\"}"), 413, "body-too-large");
            assertProblem(office.post(alice, "/api/waves", "{\"capability\":\"ORDERS\",\"storesPerWave\":0.5}"), 422,
                    "whole-number-required");
            assertProblem(office.post(alice, "/api/rollouts", "{\"bundle\":\"/no/such/bundle.zip\"}"), 422,
                    "bundle-not-found");
            assertProblem(office.post(bea, "/api/approvals/waves-nothing", "{\"decision\":\"APPROVE\"}"), 404,
                    "approval-not-found");
            assertProblem(office.post(bea, "/api/approvals/waves-nothing", "{\"decision\":\"MAYBE\"}"), 422,
                    "decision-invalid");
            assertProblem(office.post(alice, "/api/waves/waves-nothing/pause", "{}"), 404, "plan-not-found");

            // An approver who asked cannot approve it; another approver would.
            HttpResponse<String> asked = office.post(bea, "/api/waves", "{\"capability\":\"LOYALTY\"}");
            String plan = JSON.readTree(asked.body()).path("id").asText();
            assertProblem(office.post(bea, "/api/approvals/" + plan, "{\"decision\":\"APPROVE\"}"), 403,
                    "approval-by-requester");
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(office.base() + "/nowhere")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertProblem(page, 404, "not-found");
            assertThat(office.get(alice, "/api/fleet").path("rows")).hasSize(2);
            assertThat(office.console.services().commands().sentTo("A0001", 10)).as("nothing was sent").isEmpty();
        }
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String code) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(List.of(problem.path("type").asText())).allMatch(type -> type.equals("urn:holdfast:problem:" + code));
    }
}
