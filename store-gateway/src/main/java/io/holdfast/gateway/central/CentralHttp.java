package io.holdfast.gateway.central;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** JSON posted to one of central's services within the capability's call budget, for the guarded clients. */
final class CentralHttp {

    private final URI base;
    private final HttpClient http;
    private final Duration budget;

    CentralHttp(URI base, Duration budget) {
        this.base = base;
        this.budget = budget;
        this.http = HttpClient.newBuilder().connectTimeout(budget).build();
    }

    /** Posts {@code body} as JSON; the key, when given, goes as the {@code Idempotency-Key}. */
    HttpResponse<String> postJson(String path, Object body, Optional<String> idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(budget)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(CentralJson.MAPPER.writeValueAsBytes(body)));
        idempotencyKey.ifPresent(key -> request.header("Idempotency-Key", key));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
