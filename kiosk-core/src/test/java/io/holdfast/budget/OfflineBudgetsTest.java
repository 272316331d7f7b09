package io.holdfast.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.mode.Capability;
import io.holdfast.mode.IsolationSource;
import io.holdfast.mode.ModeBoard;
import io.holdfast.policy.StorePolicies;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.SteppingClock;
import io.holdfast.testing.TestClocks;

/** The offline budget's rule at each point of a budget, and a policy's budgets read and counted over a real store. */
class OfflineBudgetsTest {

    private static final Instant SINCE = TestClocks.START;
    private static final OfflineBudgetPolicy.Budget GIFT_CARDS = OfflineBudgetPolicy.bundled()
            .budget(Capability.GIFT_CARDS).orElseThrow();

    @TempDir
    Path folder;

    @Test
    void theBundledPolicyGivesGiftCardsThreeDaysRefundsAWeekAndOrdersNoLimit() {
        OfflineBudgetPolicy bundled = OfflineBudgetPolicy.bundled();
        assertThat(GIFT_CARDS.length()).isEqualTo(Duration.ofHours(72));
        assertThat(bundled.budget(Capability.REFUNDS).orElseThrow().length()).isEqualTo(Duration.ofDays(7));
        assertThat(bundled.budget(Capability.ORDERS)).isEmpty();
    }

    @Test
    void eachStepHoldsFromItsShareOfTheBudgetAndSaysWhenTheNextBegins() {
        BudgetStanding early = at(Duration.ofHours(35).plusMinutes(59));
        assertThat(early.limitPercent()).isEqualTo(100);
        assertThat(early.words()).isEmpty();
        assertThat(early.nextStepAt()).contains(SINCE.plus(Duration.ofHours(36)));
        assertThat(early.remaining()).contains(Duration.ofHours(36).plusMinutes(1));

        BudgetStanding halfway = at(Duration.ofHours(36));
        assertThat(halfway.limitPercent()).isEqualTo(50);
        assertThat(halfway.usedPercent()).isEqualTo(50);
        assertThat(halfway.words()).hasValueSatisfying(words -> assertThat(words)
                .contains("36 hours of the 72 hours", "gift cards", "cut to 50%"));
        assertThat(halfway.nextStepAt()).contains(SINCE.plus(Duration.ofHours(72)));

        BudgetStanding spent = at(Duration.ofHours(80));
        assertThat(spent.stopped()).isTrue();
        assertThat(spent.usedPercent()).isEqualTo(100);
        assertThat(spent.remaining()).contains(Duration.ZERO);
        assertThat(spent.nextStepAt()).isEmpty();
        assertThat(spent.words()).hasValueSatisfying(words -> assertThat(words).contains("cannot be done in store"));
    }

    @Test
    void aStepOutsideItsRangeIsRefused() {
        assertThatThrownBy(() -> new OfflineBudgetPolicy.Step(50, 120)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limitPercent 0..100");
        assertThatThrownBy(() -> new OfflineBudgetPolicy.Budget(0, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInstalledPolicyBudgetsOrdersAndTheCountStartsWhenTheCapabilityLeftOnlineEvenAcrossStates() {
        SteppingClock clock = new SteppingClock(SINCE);
        try (Database database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")))) {
            StorePolicies policies = new StorePolicies(database, clock);
            assertThat(policies.install(3, """
                    {"offlineBudgets": {"budgets": {"ORDERS": {"hours": 10, "steps": [{"fromPercent": 80, "limitPercent": 0}]}}}}
                    """, "regional-it")).isInstanceOf(io.holdfast.policy.PolicyDecision.Installed.class);
            ModeBoard board = new ModeBoard(database, clock, Duration.ZERO);
            OfflineBudgets budgets = new OfflineBudgets(policies, board, database, clock);
            assertThat(budgets.standing(Capability.ORDERS).offlineSince()).as("online").isEmpty();

            board.centralObserved(Capability.ORDERS, false, "timed out");
            clock.advance(Duration.ofHours(3));
            board.isolate(List.of(Capability.ORDERS), IsolationSource.REGIONAL_IT, "regional-it", "incident");
            clock.advance(Duration.ofHours(5));

            BudgetStanding orders = budgets.standing(Capability.ORDERS);
            assertThat(orders.offlineSince()).contains(SINCE);
            assertThat(orders.used()).isEqualTo(Duration.ofHours(8));
            assertThat(orders.stopped()).isTrue();
            assertThat(budgets.policy().version()).isEqualTo(3);
            assertThat(budgets.standing(Capability.GIFT_CARDS).budget()).as("not in the installed policy").isEmpty();
            assertThat(budgets.all()).hasSize(Capability.values().length);
        }
    }

    private static BudgetStanding at(Duration used) {
        return OfflineBudgets.standing(Capability.GIFT_CARDS, GIFT_CARDS, SINCE, SINCE.plus(used));
    }
}
