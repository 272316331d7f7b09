package io.holdfast.returns;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Why a rule decided as it did, as a message code and its values: the kiosk and the desk render it
 * from their message bundle ({@code return.window-passed} with {@code days} and {@code window} reads
 * "This was bought 41 days ago; returns are accepted for 35 days.").
 */
public record Reason(String code, Map<String, Object> values) {

    public Reason {
        Objects.requireNonNull(code, "code");
        values = Map.copyOf(values);
    }

    public static Reason of(String code) {
        return new Reason(code, Map.of());
    }

    /** A reason with values given as name, value pairs. */
    public static Reason of(String code, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("reason " + code + " needs name, value pairs");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        }
        return new Reason(code, values);
    }
}
