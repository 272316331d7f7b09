package io.holdfast.gateway;

import static io.holdfast.gateway.GatewayHttpTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import io.holdfast.gateway.auth.SignInRequired;
import io.holdfast.gateway.http.Routes;
import io.holdfast.testing.TestClocks;

/**
 * The router against the outside: every {@code /api/v1} route needs a session unless it is on the
 * open list, the published contract parses as JSON and as YAML and lists exactly the router's
 * routes, and a path asked with a method it does not take says which it does.
 */
class ApiContractTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path folder;
    private static Gateway gateway;
    private static String base;
    private static Routes routes;

    @BeforeAll
    static void start() {
        Path file = folder.resolve("holdfast.db");
        TestStores.seed(file, List.of());
        gateway = Gateway.start(TestStores.settingsFor(file).withDesk(TestStores.kioskAndTill()), TestClocks.TICKING);
        base = "http://127.0.0.1:" + gateway.port();
        routes = Routes.of(recorder -> Gateway.routes(recorder, gateway.services()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void everyApiRouteInTheRouterAnswers401WithoutASessionUnlessItIsOpen() throws Exception {
        List<Routes.Route> api = routes.all().stream().filter(r -> r.path().startsWith("/api/v1")).toList();
        assertThat(api).hasSizeGreaterThan(20);

        for (Routes.Route route : api) {
            HttpResponse<String> answer = send(route.method(), base + route.path().replaceAll("\\{[^}]+}", "x1"));
            if (SignInRequired.OPEN.contains(route.toString())) {
                assertThat(answer.statusCode()).as(route.toString()).isNotEqualTo(401);
            } else {
                assertProblem(answer, 401, "sign-in-required");
            }
        }
    }

    @Test
    void theContractParsesAsJsonAndAsYamlAndListsExactlyTheRoutesOfTheRouter() throws Exception {
        HttpResponse<String> json = get("/openapi", "application/json");
        HttpResponse<String> yaml = get("/openapi", "application/yaml");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(yaml.statusCode()).isEqualTo(200);

        JsonNode fromJson = new ObjectMapper().readTree(json.body());
        Map<String, Object> fromYaml = new Yaml().load(yaml.body());

        Set<String> router = routes.all().stream().map(r -> r.method() + " " + anyName(r.path()))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> contract = contractRoutes(fromJson);
        assertThat(contractRoutes(new ObjectMapper().valueToTree(fromYaml))).isEqualTo(contract);
        assertThat(api(contract)).as("the API in the contract is the API in the router").isEqualTo(api(router));
        for (String other : contract) {
            if (!api(Set.of(other)).isEmpty() || router.contains(other)) {
                continue;
            }
            String path = other.substring(other.indexOf(' ') + 1);
            assertThat(get(path, "*/*").statusCode()).as("observability route " + other).isIn(200, 204, 503);
        }
        assertThat(fromJson.at("/paths/~1api~1v1~1sessions/post/responses/201/content/application~1json/schema"
                + "/properties/role/enum").toString()).contains("TILL");
    }

    @Test
    void aPathAskedWithAMethodItDoesNotTakeIs405SayingWhichItTakes() throws Exception {
        String colleague = TestStores.signIn(base, TestStores.COLLEAGUE);

        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/receipts"))
                .header("Authorization", colleague).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(answer, 405, "method-not-allowed");
        assertThat(answer.headers().firstValue("Allow")).hasValue("POST");
        assertThat(HttpCalls.json(answer).path("requestId").asText()).isNotBlank();
    }

    @Test
    void aBodyOverTheLimitIs413WithTheRequestId() throws Exception {
        // Expect: 100-continue, as a careful client sends a large body: the server answers 413 from the
        // headers, before the body is sent. Without it the server may answer and close while the client is
        // still sending, and the client then reads a reset instead of the answer.
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions"))
                        .expectContinue(true)
                        .header("Content-Type", "application/json").header("X-Request-Id", "too-big-1")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"pad\": \"" + "x".repeat(70_000) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(answer, 413, "payload-too-large");
        assertThat(answer.headers().firstValue("X-Request-Id")).hasValue("too-big-1");
        assertThat(HttpCalls.json(answer).path("requestId").asText()).isEqualTo("too-big-1");
    }

    private static Set<String> api(Set<String> routes) {
        return routes.stream().filter(route -> route.contains(" /api/v1")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> contractRoutes(JsonNode contract) {
        Set<String> found = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                    found.add(method.toUpperCase(java.util.Locale.ROOT) + " " + anyName(path.getKey()));
                }
            });
        }
        return found;
    }

    /** Path parameters by position, not name: {@code /orders/{orderId}} and {@code /orders/{id}} are one route. */
    private static String anyName(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }

    private static HttpResponse<String> get(String path, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String url) throws Exception {
        HttpRequest.BodyPublisher body = method.equals("GET") || method.equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}");
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }
}
