package io.holdfast.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.holdfast.mode.Capability;
import io.holdfast.testing.TestClocks;

/**
 * Issue 15, item 13: a steady 10 events a second must read as 10/s with the time left at that rate,
 * not a minute's average that still holds an earlier burst, and a new relay's count starts afresh.
 */
class ResyncMeterTest {

    private final Instant start = TestClocks.START;
    private final ResyncMeter meter = new ResyncMeter();

    @Test
    void aSteadyDrainAfterABurstReadsAsTheSteadyRateWithTheTimeLeftAtIt() {
        long acknowledged = 0;
        long backlog = 1_500;
        for (int second = 0; second <= 10; second++) {
            observe(second, acknowledged, backlog);
            acknowledged += 100;
            backlog -= 100;
        }
        ResyncProgress progress = null;
        for (int second = 11; second <= 40; second += 2) {
            acknowledged += 20;
            backlog -= 20;
            progress = observe(second, acknowledged, backlog);
        }

        long remaining = backlog;
        assertThat(progress.eventsPerSecond()).isCloseTo(10.0, within(0.5));
        assertThat(progress.timeLeft()).hasValueSatisfying(left ->
                assertThat(left.toSeconds()).isBetween(remaining / 11, remaining / 9));
    }

    @Test
    void aRelayStartedAgainCountsFromZeroAndTheMeterStartsAgainWithIt() {
        observe(0, 5_000, 300);
        observe(2, 5_020, 280);
        observe(4, 0, 280);
        ResyncProgress progress = observe(6, 20, 260);

        assertThat(progress.eventsPerSecond()).isCloseTo(10.0, within(0.5));
        assertThat(progress.timeLeft()).hasValue(Duration.ofSeconds(26));
    }

    @Test
    void lookingTwiceInTheSameMomentDoesNotMakeARateOfNothing() {
        observe(0, 0, 100);
        observe(1, 10, 90);
        ResyncProgress again = meter.observe(start.plusSeconds(1).plusMillis(10), 10, Map.of(Capability.ORDERS, 90L),
                EnumSet.allOf(Capability.class));

        assertThat(again.eventsPerSecond()).isCloseTo(10.0, within(0.5));
    }

    private ResyncProgress observe(int second, long acknowledged, long backlog) {
        return meter.observe(start.plusSeconds(second), acknowledged, Map.of(Capability.ORDERS, backlog),
                EnumSet.allOf(Capability.class));
    }
}
