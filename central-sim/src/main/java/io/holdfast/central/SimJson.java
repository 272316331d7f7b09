package io.holdfast.central;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.order.OrderId;

/** JSON in and out for the simulator's routes. */
public final class SimJson {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .addMixIn(OrderId.class, PlainValue.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Identifiers travel as plain strings: {@code "id": "CC-100001"}, not {@code {"value": ...}}. */
    private abstract static class PlainValue {
        @JsonValue
        abstract String value();
    }

    private SimJson() {
    }

    static void send(ServerResponse response, Status status, Object body) {
        try {
            response.status(status);
            response.header(HeaderNames.CONTENT_TYPE, "application/json");
            response.send(MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** An order as central order management sends it: the order, plus why it was cancelled. */
    static Object centralOrder(CentralOrderBook.Entry entry) {
        com.fasterxml.jackson.databind.node.ObjectNode node = MAPPER.valueToTree(entry.order());
        entry.cancellationReason().ifPresent(reason -> node.put("cancellationReason", reason));
        return node;
    }

    /** Text central wrote itself (its books); unreadable text is a fault in the books, said so. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Central's books hold a " + type.getSimpleName() + " it cannot read: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** A value as JSON text, for central's books. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** A JSON text central received; malformed text is an empty object. */
    static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return MAPPER.createObjectNode();
        }
    }

    static void problem(ServerResponse response, int status, String code, String detail) {
        response.status(Status.create(status));
        response.header(HeaderNames.CONTENT_TYPE, "application/problem+json");
        try {
            response.send(MAPPER.writeValueAsBytes(java.util.Map.of(
                    "type", "urn:holdfast:central:" + code, "status", status, "code", code, "detail", detail)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a problem as JSON", e);
        }
    }
}
