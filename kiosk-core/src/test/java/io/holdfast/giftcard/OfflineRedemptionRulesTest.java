package io.holdfast.giftcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.holdfast.money.Money;

/** Each offline limit on its own, and the amount that could be approved instead. */
class OfflineRedemptionRulesTest {

    private final GiftCardPolicy policy = GiftCardPolicy.bundled();

    @Test
    void withinEveryLimitItIsApproved() {
        assertThat(decide(3000, Optional.of(gbp(8000)), false, 0, 0))
                .isInstanceOf(OfflineRedemptionRules.Decision.Approve.class);
        assertThat(decide(5000, Optional.of(gbp(5000)), false, 0, 195_000))
                .as("exactly at every limit").isInstanceOf(OfflineRedemptionRules.Decision.Approve.class);
    }

    @Test
    void theCardsBalanceLessOfflineSpendIsALimit() {
        assertThat(decline(3000, Optional.of(gbp(2000)), false, 0, 0))
                .isEqualTo(new OfflineRedemptionRules.Decision.Decline("insufficient-balance", "The card holds £20.00.",
                        gbp(2000)));
    }

    @Test
    void thePerCardDailyCapIsALimit() {
        OfflineRedemptionRules.Decision.Decline decline = decline(3000, Optional.of(gbp(9000)), false, 3000, 0);
        assertThat(decline.code()).isEqualTo("over-card-daily-offline");
        assertThat(decline.couldApprove()).isEqualTo(gbp(2000));
        assertThat(decline.message()).contains("£50.00 a day").contains("£20.00 of that left");
    }

    @Test
    void theStoresDailyExposureCapIsALimit() {
        OfflineRedemptionRules.Decision.Decline decline = decline(3000, Optional.of(gbp(9000)), false, 0, 199_000);
        assertThat(decline.code()).isEqualTo("over-store-daily-offline");
        assertThat(decline.couldApprove()).isEqualTo(gbp(1000));
    }

    @Test
    void anUnknownCardGetsTheFloorAndABlockedCardNothing() {
        OfflineRedemptionRules.Decision.Decline unknown = decline(500, Optional.empty(), false, 0, 0);
        assertThat(unknown.code()).isEqualTo("card-unknown-offline");
        assertThat(unknown.couldApprove()).isEqualTo(gbp(0));
        GiftCardPolicy floor = new GiftCardPolicy(3, gbp(5000), gbp(200_000), gbp(1000), gbp(100_000), 3, 30);
        assertThat(OfflineRedemptionRules.decide(floor, new OfflineRedemptionRules.Situation(gbp(800), Optional.empty(),
                false, gbp(0), gbp(0)))).isInstanceOf(OfflineRedemptionRules.Decision.Approve.class);

        assertThat(decline(100, Optional.of(gbp(9000)), true, 0, 0).code()).isEqualTo("card-blocked");
    }

    private OfflineRedemptionRules.Decision decide(long amount, Optional<Money> available, boolean blocked,
                                                   long cardToday, long storeToday) {
        return OfflineRedemptionRules.decide(policy, new OfflineRedemptionRules.Situation(gbp(amount), available,
                blocked, gbp(cardToday), gbp(storeToday)));
    }

    private OfflineRedemptionRules.Decision.Decline decline(long amount, Optional<Money> available, boolean blocked,
                                                            long cardToday, long storeToday) {
        return (OfflineRedemptionRules.Decision.Decline) decide(amount, available, blocked, cardToday, storeToday);
    }

    private static Money gbp(long pence) {
        return Money.of(pence, "GBP");
    }
}
