package io.holdfast.regional.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.holdfast.regional.rollout.RolloutRule.Outcome;

class RolloutRuleTest {

    private static final RolloutRule.Thresholds DEFAULTS = RolloutRule.Thresholds.defaults();

    private static List<RolloutRule.Member> group(int group, Outcome... outcomes) {
        List<RolloutRule.Member> members = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            members.add(new RolloutRule.Member("g" + group + "-" + i, group, outcomes[i]));
        }
        return members;
    }

    private static List<RolloutRule.Member> all(List<RolloutRule.Member>... groups) {
        List<RolloutRule.Member> members = new ArrayList<>();
        for (List<RolloutRule.Member> group : groups) {
            members.addAll(group);
        }
        return members;
    }

    @Test
    void groupsAreTheCanaryThenCumulativePercentages() {
        List<String> stores = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            stores.add("s" + i);
        }
        List<List<String>> groups = RolloutRule.groups(stores, List.of(5, 25, 100));

        assertThat(groups).extracting(List::size).containsExactly(1, 1, 8, 30);
        assertThat(groups.getFirst()).containsExactly("s1");
    }

    @Test
    void theRolloutStartsWithTheFirstGroup() {
        assertThat(RolloutRule.decide(group(0, Outcome.UNSENT), -1, 3, DEFAULTS))
                .isInstanceOf(RolloutRule.Decision.Send.class);
    }

    @Test
    void aGroupAdvancesAtTheSuccessThresholdAndWaitingStoresCountAsNeither() {
        List<RolloutRule.Member> members = all(group(0, Outcome.INSTALLED),
                group(1, Outcome.INSTALLED, Outcome.INSTALLED, Outcome.WAITING, Outcome.WAITING), group(2, Outcome.UNSENT));

        assertThat(RolloutRule.decide(members, 1, 3, DEFAULTS)).isEqualTo(
                new RolloutRule.Decision.Send(2, "group 2 reached 100% installed"));
    }

    @Test
    void aGroupBelowTheSuccessThresholdWaitsWithItsCounts() {
        List<RolloutRule.Member> members = all(group(0, Outcome.INSTALLED), group(1, Outcome.INSTALLED,
                Outcome.IN_PROGRESS, Outcome.PENDING, Outcome.WAITING));

        assertThat(RolloutRule.decide(members, 1, 3, DEFAULTS).reason())
                .isEqualTo("group 2: 1 of 3 installed (33%, needs 95%); 1 wait for their window");
    }

    @Test
    void twoFailuresHaltOnlyOnceFiveStoresTried() {
        List<RolloutRule.Member> early = all(group(0, Outcome.FAILED), group(1, Outcome.FAILED, Outcome.INSTALLED,
                Outcome.PENDING));
        assertThat(RolloutRule.decide(early, 1, 3, DEFAULTS)).isInstanceOf(RolloutRule.Decision.Wait.class);

        List<RolloutRule.Member> enough = all(group(0, Outcome.FAILED), group(1, Outcome.FAILED, Outcome.INSTALLED,
                Outcome.INSTALLED, Outcome.INSTALLED));
        assertThat(RolloutRule.decide(enough, 1, 3, DEFAULTS)).isInstanceOf(RolloutRule.Decision.Halt.class);
    }

    @Test
    void onePercentOfFailuresHaltsABigRolloutAtFivePercent() {
        Outcome[] outcomes = new Outcome[40];
        java.util.Arrays.fill(outcomes, Outcome.INSTALLED);
        outcomes[0] = Outcome.FAILED;
        RolloutRule.Thresholds many = new RolloutRule.Thresholds(95, 10, 5, 5);

        assertThat(RolloutRule.decide(group(0, outcomes), 0, 2, many)).isInstanceOf(RolloutRule.Decision.Send.class);
        outcomes[1] = Outcome.FAILED;
        assertThat(RolloutRule.decide(group(0, outcomes), 0, 2, many)).isInstanceOf(RolloutRule.Decision.Halt.class);
    }

    @Test
    void theLastGroupAtTheThresholdFinishesTheRollout() {
        assertThat(RolloutRule.decide(all(group(0, Outcome.INSTALLED), group(1, Outcome.INSTALLED)), 1, 2, DEFAULTS))
                .isInstanceOf(RolloutRule.Decision.Done.class);
    }
}
