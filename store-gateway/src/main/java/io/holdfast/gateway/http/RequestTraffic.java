package io.holdfast.gateway.http;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Counts the work desks, kiosks and tills bring ({@code /api/v1/...} but the status, which pages and
 * regional IT poll): how many requests are in flight, when the last one ended, and how many were
 * answered with a 5xx since start. The update gate waits for a quiet store; a new release's health
 * check wants no 5xx on real traffic.
 */
public final class RequestTraffic implements Filter {

    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<Optional<Instant>> lastEnded = new AtomicReference<>(Optional.empty());
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong served = new AtomicLong();

    public RequestTraffic(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().absolute().rawPath();
        if (!path.startsWith("/api/v1/") || path.startsWith("/api/v1/status")) {
            chain.proceed();
            return;
        }
        inFlight.incrementAndGet();
        boolean threw = true;
        try {
            chain.proceed();
            threw = false;
        } finally {
            inFlight.decrementAndGet();
            served.incrementAndGet();
            if (threw || response.status().code() >= 500) {
                serverErrors.incrementAndGet();
            }
            lastEnded.set(Optional.of(clock.instant()));
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    public Optional<Instant> lastEnded() {
        return lastEnded.get();
    }

    /** Requests answered with a 5xx since the gateway started. */
    public long serverErrors() {
        return serverErrors.get();
    }

    /** Requests served since the gateway started. */
    public long served() {
        return served.get();
    }
}
