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
    void aBatchUnacknowledgedPastTheTimeoutIsDueUntilSentAgainAndThenWaitsTwiceAsLongEachTime() {
        window.sent(batch("a", new BatchWindow.Sent("o1", Capability.ORDERS, 1)));
        Duration timeout = Duration.ofSeconds(10);

        assertThat(window.due(SENT.plusSeconds(9), timeout)).isEmpty();
        assertThat(window.due(SENT.plusSeconds(11), timeout)).extracting(BatchWindow.Batch::id).containsExactly("a");
        assertThat(window.due(SENT.plusSeconds(11), timeout)).as("due until it is sent again").hasSize(1);

        Instant again = SENT.plusSeconds(11);
        window.resent("a", again);
        assertThat(window.due(again.plusSeconds(19), timeout)).as("20 s after the first resend").isEmpty();
        assertThat(window.due(again.plusSeconds(21), timeout)).hasSize(1);
        window.resent("a", again.plusSeconds(21));
        window.resent("a", again.plusSeconds(21));
        window.resent("a", again.plusSeconds(21));
        assertThat(window.due(again.plusSeconds(21 + 79), timeout)).as("never longer than 80 s").isEmpty();
        assertThat(window.due(again.plusSeconds(21 + 81), timeout)).hasSize(1);

        window.clear();
        assertThat(window.size()).isZero();
    }

    @Test
    void anAcknowledgementOfPartOfABatchKeepsItsResends() {
        window.sent(batch("a", new BatchWindow.Sent("o1", Capability.ORDERS, 1), new BatchWindow.Sent("o2", Capability.ORDERS, 2)));
        window.resent("a", SENT.plusSeconds(11));

        window.acknowledged(Set.of("o1"));

        assertThat(window.due(SENT.plusSeconds(11 + 19), Duration.ofSeconds(10))).isEmpty();
        assertThat(window.due(SENT.plusSeconds(11 + 21), Duration.ofSeconds(10))).singleElement()
                .satisfies(batch -> assertThat(batch.events()).extracting(BatchWindow.Sent::key).containsExactly("o2"));
    }

    private static BatchWindow.Batch batch(String id, BatchWindow.Sent... events) {
        return new BatchWindow.Batch(id, List.of(events), new byte[] {1}, SENT);
    }
}
