package io.holdfast.gateway.http;

import java.util.Objects;

/**
 * An RFC 9457 problem detail. {@code code} is the stable part clients switch on; {@code title}
 * and {@code detail} are for people and may be reworded.
 */
public record Problem(int status, String code, String title, String detail) {

    public Problem {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("problem status must be 4xx or 5xx, but was " + status);
        }
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
    }

    /** The problem type: a URN built from the stable code, so it never depends on a host name. */
    public String type() {
        return "urn:holdfast:problem:" + code;
    }
}
