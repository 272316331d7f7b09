package io.holdfast.central.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Central never applies more than its admitted rate, however the batches come. */
class AdmissionTest {

    private static final long SECOND = 1_000_000_000L;

    /** When each event is applied if batches of {@code size} arrive all at once and are applied as allowed. */
    private static List<Long> appliedAt(Admission admission, int batches, int size) {
        List<Long> times = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < batches; i++) {
            now += admission.take(size, now);
            for (int e = 0; e < size; e++) {
                times.add(now);
            }
        }
        return times;
    }

    private static long busiestSecond(List<Long> times) {
        long most = 0;
        for (int start = 0; start < times.size(); start++) {
            int end = start;
            while (end < times.size() && times.get(end) < times.get(start) + SECOND) {
                end++;
            }
            most = Math.max(most, end - start);
        }
        return most;
    }

    @Test
    void aFloodOfSmallBatchesIsAppliedAtTheRatePlusATwentiethOfASecond() {
        List<Long> times = appliedAt(Admission.of(1_000, 0), 1_000, 10);

        assertThat(busiestSecond(times)).isBetween(1_000L, 1_050L);
        assertThat(times.getLast()).as("10,000 events at 1,000 a second").isBetween(9_900_000_000L, 10_000_000_000L);
    }

    @Test
    void aBatchLargerThanTheBurstWaitsUntilTheBucketHasPaidForIt() {
        Admission admission = Admission.of(1_000, 0);

        assertThat(admission.take(50, 0)).isZero();
        assertThat(admission.take(200, 0)).isEqualTo(200_000_000L);
        assertThat(busiestSecond(appliedAt(Admission.of(1_000, 0), 100, 200))).isLessThanOrEqualTo(1_050L);
    }

    @Test
    void aQuietSpellEarnsNoMoreThanTheBurst() {
        Admission admission = Admission.of(1_000, 0);

        assertThat(admission.take(50, 3_600 * SECOND)).isZero();
        assertThat(admission.take(1, 3_600 * SECOND)).isPositive();
    }

    @Test
    void aRateBelowOneIsRefused() {
        assertThatThrownBy(() -> Admission.of(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one event a second");
    }
}
