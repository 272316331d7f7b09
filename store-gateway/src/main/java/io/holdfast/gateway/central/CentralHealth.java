package io.holdfast.gateway.central;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

import io.holdfast.gateway.config.CentralEndpoints;
import io.holdfast.mode.Capability;

/**
 * One question to central: does this capability's {@code /v1/health} answer 200 within a timeout?
 * The health watch asks it of online capabilities, the probe (through the guard) of degraded ones.
 */
final class CentralHealth {

    private static final Duration CONNECT = Duration.ofMillis(700);

    private final CentralEndpoints endpoints;
    // HTTP/1.1: the JDK client's default HTTP/2 first sends an upgrade, which costs a first check its answer time.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT).build();

    CentralHealth(CentralEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** Why the check failed just now; empty when central answered 200 in time. */
    Optional<String> check(Capability capability, Duration timeout) throws InterruptedException {
        String path = "/central/" + CentralEndpoints.key(capability) + "/v1/health";
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoints.url(capability).resolve(path))
                    .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? Optional.empty()
                    : Optional.of("central " + capability + " health answered " + response.statusCode());
        } catch (HttpTimeoutException e) {
            return Optional.of("central " + capability + " did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return Optional.of("central " + capability + " is not reachable (" + e.getClass().getSimpleName() + ")");
        }
    }
}
