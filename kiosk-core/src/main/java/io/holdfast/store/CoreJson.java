package io.holdfast.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** JSON as the core stores it: outbox payloads and remembered outcomes. */
public final class CoreJson {

    private static final ObjectMapper MAPPER = StrictJson.strict(new ObjectMapper())
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CoreJson() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** One field of a stored JSON object, read as {@code type}; empty when the object has no such field. */
    public static <T> java.util.Optional<T> readField(String json, String field, Class<T> type) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = MAPPER.readTree(json).path(field);
            return node.isMissingNode() || node.isNull() ? java.util.Optional.empty()
                    : java.util.Optional.of(MAPPER.treeToValue(node, type));
        } catch (JsonProcessingException e) {
            throw new StoreException("Cannot read '" + field + "' of stored JSON as " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new StoreException("'" + field + "' of stored JSON is not a valid " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("Cannot read stored JSON as " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
