package io.holdfast.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.holdfast.testing.TestClocks;

class UpdateGateTest {

    private static final UpdateGate GATE = new UpdateGate(UpdateGate.Policy.DEFAULT);
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** The test clock's day in London: every instant below is a time of day on it or the next. */
    private static final LocalDate DAY = TestClocks.START.atZone(LONDON).toLocalDate();
    /** 23:30 in London: inside the 21:00 to 06:00 window. */
    private static final Instant NIGHT = at(0, "23:30");

    @Test
    void aQuietStoreAtNightWithNothingDrainingInstalls() {
        assertThat(GATE.decide(quiet(NIGHT), false, false)).isInstanceOf(UpdateGate.Decision.Go.class);
        assertThat(GATE.decide(quiet(at(1, "05:59")), false, false))
                .as("a window that crosses midnight").isInstanceOf(UpdateGate.Decision.Go.class);
    }

    @Test
    void eachReasonToWaitIsSaidInWords() {
        UpdateGate.StoreNow busy = new UpdateGate.StoreNow(at(0, "10:00"), Optional.empty(), 2,
                List.of("ORDERS"), 5_000, Optional.of(NIGHT.plusSeconds(3600)));

        assertThat(GATE.decide(busy, false, false)).isInstanceOfSatisfying(UpdateGate.Decision.Wait.class, wait ->
                assertThat(wait.reasons()).containsExactly(
                        "waiting for the maintenance window (21:00 to 06:00)",
                        "2 desk, kiosk or till request(s) in progress",
                        "still restoring ORDERS",
                        "5000 events wait to go to head office (at most 1000)",
                        "updates are frozen until " + NIGHT.plusSeconds(3600) + "; only fixes pass"));
    }

    @Test
    void anUrgentFixPassesTheWindowAndTheFreezeButNotABusyDesk() {
        UpdateGate.StoreNow day = new UpdateGate.StoreNow(at(0, "10:00"),
                Optional.of(at(0, "09:59:30")), 0, List.of(), 0,
                Optional.of(at(1, "10:00")));

        assertThat(GATE.decide(day, true, true)).isInstanceOfSatisfying(UpdateGate.Decision.Wait.class, wait ->
                assertThat(wait.reasons()).containsExactly("waiting for 60 s without desk, kiosk or till requests"));
        UpdateGate.StoreNow later = new UpdateGate.StoreNow(at(0, "10:01"), day.lastRequestEnded(), 0,
                List.of(), 0, day.freezeUntil());
        assertThat(GATE.decide(later, true, true)).isInstanceOf(UpdateGate.Decision.Go.class);
        assertThat(GATE.decide(later, false, true)).as("not a fix: the freeze holds").isInstanceOf(UpdateGate.Decision.Wait.class);
    }

    private static Instant at(int days, String time) {
        return DAY.plusDays(days).atTime(LocalTime.parse(time)).atZone(LONDON).toInstant();
    }

    private static UpdateGate.StoreNow quiet(Instant now) {
        return new UpdateGate.StoreNow(now, Optional.of(now.minusSeconds(600)), 0, List.of(), 10, Optional.empty());
    }
}
