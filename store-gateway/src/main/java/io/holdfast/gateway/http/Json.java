package io.holdfast.gateway.http;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.store.StrictJson;

/**
 * Jackson wired into Helidon by hand ({@code helidon-http-media-jackson} does not resolve at
 * 4.3.0): read a request body into a record, write a record as a response. A body that is not
 * the JSON we expect becomes a 400 problem that says what and where.
 */
public final class Json {

    public static final String MEDIA_TYPE = "application/json";

    private static final ObjectMapper MAPPER = StrictJson.strict(new ObjectMapper())
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Where a fraction, exponent or string is a 422 naming the field, not a 400. */
    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(long.class, Long.class, int.class,
            Integer.class, short.class, Short.class, BigInteger.class);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The request body as {@code type}. A body that is not a JSON object ({@code null}, an array, a
     * string) is a 400; a fraction, exponent or string where a whole number belongs is a 422
     * {@code whole-number-required} naming the field.
     */
    public static <T> T read(ServerRequest request, Class<T> type) {
        if (!request.content().hasEntity()) {
            throw malformed("the request has no body; send a JSON object");
        }
        byte[] body = request.content().as(byte[].class);
        T value;
        try {
            value = MAPPER.readValue(body, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ProblemException(422, "request-invalid", "A value in the request is not allowed",
                    cause.getMessage() + where(e.getLocation()));
        } catch (UnrecognizedPropertyException e) {
            throw malformed("unknown field '" + e.getPropertyName() + "'" + where(e.getLocation()));
        } catch (MismatchedInputException e) {
            if (WHOLE_NUMBERS.contains(e.getTargetType())) {
                throw ProblemException.field(422, "whole-number-required", "A whole number is needed", path(e),
                        "must be a whole number (no fraction, exponent or quotes)" + where(e.getLocation()));
            }
            if (e instanceof InvalidFormatException) {
                throw malformed("field '" + path(e) + "' has a value of the wrong type" + where(e.getLocation()));
            }
            throw malformed(e.getOriginalMessage() + where(e.getLocation()));
        } catch (JsonProcessingException e) {
            throw malformed("the body is not valid JSON: " + e.getOriginalMessage() + where(e.getLocation()));
        } catch (IOException e) {
            throw malformed("the body could not be read: " + e.getMessage());
        }
        if (value == null) {
            throw malformed("the body is null; send a JSON object");
        }
        return value;
    }

    /** The field as a client wrote it: {@code lines[0].quantity}. */
    private static String path(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    public static void send(ServerResponse response, Status status, Object body) {
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        response.send(bytes(body));
    }

    public static byte[] bytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(400, "malformed-json", "The request body is not the JSON this route takes", detail);
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
