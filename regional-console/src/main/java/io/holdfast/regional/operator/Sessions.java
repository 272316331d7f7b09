package io.holdfast.regional.operator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in operators, in memory only: a session holds the operator's opened key, so a restart of
 * the console signs everybody out and no key is ever opened on disk.
 */
public final class Sessions {

    private record Session(Operators.Unlocked operator, Instant expires) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration lifetime;

    public Sessions(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public String open(Operators.Unlocked operator) {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        sessions.put(text, new Session(operator, clock.instant().plus(lifetime)));
        return text;
    }

    public Optional<Operators.Unlocked> find(String token) {
        Session session = sessions.get(token);
        if (session == null) {
            return Optional.empty();
        }
        if (clock.instant().isAfter(session.expires())) {
            sessions.remove(token);
            return Optional.empty();
        }
        return Optional.of(session.operator());
    }

    public void close(String token) {
        sessions.remove(token);
    }
}
