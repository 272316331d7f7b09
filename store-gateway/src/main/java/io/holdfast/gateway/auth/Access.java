package io.holdfast.gateway.auth;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import io.holdfast.gateway.http.ProblemException;
import io.holdfast.staff.Role;
import io.holdfast.staff.Session;
import io.holdfast.staff.StaffDirectory;

/** Who is calling, from the {@code Authorization: Bearer} token, and whether they may. */
public final class Access {

    public static final Set<Role> STAFF = EnumSet.of(Role.COLLEAGUE, Role.SUPERVISOR);
    public static final Set<Role> SUPERVISORS = EnumSet.of(Role.SUPERVISOR);

    private final StaffDirectory staff;

    public Access(StaffDirectory staff) {
        this.staff = staff;
    }

    /** The caller's session if it has one of {@code roles}; else a 401 or 403 problem. */
    public Session require(ServerRequest request, Set<Role> roles) {
        Session session = session(request).orElseThrow(Access::signInRequired);
        if (!roles.contains(session.role())) {
            throw new ProblemException(403, "role-not-allowed", "Not allowed from here",
                    session.role() == Role.KIOSK ? "A kiosk cannot do this; ask a colleague at the desk."
                            : "This needs a " + roles.iterator().next().name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        return session;
    }

    /** The 401 every route answers without a session. */
    public static ProblemException signInRequired() {
        return new ProblemException(401, "sign-in-required", "Please sign in",
                "This needs a signed-in colleague or device; sign in and try again.");
    }

    /** The caller's session, looked up once a request ({@link SignInRequired} keeps it in the request's context). */
    public Optional<Session> session(ServerRequest request) {
        Optional<Session> known = request.context().get(Session.class);
        if (known.isPresent()) {
            return known;
        }
        Optional<Session> found = lookUp(request);
        found.ifPresent(session -> request.context().register(session));
        return found;
    }

    private Optional<Session> lookUp(ServerRequest request) {
        return request.headers().first(HeaderNames.AUTHORIZATION)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).strip())
                .filter(token -> !token.isEmpty() && token.length() < 200)
                .flatMap(staff::session);
    }

    /** The bearer token as sent, for signing out. */
    public static Optional<String> token(ServerRequest request) {
        return request.headers().first(HeaderNames.AUTHORIZATION)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).strip());
    }
}
