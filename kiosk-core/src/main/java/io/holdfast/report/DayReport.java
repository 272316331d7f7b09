package io.holdfast.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.holdfast.exceptions.ExceptionKind;
import io.holdfast.mode.Capability;
import io.holdfast.money.Money;
import io.holdfast.returns.RefundMethod;

/**
 * One store-day as the manager answers for it: how long each capability was in each state, what
 * the store did without central, what is still to reach central, the exceptions, and the manager's
 * sign-off. Every figure is counted from the store's own rows when the report is asked for.
 *
 * @param from the day's first instant (midnight in the store's zone)
 * @param to   where the day's figures stop: the next midnight, or now for today
 */
public record DayReport(String storeId, LocalDate day, ZoneId zone, Instant from, Instant to, Instant generatedAt,
                        List<DayTimeline> time, OfflineWork offline, List<Backlog> backlog, Exceptions exceptions,
                        Optional<DaySignOff> signOff) {

    public DayReport {
        Objects.requireNonNull(storeId, "store id");
        Objects.requireNonNull(day, "day");
        time = List.copyOf(time);
        Objects.requireNonNull(offline, "offline work");
        backlog = List.copyOf(backlog);
        Objects.requireNonNull(exceptions, "exceptions");
        Objects.requireNonNull(signOff, "sign-off");
    }

    /** A count and what it came to. */
    public record Tally(long count, Money amount) {
        public Tally {
            Objects.requireNonNull(amount, "amount");
        }
    }

    /**
     * What the store did on its own rules.
     *
     * @param handOvers       collections at the desk, split by whether central was asked
     * @param returns         every return of the day by refund method, with how many were made offline
     * @param storeCredit     store credit issued (a return refunded as a new gift card)
     * @param refundsOwed     refunds promised to the original tender and not yet paid: all of them, whatever day they were promised
     * @param refundsOwedFromToday those of {@code refundsOwed} promised on this day
     * @param giftCards       the day's offline redemptions against the policy's caps
     * @param loyaltyReceipts receipts with a loyalty id issued this day, and how many have not reached central yet
     */
    public record OfflineWork(HandOvers handOvers, List<ReturnsByMethod> returns, Tally storeCredit, Tally refundsOwed,
                              Tally refundsOwedFromToday, GiftCardExposure giftCards, LoyaltyReceipts loyaltyReceipts) {
        public OfflineWork {
            returns = List.copyOf(returns);
        }
    }

    public record HandOvers(long online, long offline) {
    }

    /** @param offline those of {@code all} made while the capability could not ask central */
    public record ReturnsByMethod(RefundMethod method, Tally all, Tally offline) {
    }

    /**
     * The day's offline gift-card redemptions against the caps that bound them.
     *
     * @param redeemed        offline redemptions not voided
     * @param storeCap        what the store may approve offline in a day
     * @param busiestCard     the most one card spent offline here this day
     * @param perCardCap      what one card may spend offline here in a day
     * @param cardsAtCap      cards that reached the per-card cap
     * @param overdrawn       offline redemptions central later found overdrawn
     */
    public record GiftCardExposure(Tally redeemed, Money storeCap, Money busiestCard, Money perCardCap, long cardsAtCap,
                                   Tally overdrawn) {
        /** The share of the store's daily cap taken, in whole percent. */
        public long storeCapUsedPercent() {
            return storeCap.amount() == 0 ? 0 : Math.round(100.0 * redeemed.amount().amount() / storeCap.amount());
        }
    }

    public record LoyaltyReceipts(long issued, long queued) {
    }

    /** What is still to reach central for one capability, as the report is made. */
    public record Backlog(Capability capability, long events, Optional<Duration> oldestAge) {
    }

    /**
     * @param opened       raised this day, by kind
     * @param resolved     resolved this day
     * @param stillOpen    open now, whatever day they were raised
     */
    public record Exceptions(Map<ExceptionKind, Long> opened, long resolved, long stillOpen) {
        public Exceptions {
            opened = Map.copyOf(opened);
        }

        public long openedTotal() {
            return opened.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
