package io.holdfast.gateway.auth;

import java.time.Instant;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.gateway.http.Json;
import io.holdfast.gateway.http.Problem;
import io.holdfast.gateway.http.ProblemException;
import io.holdfast.staff.SignInOutcome;
import io.holdfast.staff.StaffDirectory;

/**
 * {@code /api/v1/sessions}: staff sign in with {@code {"staffId", "pin"}}, kiosks with
 * {@code {"deviceId", "deviceToken"}}; {@code DELETE /api/v1/sessions/current} signs out.
 */
public final class SessionHttpService implements HttpService {

    record SignIn(String staffId, String pin, String deviceId, String deviceToken) {
    }

    record SessionView(String token, String principal, String displayName, String role, Instant expiresAt) {
    }

    private final StaffDirectory staff;
    private final SignInThrottle throttle = new SignInThrottle();

    public SessionHttpService(StaffDirectory staff) {
        this.staff = staff;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::signIn)
                .delete("/current", this::signOut);
    }

    private void signIn(ServerRequest request, ServerResponse response) {
        if (!throttle.tryAcquire(request.remotePeer().host())) {
            response.header(HeaderNames.RETRY_AFTER, "1");
            throw new ProblemException(429, "sign-in-throttled", "Too many sign-in tries from here",
                    "Wait a moment before signing in again.");
        }
        SignIn body = Json.read(request, SignIn.class);
        SignInOutcome outcome;
        if (body.staffId() != null && body.pin() != null) {
            outcome = staff.signIn(body.staffId().strip(), body.pin().strip());
        } else if (body.deviceId() != null && body.deviceToken() != null) {
            outcome = staff.signInDevice(body.deviceId().strip(), body.deviceToken());
        } else {
            throw new ProblemException(422, "credentials-missing", "Who is signing in?",
                    "Send {\"staffId\", \"pin\"} for a colleague or {\"deviceId\", \"deviceToken\"} for a kiosk.");
        }
        switch (outcome) {
            case SignInOutcome.SignedIn signedIn -> Json.send(response, Status.CREATED_201, new SessionView(
                    signedIn.token(), signedIn.session().principal(), signedIn.displayName(),
                    signedIn.session().role().name(), signedIn.session().expiresAt()));
            case SignInOutcome.WrongCredentials wrong -> throw new ProblemException(new Problem(401,
                    "credentials-incorrect", "Staff id or PIN not recognised",
                    "Check the staff id and PIN; " + wrong.attemptsLeft() + " tries left before the account locks.")
                    .with("attemptsLeft", wrong.attemptsLeft()));
            case SignInOutcome.Locked locked -> throw new ProblemException(new Problem(423, "staff-locked",
                    "Too many wrong PINs", "This account is locked until " + locked.until()
                    + " after repeated wrong PINs; a supervisor can reset it.").with("lockedUntil", locked.until().toString()));
        }
    }

    private void signOut(ServerRequest request, ServerResponse response) {
        Access.token(request).ifPresent(staff::end);
        response.status(Status.NO_CONTENT_204).send();
    }
}
