package io.holdfast.giftcard;

import java.util.Objects;
import java.util.Optional;

import io.holdfast.money.Money;

/**
 * Whether a redemption may be approved while central cannot be asked: only up to the smallest of
 * what the card holds (its last known balance less what this store has spent on it since), what it
 * may still spend offline here today, and what the store may still approve offline today. A card
 * the store has never heard of gets the policy's floor limit a day; a blocked card gets nothing.
 */
public final class OfflineRedemptionRules {

    private OfflineRedemptionRules() {
    }

    /**
     * What the store knows at the moment of asking.
     *
     * @param available  the card's last known balance less this store's unreconciled offline spend; empty when unknown
     * @param cardToday  what this card has spent offline in this store today
     * @param storeToday what the store has approved offline today, all cards together
     */
    public record Situation(Money amount, Optional<Money> available, boolean blocked, Money cardToday,
                            Money storeToday) {
        public Situation {
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(available, "available");
            Objects.requireNonNull(cardToday, "card today");
            Objects.requireNonNull(storeToday, "store today");
        }
    }

    /** Approve, or decline with what to tell the customer and what could be approved instead. */
    public sealed interface Decision {
        record Approve() implements Decision {
        }

        record Decline(String code, String message, Money couldApprove) implements Decision {
        }
    }

    public static Decision decide(GiftCardPolicy policy, Situation situation) {
        Money amount = situation.amount();
        Money zero = Money.zero(amount.currency());
        if (situation.blocked()) {
            return new Decision.Decline("card-blocked", "Head office has blocked this card for offline use until it"
                    + " checks it; it can be used again when gift cards are back online.", zero);
        }
        Money held = situation.available().orElseGet(() -> policy.unknownCardFloor().minus(situation.cardToday()));
        Money cardRoom = policy.perCardDailyOffline().minus(situation.cardToday());
        Money storeRoom = policy.storeDailyOffline().minus(situation.storeToday());
        Money could = atLeastZero(smallest(held, smallest(cardRoom, storeRoom)));
        if (amount.amount() <= could.amount()) {
            return new Decision.Approve();
        }
        if (situation.available().isEmpty()) {
            return new Decision.Decline("card-unknown-offline", "This card is not in the store's copy of balances, and"
                    + (policy.unknownCardFloor().amount() == 0 ? " unknown cards cannot be used while head office is offline."
                    : " unknown cards may spend at most " + policy.unknownCardFloor().display() + " while head office is offline."),
                    could);
        }
        if (held.amount() < amount.amount() && held.amount() <= cardRoom.amount() && held.amount() <= storeRoom.amount()) {
            return new Decision.Decline("insufficient-balance", "The card holds " + atLeastZero(held).display() + ".", could);
        }
        if (cardRoom.amount() <= storeRoom.amount()) {
            return new Decision.Decline("over-card-daily-offline", "While head office is offline a card may spend "
                    + policy.perCardDailyOffline().display() + " a day in this store; this card has " + atLeastZero(cardRoom).display()
                    + " of that left today.", could);
        }
        return new Decision.Decline("over-store-daily-offline", "While head office is offline this store may take "
                + policy.storeDailyOffline().display() + " a day on gift cards; " + atLeastZero(storeRoom).display() + " of that is left today.",
                could);
    }

    private static Money smallest(Money a, Money b) {
        return a.amount() <= b.amount() ? a : b;
    }

    private static Money atLeastZero(Money money) {
        return money.isNegative() ? Money.zero(money.currency()) : money;
    }
}
