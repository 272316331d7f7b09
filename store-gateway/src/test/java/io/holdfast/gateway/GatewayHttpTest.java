package io.holdfast.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.holdfast.testing.TestClocks;

/** The gateway's HTTP surface on a real socket, over a real SQLite file. */
class GatewayHttpTest {

    @TempDir
    static Path folder;
    private static Gateway gateway;
    private static String base;
    private static String colleague;

    @BeforeAll
    static void startGateway() {
        Path file = folder.resolve("holdfast.db");
        TestStores.seed(file, List.of(TestStores.anOrder("CC-100001")));
        gateway = Gateway.start(TestStores.settingsFor(file), TestClocks.TICKING);
        base = "http://127.0.0.1:" + gateway.port();
        colleague = TestStores.signIn(base, TestStores.COLLEAGUE);
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Test
    void answersAnOrderFromTheLocalStore() {
        HttpResponse<String> response = HttpCalls.get(base + "/api/v1/orders/CC-100001", "Authorization", colleague);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode order = HttpCalls.json(response).path("order");
        assertThat(order.path("orderId").asText()).isEqualTo("CC-100001");
        assertThat(order.path("status").asText()).isEqualTo("READY");
        assertThat(order.path("pickupBy").asText()).isEqualTo(TestClocks.today().plusDays(4).toString());
        assertThat(order.path("customer").path("displayName").asText()).isEqualTo("Jane Smith");
        assertThat(order.path("lines").get(0).path("unitPrice").path("amount").asLong()).isEqualTo(2950);
        assertThat(order.path("lines").get(0).path("unitPrice").path("currency").asText()).isEqualTo("GBP");
        assertThat(order.path("parcels").get(0).path("locationCode").asText()).isEqualTo("A3");
        assertThat(order.has("collectionCodeHash")).as("the code's hash never leaves the store").isFalse();
    }

    @Test
    void anUnknownOrderIsA404ProblemWithAStableCode() {
        HttpResponse<String> response = HttpCalls.get(base + "/api/v1/orders/CC-999999", "Authorization", colleague);

        assertProblem(response, 404, "order-not-found");
        assertThat(HttpCalls.json(response).path("detail").asText()).contains("CC-999999");
        assertThat(HttpCalls.json(response).path("instance").asText()).isEqualTo("/api/v1/orders/CC-999999");
    }

    @Test
    void somethingThatIsNotAnOrderNumberIsA400Problem() {
        assertProblem(HttpCalls.get(base + "/api/v1/orders/not%20an%20order", "Authorization", colleague),
                400, "order-id-invalid");
    }

    @Test
    void ordersAreForSignedInColleaguesOnly() {
        assertProblem(HttpCalls.get(base + "/api/v1/orders/CC-100001"), 401, "sign-in-required");
        assertProblem(HttpCalls.get(base + "/api/v1/orders/CC-100001", "Authorization", "Bearer made-up"),
                401, "sign-in-required");
    }

    @Test
    void anUnknownRouteIsA404Problem() {
        assertProblem(HttpCalls.get(base + "/api/v1/nothing-here", "Authorization",
                TestStores.signIn(base, TestStores.COLLEAGUE)), 404, "not-found");
        assertProblem(HttpCalls.get(base + "/api/v1/nothing-here"), 401, "sign-in-required");
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() {
        byte[] big = new byte[(int) gateway.settings().maxPayloadBytes() + 1];

        assertProblem(HttpCalls.postExpectingContinue(base + "/api/v1/orders/CC-100001", "application/json", big),
                413, "payload-too-large");
    }

    @Test
    void everyResponseCarriesTheCallersRequestId() {
        HttpResponse<String> response = HttpCalls.get(base + "/api/v1/orders/CC-999999", "X-Request-Id", "desk-7-0042",
                "Authorization", colleague);

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("desk-7-0042");
        assertThat(HttpCalls.json(response).path("requestId").asText()).isEqualTo("desk-7-0042");
    }

    @Test
    void isLiveAndReadyWhileTheStoreAnswers() {
        HttpResponse<String> ready = HttpCalls.get(base + "/health/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("store-database").contains("UP");
        assertThat(HttpCalls.get(base + "/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void servesMetricsInPrometheusFormat() {
        HttpResponse<String> response = HttpCalls.get(base + "/metrics", "Accept", "text/plain");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("# TYPE");
    }

    @Test
    void servesTheApiContract() {
        HttpResponse<String> response = HttpCalls.get(base + "/openapi");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/api/v1/orders/{orderId}").contains("order-not-found");
    }

    @Test
    void theLandingPageLinksWhatIsHere() {
        HttpResponse<String> response = HttpCalls.get(base + "/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("href=\"/health/ready\"").contains("href=\"/openapi\"");
    }

    static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = HttpCalls.json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("type").asText()).isEqualTo("urn:holdfast:problem:" + code);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
    }
}
