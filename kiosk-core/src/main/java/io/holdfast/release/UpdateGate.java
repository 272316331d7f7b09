package io.holdfast.release;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a staged release may be installed now. A pure rule over what the store knows: it answers
 * either "go" or every reason it waits, in words the status page and the heartbeat show.
 */
public final class UpdateGate {

    /**
     * The gate's policy.
     *
     * @param windowStart  the maintenance window's start, in the store's zone (21:00)
     * @param windowEnd    its end (06:00); a window may cross midnight
     * @param quietFor     how long no desk, kiosk or till request must have been in flight
     * @param backlogLimit the most outbox events that may wait to go to central
     */
    public record Policy(LocalTime windowStart, LocalTime windowEnd, Duration quietFor, long backlogLimit, ZoneId zone) {
        public static final Policy DEFAULT = new Policy(LocalTime.of(21, 0), LocalTime.of(6, 0), Duration.ofSeconds(60),
                1_000, ZoneId.of("Europe/London"));
    }

    /**
     * What the store is doing now.
     *
     * @param lastRequestEnded when the last desk, kiosk or till request ended; empty if none has run
     * @param requestsInFlight desk, kiosk and till requests being served now
     * @param restoring        capabilities draining after a restoration
     * @param freezeUntil      a signed FREEZE in force, until when
     */
    public record StoreNow(Instant now, Optional<Instant> lastRequestEnded, int requestsInFlight, List<String> restoring,
                           long backlog, Optional<Instant> freezeUntil) {
        public StoreNow {
            restoring = List.copyOf(restoring);
        }
    }

    /** Go, or wait for these reasons. */
    public sealed interface Decision {
        record Go() implements Decision {
        }

        record Wait(List<String> reasons) implements Decision {
            public Wait {
                reasons = List.copyOf(reasons);
            }
        }
    }

    private final Policy policy;

    public UpdateGate(Policy policy) {
        this.policy = policy;
    }

    /** @param urgent an urgent release may install outside the window (nothing else is waived) */
    public Decision decide(StoreNow store, boolean fix, boolean urgent) {
        List<String> reasons = new ArrayList<>();
        if (!urgent && !inWindow(store.now())) {
            reasons.add("waiting for the maintenance window (" + policy.windowStart() + " to " + policy.windowEnd() + ")");
        }
        if (store.requestsInFlight() > 0) {
            reasons.add(store.requestsInFlight() + " desk, kiosk or till request(s) in progress");
        } else if (store.lastRequestEnded().isPresent()
                && Duration.between(store.lastRequestEnded().get(), store.now()).compareTo(policy.quietFor()) < 0) {
            reasons.add("waiting for " + policy.quietFor().toSeconds() + " s without desk, kiosk or till requests");
        }
        if (!store.restoring().isEmpty()) {
            reasons.add("still restoring " + String.join(", ", store.restoring()));
        }
        if (store.backlog() > policy.backlogLimit()) {
            reasons.add(store.backlog() + " events wait to go to head office (at most " + policy.backlogLimit() + ")");
        }
        if (!fix && store.freezeUntil().filter(until -> store.now().isBefore(until)).isPresent()) {
            reasons.add("updates are frozen until " + store.freezeUntil().get() + "; only fixes pass");
        }
        return reasons.isEmpty() ? new Decision.Go() : new Decision.Wait(reasons);
    }

    private boolean inWindow(Instant now) {
        LocalTime time = now.atZone(policy.zone()).toLocalTime();
        LocalTime start = policy.windowStart();
        LocalTime end = policy.windowEnd();
        return start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
    }
}
