package io.holdfast.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.holdfast.mode.Capability;
import io.holdfast.testing.TestClocks;

class BatchWindowTest {

    /** The window judges only the instants it is given; it reads no clock of its own. */
    private static final Instant SENT = TestClocks.START;
    private final BatchWindow window = new BatchWindow();

    @Test
    void knowsHowFarEachCapabilityHasBeenSentSoTheOutboxIsReadPastIt() {
        window.sent(batch("a", new BatchWindow.Sent("o1", Capability.ORDERS, 1), new BatchWindow.Sent("r1", Capability.REFUNDS, 2)));
        window.sent(batch("b", new BatchWindow.Sent("o2", Capability.ORDERS, 3)));

        assertThat(window.sentUpTo()).isEqualTo(Map.of(Capability.ORDERS, 3L, Capability.REFUNDS, 2L));
        assertThat(window.size()).isEqualTo(2);
    }

    @Test
    void aBatchLeavesOnlyWhenCentralHasAllOfItsEvents() {
        window.sent(batch("a", new BatchWindow.Sent("o1", Capability.ORDERS, 1), new BatchWindow.Sent("o2", Capability.ORDERS, 2)));

        window.acknowledged(Set.of("o1", "elsewhere"));
        assertThat(window.size()).isEqualTo(1);
        window.acknowledged(Set.of("o2"));
        assertThat(window.size()).isZero();
        assertThat(window.sentUpTo()).isEmpty();
    }

    @Test
    void aBatchUnacknowledgedPastTheTimeoutIsDueOnceAndThenWaitsAgain() {
        window.sent(batch("a", new BatchWindow.Sent("o1", Capability.ORDERS, 1)));

        assertThat(window.resendDue(SENT.plusSeconds(9), Duration.ofSeconds(10))).isEmpty();
        assertThat(window.resendDue(SENT.plusSeconds(11), Duration.ofSeconds(10))).extracting(BatchWindow.Batch::id)
                .containsExactly("a");
        assertThat(window.resendDue(SENT.plusSeconds(12), Duration.ofSeconds(10))).as("sent again at 11 s").isEmpty();
        window.clear();
        assertThat(window.size()).isZero();
    }

    private static BatchWindow.Batch batch(String id, BatchWindow.Sent... events) {
        return new BatchWindow.Batch(id, List.of(events), new byte[] {1}, SENT);
    }
}
