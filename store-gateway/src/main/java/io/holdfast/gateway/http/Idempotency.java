package io.holdfast.gateway.http;

import java.util.regex.Pattern;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The {@code Idempotency-Key} a money or goods change must carry, and the {@code Idempotent-Replayed}
 * header on the answer to a request made before.
 */
public final class Idempotency {

    private static final HeaderName KEY = HeaderNames.create("Idempotency-Key");
    private static final HeaderName REPLAYED = HeaderNames.create("Idempotent-Replayed");
    private static final Pattern SANE_KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private Idempotency() {
    }

    /**
     * The request's key, or a 400: {@code idempotency-key-missing} naming what needs one ("each
     * return"), {@code idempotency-key-invalid} for a key that is not 1 to 128 visible ASCII characters.
     */
    public static String requireKey(ServerRequest request, String eachWhat) {
        String key = request.headers().first(KEY).orElseThrow(() -> new ProblemException(400, "idempotency-key-missing",
                "An Idempotency-Key header is needed",
                "Send a new Idempotency-Key with " + eachWhat + ", and the same one when you retry it."));
        if (!SANE_KEY.matcher(key).matches()) {
            throw new ProblemException(400, "idempotency-key-invalid", "That Idempotency-Key cannot be used",
                    "An Idempotency-Key is 1 to 128 visible ASCII characters, such as a UUID; this one had "
                            + key.length() + " characters.");
        }
        return key;
    }

    /** Marks an answer as the first answer to this key, given again. */
    public static void markReplayed(ServerResponse response) {
        response.header(REPLAYED, "true");
    }
}
