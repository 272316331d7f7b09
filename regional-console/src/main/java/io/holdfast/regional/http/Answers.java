package io.holdfast.regional.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.regional.Refused;

/** JSON in and out, and RFC 9457 problems with a stable {@code code}. */
final class Answers {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** A console request is a form's worth; anything larger is refused. */
    static final int MAX_BODY = 64 * 1024;

    private Answers() {
    }

    static JsonNode body(ServerRequest request) {
        if (!request.content().hasEntity()) {
            throw new Refused(400, "body-required", "this request needs a JSON object");
        }
        byte[] bytes;
        try (var in = request.content().inputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw new Refused(400, "body-unreadable", "the request body could not be read");
        }
        if (bytes.length > MAX_BODY) {
            throw new Refused(413, "body-too-large", "a console request is at most " + MAX_BODY + " bytes");
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new Refused(400, "body-not-object", "the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new Refused(400, "body-not-json", "the body is not JSON: " + e.getMessage());
        }
    }

    static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new Refused(422, "field-required", "'" + field + "' is required, as text");
        }
        return value.asText();
    }

    static int number(JsonNode body, String field, int fallback) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw new Refused(422, "whole-number-required", "'" + field + "' must be a positive whole number");
        }
        return value.intValue();
    }

    static void json(ServerResponse response, Object value) {
        json(response, 200, value);
    }

    static void json(ServerResponse response, int status, Object value) {
        response.status(Status.create(status));
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        try {
            response.send(JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an answer as JSON", e);
        }
    }

    static void problem(ServerRequest request, ServerResponse response, int status, String code, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:holdfast:problem:" + code);
        problem.put("title", Status.create(status).reasonPhrase());
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("code", code);
        problem.put("instance", request.path().absolute().rawPath());
        response.status(Status.create(status));
        response.header(HeaderNames.CONTENT_TYPE, "application/problem+json");
        try {
            response.send(JSON.writeValueAsBytes(problem));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a problem as JSON", e);
        }
    }
}
