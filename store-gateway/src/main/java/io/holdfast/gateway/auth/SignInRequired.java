package io.holdfast.gateway.auth;

import java.util.Set;

import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import io.holdfast.gateway.http.ProblemResponses;

/**
 * Deny by default: every {@code /api/v1} request needs a signed-in colleague or device, except the
 * few on {@link #OPEN}. One filter in front of the routes, so a route that forgets its own check
 * still answers 401; each handler then checks the role it needs ({@link Access#require}).
 */
public final class SignInRequired implements Filter {

    /** What answers without a session, and why. */
    public static final Set<String> OPEN = Set.of(
            "POST /api/v1/sessions",  // signing in
            "GET /api/v1/status");    // the status page and customer notices before anyone signs in: nothing personal

    private static final String API = "/api/v1";

    private final Access access;

    public SignInRequired(Access access) {
        this.access = access;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().absolute().path();
        if (!isApi(path) || isOpen(request.prologue().method(), path) || access.session(request).isPresent()) {
            chain.proceed();
            return;
        }
        ProblemResponses.send(request, response, Access.signInRequired().problem());
    }

    static boolean isApi(String path) {
        return path.equals(API) || path.startsWith(API + "/");
    }

    static boolean isOpen(Method method, String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return OPEN.contains(method.text() + " " + trimmed);
    }
}
