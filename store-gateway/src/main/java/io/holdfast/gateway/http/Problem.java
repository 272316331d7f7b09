package io.holdfast.gateway.http;

import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem detail. {@code code} is the stable part clients switch on; {@code title}
 * and {@code detail} are for people and may be reworded.
 */
public record Problem(int status, String code, String title, String detail, Map<String, Object> extensions) {

    public Problem(int status, String code, String title, String detail) {
        this(status, code, title, detail, Map.of());
    }

    public Problem {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("problem status must be 4xx or 5xx, but was " + status);
        }
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        extensions = Map.copyOf(extensions);
    }

    /** The same problem with one more member, such as the order as it is now. */
    public Problem with(String member, Object value) {
        Map<String, Object> more = new java.util.LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(status, code, title, detail, more);
    }

    /** The problem type: a URN built from the stable code, so it never depends on a host name. */
    public String type() {
        return "urn:holdfast:problem:" + code;
    }
}
