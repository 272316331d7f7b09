package io.holdfast.regional.waves;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class WaveRuleTest {

    private static WaveRule.Member member(String store, int position, int wave, boolean online, String state,
                                          long backlog) {
        return new WaveRule.Member(store, position, wave, online, state, backlog);
    }

    @Test
    void theFirstWaveTakesTheFirstStoresInOrder() {
        WaveRule.Decision decision = WaveRule.decide(List.of(member("c", 2, 0, true, "ISOLATED", 9),
                member("a", 0, 0, true, "ISOLATED", 9), member("b", 1, 0, true, "ISOLATED", 9)), 0, 2, 0, 100, "REFUNDS");

        assertThat(decision).isEqualTo(new WaveRule.Decision.Send(List.of("a", "b"), 1,
                "first wave; fleet at 0 of 100 events/s"));
    }

    @Test
    void theNextWaveWaitsUntilEveryOnlineStoreOfTheLastOneDrained() {
        WaveRule.Decision decision = WaveRule.decide(List.of(member("a", 0, 1, true, "ONLINE", 0),
                member("b", 1, 1, true, "RESTORING", 120), member("c", 2, 0, true, "ISOLATED", 50)), 1, 2, 10, 100,
                "REFUNDS");

        assertThat(decision).isInstanceOf(WaveRule.Decision.Wait.class);
        assertThat(decision.reason()).isEqualTo("1 stores still draining REFUNDS (120 events to go)");
    }

    @Test
    void theNextWaveWaitsWhileTheFleetSendsMoreThanCentralAdmits() {
        WaveRule.Decision decision = WaveRule.decide(List.of(member("a", 0, 1, true, "ONLINE", 0),
                member("b", 1, 0, true, "ISOLATED", 50)), 1, 1, 101, 100, "ORDERS");

        assertThat(decision).isEqualTo(new WaveRule.Decision.Wait(
                "the fleet sends 101 events/s and central admits 100: the next wave waits"));
    }

    @Test
    void anOfflineStoreDoesNotHoldTheFleetBackAndIsNamed() {
        WaveRule.Decision decision = WaveRule.decide(List.of(member("a", 0, 1, false, "ISOLATED", 80),
                member("b", 1, 0, true, "ISOLATED", 50)), 1, 1, 0, 100, "ORDERS");

        assertThat(decision).isInstanceOfSatisfying(WaveRule.Decision.Send.class, send -> {
            assertThat(send.stores()).containsExactly("b");
            assertThat(send.wave()).isEqualTo(2);
            assertThat(send.reason()).contains("1 sent stores are offline and restore when they return");
        });
    }

    @Test
    void theRestorationIsDoneWhenEveryStoreWasSentAndTheOnlineOnesDrained() {
        assertThat(WaveRule.decide(List.of(member("a", 0, 1, true, "ONLINE", 0), member("b", 1, 2, true, "ONLINE", 0)),
                2, 1, 0, 100, "ORDERS")).isInstanceOf(WaveRule.Decision.Done.class);
    }
}
