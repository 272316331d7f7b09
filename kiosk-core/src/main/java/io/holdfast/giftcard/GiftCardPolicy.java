package io.holdfast.giftcard;

import java.time.Duration;
import java.util.Objects;

import io.holdfast.money.Money;
import io.holdfast.policy.PolicySection;

/**
 * How far a store may go with gift cards while central cannot answer: the {@code giftCards} section of
 * the policy regional IT pushes; until one arrives the bundled default (version 0).
 *
 * @param perCardDailyOffline what one card may spend offline in this store in a day
 * @param storeDailyOffline   what the store may approve offline in a day, all cards together
 * @param unknownCardFloor    what a card missing from the store's copy may spend offline here in a day; zero declines it
 * @param maximumRedemption   the largest single redemption, online or not
 * @param pinAttempts         wrong PINs in a row before the card is locked here
 * @param pinLockMinutes      how long such a lock lasts
 */
public record GiftCardPolicy(long version, Money perCardDailyOffline, Money storeDailyOffline, Money unknownCardFloor,
                             Money maximumRedemption, int pinAttempts, int pinLockMinutes) {

    private static final String DEFAULT_RESOURCE = "/io/holdfast/giftcard/default-gift-card-policy.json";

    public GiftCardPolicy {
        Objects.requireNonNull(perCardDailyOffline, "perCardDailyOffline");
        Objects.requireNonNull(storeDailyOffline, "storeDailyOffline");
        Objects.requireNonNull(unknownCardFloor, "unknownCardFloor");
        Objects.requireNonNull(maximumRedemption, "maximumRedemption");
        for (Money limit : new Money[] {storeDailyOffline, unknownCardFloor, maximumRedemption}) {
            if (!limit.currency().equals(perCardDailyOffline.currency()) || limit.isNegative()) {
                throw new IllegalArgumentException("gift-card limits must be in one currency and not negative: " + limit);
            }
        }
        if (pinAttempts < 1 || pinLockMinutes < 1) {
            throw new IllegalArgumentException("pinAttempts and pinLockMinutes must be positive");
        }
    }

    /** The currency the store's gift cards are in. */
    public java.util.Currency currency() {
        return perCardDailyOffline.currency();
    }

    public Duration pinLock() {
        return Duration.ofMinutes(pinLockMinutes);
    }

    /**
     * This policy with its offline limits (per card, per store, for unknown cards) cut to
     * {@code percent} of themselves, rounded down to the penny: what an offline budget running down
     * leaves. The largest single redemption and the PIN rules stay as they are.
     */
    public GiftCardPolicy offlineLimitsCutTo(int percent) {
        if (percent == 100) {
            return this;
        }
        return new GiftCardPolicy(version, perCardDailyOffline.percent(percent), storeDailyOffline.percent(percent),
                unknownCardFloor.percent(percent), maximumRedemption, pinAttempts, pinLockMinutes);
    }


    GiftCardPolicy withVersion(long installed) {
        return new GiftCardPolicy(installed, perCardDailyOffline, storeDailyOffline, unknownCardFloor,
                maximumRedemption, pinAttempts, pinLockMinutes);
    }

    /** The policy the gateway ships with. */
    public static GiftCardPolicy bundled() {
        return PolicySection.bundled(DEFAULT_RESOURCE, GiftCardPolicy.class);
    }
}
