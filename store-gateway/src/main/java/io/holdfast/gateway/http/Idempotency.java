package io.holdfast.gateway.http;

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

    private Idempotency() {
    }

    /** The request's key, or a 400 {@code idempotency-key-missing} naming what needs one ("each return"). */
    public static String requireKey(ServerRequest request, String eachWhat) {
        return request.headers().first(KEY).orElseThrow(() -> new ProblemException(400, "idempotency-key-missing",
                "An Idempotency-Key header is needed",
                "Send a new Idempotency-Key with " + eachWhat + ", and the same one when you retry it."));
    }

    /** Marks an answer as the first answer to this key, given again. */
    public static void markReplayed(ServerResponse response) {
        response.header(REPLAYED, "true");
    }
}
