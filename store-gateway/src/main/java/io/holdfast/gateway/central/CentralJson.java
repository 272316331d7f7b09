package io.holdfast.gateway.central;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.holdfast.order.OrderId;
import io.holdfast.store.StrictJson;

/** Central's JSON: orders as central order management sends them, ids as plain strings. */
final class CentralJson {

    static final ObjectMapper MAPPER = StrictJson.strict(new ObjectMapper())
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule().addDeserializer(OrderId.class, new JsonDeserializer<>() {
                @Override
                public OrderId deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                    return new OrderId(parser.getValueAsString());
                }
            }))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CentralJson() {
    }
}
