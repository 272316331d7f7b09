package io.holdfast.gateway.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Writes problems as {@code application/problem+json}. */
public final class ProblemResponses {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemResponses() {
    }

    public static void send(ServerRequest request, ServerResponse response, Problem problem) {
        response.status(Status.create(problem.status()));
        response.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        response.send(body(problem, request.path().absolute().rawPath(), RequestIds.current()));
    }

    static byte[] body(Problem problem, String instance, String requestId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", problem.type());
        json.put("title", problem.title());
        json.put("status", problem.status());
        json.put("detail", problem.detail());
        json.put("instance", instance);
        json.put("code", problem.code());
        json.put("requestId", requestId);
        problem.extensions().forEach(json::putIfAbsent);
        return Json.bytes(json);
    }
}
