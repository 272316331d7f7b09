package io.holdfast.regional.http;

import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import io.holdfast.regional.Refused;
import io.holdfast.regional.operator.Operators;
import io.holdfast.regional.operator.Role;
import io.holdfast.regional.operator.Sessions;

/** Who is asking ({@code Authorization: Bearer}), and whether their role allows it. */
final class Access {

    private final Sessions sessions;

    Access(Sessions sessions) {
        this.sessions = sessions;
    }

    /** The signed-in operator, if their role allows {@code role}: 401 {@code sign-in-required}, 403 {@code role-required}. */
    Operators.Unlocked need(ServerRequest request, Role role) {
        Operators.Unlocked operator = token(request).flatMap(sessions::find).orElseThrow(() ->
                new Refused(401, "sign-in-required", "sign in first (POST /api/sessions)"));
        if (!operator.operator().role().allows(role)) {
            throw new Refused(403, "role-required", operator.operator().id() + " is a "
                    + operator.operator().role().name().toLowerCase() + "; this needs an "
                    + role.name().toLowerCase());
        }
        return operator;
    }

    static Optional<String> token(ServerRequest request) {
        return request.headers().first(HeaderNames.AUTHORIZATION).filter(value -> value.startsWith("Bearer "))
                .map(value -> value.substring(7).strip());
    }
}
