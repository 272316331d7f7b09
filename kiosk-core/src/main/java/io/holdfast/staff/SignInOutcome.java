package io.holdfast.staff;

import java.time.Instant;
import java.util.Objects;

/** The answer to a sign-in. An unknown staff id and a wrong PIN look the same from outside. */
public sealed interface SignInOutcome {

    /** @param token the bearer token; shown once, kept only as a hash */
    record SignedIn(String token, Session session, String displayName) implements SignInOutcome {
        public SignedIn {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(displayName, "display name");
        }

        @Override
        public String toString() {
            return "SignedIn[" + session + "]";
        }
    }

    /** @param attemptsLeft before the account locks */
    record WrongCredentials(int attemptsLeft) implements SignInOutcome {
    }

    record Locked(Instant until) implements SignInOutcome {
    }
}
