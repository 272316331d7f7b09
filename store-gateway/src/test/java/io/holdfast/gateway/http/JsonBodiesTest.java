package io.holdfast.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.helidon.http.Status;
import io.helidon.webserver.WebServer;

import io.holdfast.gateway.HttpCalls;

/**
 * How a JSON body that is not what a route takes is answered. No v1 route takes a body yet, so a
 * route made for this test reads one with the same {@link Json} helper every route will use.
 */
class JsonBodiesTest {

    record Sample(String orderId, int quantity) {
    }

    private static WebServer server;
    private static String url;

    @BeforeAll
    static void start() {
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> {
                    routing.addFilter(new RequestIds());
                    ErrorHandling.register(routing);
                    routing.post("/sample", (request, response) ->
                            Json.send(response, Status.OK_200, Json.read(request, Sample.class)));
                })
                .build().start();
        url = "http://127.0.0.1:" + server.port() + "/sample";
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void readsAndWritesTheBodyItExpects() {
        HttpResponse<String> response = post("{\"orderId\": \"CC-100001\", \"quantity\": 2}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(HttpCalls.json(response).path("quantity").asInt()).isEqualTo(2);
    }

    @Test
    void malformedJsonIsA400ThatSaysWhere() {
        JsonNode problem = problem(post("{\"orderId\": \"CC-100001\", }"), 400);

        assertThat(problem.path("code").asText()).isEqualTo("malformed-json");
        assertThat(problem.path("detail").asText()).startsWith("the body is not valid JSON").contains("line 1, column");
    }

    @Test
    void anUnknownFieldIsNamed() {
        JsonNode problem = problem(post("{\"orderId\": \"CC-100001\", \"quantity\": 1, \"discount\": 5}"), 400);

        assertThat(problem.path("detail").asText()).contains("unknown field 'discount'");
    }

    @Test
    void aStringWhereAWholeNumberBelongsIsA422NamingTheField() {
        JsonNode problem = problem(post("{\"orderId\": \"CC-100001\", \"quantity\": \"two\"}"), 422);

        assertThat(problem.path("code").asText()).isEqualTo("whole-number-required");
        assertThat(problem.path("field").asText()).isEqualTo("quantity");
    }

    @Test
    void aFractionAnExponentOrAQuotedNumberIsNeverCutToAWholeOne() {
        for (String quantity : new String[]{"1.5", "1e2", "\"100\"", "true"}) {
            JsonNode problem = problem(post("{\"orderId\": \"CC-100001\", \"quantity\": " + quantity + "}"), 422);

            assertThat(problem.path("code").asText()).as(quantity).isEqualTo("whole-number-required");
            assertThat(problem.path("field").asText()).as(quantity).isEqualTo("quantity");
        }
    }

    @Test
    void aNullBodyOrOneThatIsNotAnObjectIsA400() {
        for (String body : new String[]{"null", "[]", "\"text\"", "5"}) {
            assertThat(problem(post(body), 400).path("code").asText()).as(body).isEqualTo("malformed-json");
        }
    }

    @Test
    void anEmptyBodyIsA400() {
        assertThat(problem(post(""), 400).path("detail").asText()).contains("no body");
    }

    private static HttpResponse<String> post(String body) {
        return HttpCalls.post(url, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(ProblemResponses.MEDIA_TYPE);
        return HttpCalls.json(response);
    }
}
