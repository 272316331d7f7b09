package io.holdfast.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Whole numbers stay whole. Jackson by default cuts {@code 12.5} to 12 and reads {@code "100"} as
 * 100: on money, quantities and sequences that silently changes what was asked. Every mapper that
 * reads from outside (requests, central's answers, the streams, signed commands) is made strict
 * here, and a number read from a tree is read with {@link #wholeNumber}.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** The same mapper, refusing fractions, exponents, strings and booleans where a whole number belongs. */
    public static ObjectMapper strict(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** A whole number that fits a {@code long}; anything else (missing, 1.5, 1e2, "100") says which field. */
    public static long wholeNumber(JsonNode node, String field) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException(field + " must be a whole number, but was "
                    + (node == null || node.isMissingNode() ? "missing" : node.toString()));
        }
        return node.longValue();
    }
}
