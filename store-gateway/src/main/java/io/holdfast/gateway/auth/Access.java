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
        Session session = session(request).orElseThrow(() -> new ProblemException(401, "sign-in-required",
                "Please sign in", "This needs a signed-in colleague; sign in at the desk and try again."));
        if (!roles.contains(session.role())) {
            throw new ProblemException(403, "role-not-allowed", "Not allowed from here",
                    session.role() == Role.KIOSK ? "A kiosk cannot do this; ask a colleague at the desk."
                            : "This needs a " + roles.iterator().next().name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        return session;
    }

    public Optional<Session> session(ServerRequest request) {
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
