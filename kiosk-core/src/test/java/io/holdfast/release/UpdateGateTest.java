package io.holdfast.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class UpdateGateTest {

    private static final UpdateGate GATE = new UpdateGate(UpdateGate.Policy.DEFAULT);
    /** 23:30 in London in winter: inside the 21:00 to 06:00 window. */
    private static final Instant NIGHT = Instant.parse("2026-11-24T23:30:00Z");

    @Test
    void aQuietStoreAtNightWithNothingDrainingInstalls() {
        assertThat(GATE.decide(quiet(NIGHT), false, false)).isInstanceOf(UpdateGate.Decision.Go.class);
        assertThat(GATE.decide(quiet(Instant.parse("2026-11-25T05:59:00Z")), false, false))
                .as("a window that crosses midnight").isInstanceOf(UpdateGate.Decision.Go.class);
    }

    @Test
    void eachReasonToWaitIsSaidInWords() {
        UpdateGate.StoreNow busy = new UpdateGate.StoreNow(Instant.parse("2026-11-24T10:00:00Z"), Optional.empty(), 2,
                List.of("ORDERS"), 5_000, Optional.of(NIGHT.plusSeconds(3600)));

        assertThat(GATE.decide(busy, false, false)).isInstanceOfSatisfying(UpdateGate.Decision.Wait.class, wait ->
                assertThat(wait.reasons()).containsExactly(
                        "waiting for the maintenance window (21:00 to 06:00)",
                        "2 desk, kiosk or till request(s) in progress",
                        "still restoring ORDERS",
                        "5000 events wait to go to head office (at most 1000)",
                        "updates are frozen until 2026-11-25T00:30:00Z; only fixes pass"));
    }

    @Test
    void anUrgentFixPassesTheWindowAndTheFreezeButNotABusyDesk() {
        UpdateGate.StoreNow day = new UpdateGate.StoreNow(Instant.parse("2026-11-24T10:00:00Z"),
                Optional.of(Instant.parse("2026-11-24T09:59:30Z")), 0, List.of(), 0,
                Optional.of(Instant.parse("2026-11-25T10:00:00Z")));

        assertThat(GATE.decide(day, true, true)).isInstanceOfSatisfying(UpdateGate.Decision.Wait.class, wait ->
                assertThat(wait.reasons()).containsExactly("waiting for 60 s without desk, kiosk or till requests"));
        UpdateGate.StoreNow later = new UpdateGate.StoreNow(Instant.parse("2026-11-24T10:01:00Z"), day.lastRequestEnded(), 0,
                List.of(), 0, day.freezeUntil());
        assertThat(GATE.decide(later, true, true)).isInstanceOf(UpdateGate.Decision.Go.class);
        assertThat(GATE.decide(later, false, true)).as("not a fix: the freeze holds").isInstanceOf(UpdateGate.Decision.Wait.class);
    }

    private static UpdateGate.StoreNow quiet(Instant now) {
        return new UpdateGate.StoreNow(now, Optional.of(now.minusSeconds(600)), 0, List.of(), 10, Optional.empty());
    }
}
