package io.holdfast.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SwitchWatchTest {

    private static final Instant SWITCHED = io.holdfast.testing.TestClocks.START;
    private static final SwitchWatch WATCH = new SwitchWatch(Duration.ofSeconds(120));
    private static final SwitchWatch.Pending FIRST_START = new SwitchWatch.Pending("1.5.0", "1.4.0", SWITCHED, 1,
            java.util.Map.of("ORDERS", "ONLINE"));

    @Test
    void aConfirmedReleaseIsKeptAndOneStillInItsWindowIsWaitedFor() {
        assertThat(WATCH.judge(FIRST_START, true, false, SWITCHED.plusSeconds(30))).isInstanceOf(SwitchWatch.Verdict.Keep.class);
        assertThat(WATCH.judge(FIRST_START, false, false, SWITCHED.plusSeconds(30)))
                .isEqualTo(new SwitchWatch.Verdict.Wait(Duration.ofSeconds(90)));
    }

    @Test
    void itIsRolledBackWhenItCrashesHangsOrWasStartedBeforeWithoutConfirming() {
        assertThat(WATCH.judge(FIRST_START, false, true, SWITCHED.plusSeconds(5)))
                .isEqualTo(new SwitchWatch.Verdict.RollBack("1.5.0 stopped before it confirmed its health"));
        assertThat(WATCH.judge(FIRST_START, false, false, SWITCHED.plusSeconds(120)))
                .isEqualTo(new SwitchWatch.Verdict.RollBack("1.5.0 did not confirm its health within 120 s"));
        assertThat(WATCH.judge(FIRST_START.startedAgain(), false, false, SWITCHED.plusSeconds(10)))
                .isEqualTo(new SwitchWatch.Verdict.RollBack("1.5.0 was started 2 times without confirming its health"));
    }
}
