package io.holdfast.gateway.http;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.logging.common.HelidonMdc;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is sane, else a new one),
 * echoes it in the response, puts it in the logging context and logs one line per request.
 */
public final class RequestIds implements Filter {

    public static final HeaderName HEADER = HeaderNames.create("X-Request-Id");
    static final String MDC_KEY = "request-id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final System.Logger LOG = System.getLogger("io.holdfast.gateway.access");
    /**
     * Made once per process from the strong random source; each request adds a count to it. A random
     * UUID per request would draw on {@link SecureRandom} every time, which is shared and slow under load.
     */
    private static final String PROCESS = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    private static final AtomicLong COUNT = new AtomicLong();

    public static String current() {
        return HelidonMdc.get(MDC_KEY).orElse("none");
    }

    /** The caller's id when it is sane, else a new one: unique to this process's run, and never repeated in it. */
    static String idFor(Optional<String> given) {
        return given.filter(value -> SANE.matcher(value).matches())
                .orElseGet(() -> PROCESS + "-" + Long.toHexString(COUNT.incrementAndGet()));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String id = idFor(request.headers().first(HEADER));
        HelidonMdc.set(MDC_KEY, id);
        response.header(HEADER, id);
        long started = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            // A plain string: a pattern with parameters would go through MessageFormat on every request.
            LOG.log(System.Logger.Level.INFO, request.prologue().method().text() + " "
                    + request.path().absolute().rawPath() + " -> " + response.status().code() + " in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
            HelidonMdc.remove(MDC_KEY);
        }
    }
}
