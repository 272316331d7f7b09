package io.holdfast.gateway.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
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

/**
 * Jackson wired into Helidon by hand ({@code helidon-http-media-jackson} does not resolve at
 * 4.3.0): read a request body into a record, write a record as a response. A body that is not
 * the JSON we expect becomes a 400 problem that says what and where.
 */
public final class Json {

    public static final String MEDIA_TYPE = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static <T> T read(ServerRequest request, Class<T> type) {
        if (!request.content().hasEntity()) {
            throw malformed("the request has no body; send a JSON object");
        }
        byte[] body = request.content().as(byte[].class);
        try {
            return MAPPER.readValue(body, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ProblemException(422, "request-invalid", "A value in the request is not allowed",
                    cause.getMessage() + where(e.getLocation()));
        } catch (UnrecognizedPropertyException e) {
            throw malformed("unknown field '" + e.getPropertyName() + "'" + where(e.getLocation()));
        } catch (InvalidFormatException e) {
            throw malformed("field '" + e.getPathReference() + "' has a value of the wrong type" + where(e.getLocation()));
        } catch (MismatchedInputException e) {
            throw malformed(e.getOriginalMessage() + where(e.getLocation()));
        } catch (JsonProcessingException e) {
            throw malformed("the body is not valid JSON: " + e.getOriginalMessage() + where(e.getLocation()));
        } catch (java.io.IOException e) {
            throw malformed("the body could not be read: " + e.getMessage());
        }
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
