package io.holdfast.returns;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.holdfast.money.Money;
import io.holdfast.receipt.Tender;
import io.holdfast.returns.RefundOption.Availability;

/**
 * Which refund methods are open for a return right now. While REFUNDS is online the money goes
 * back to the original tender; while it is not, the customer chooses store credit now or a
 * deferred refund, within the offline caps. Cash is paid at the desk only, for cash purchases,
 * within the till limit. Over a limit the answer is "ask a colleague", never a silent no.
 */
public final class RefundRules {

    private RefundRules() {
    }

    /**
     * @param refundsOnline REFUNDS is ONLINE (not degraded, isolated or restoring)
     * @param override      a supervisor authorised an exception for this return
     */
    /**
     * @param offlineLimitPercent what the offline budget leaves of the policy's offline limits: 100 in
     *                            full, 0 when the budget is spent and offline refunds stop (cash from
     *                            the till, which central does not owe, stays open at the desk)
     */
    public record Situation(boolean refundsOnline, Channel channel, boolean giftReceipt, boolean override,
                            boolean storeCreditAvailable, int offlineLimitPercent) {
    }

    public static List<RefundOption> options(ReturnsPolicy policy, Situation situation, Purchase purchase,
                                             Money amount, Exposure exposure) {
        return Arrays.stream(RefundMethod.values())
                .map(method -> option(policy, situation, purchase, amount, exposure, method))
                .toList();
    }

    static RefundOption option(ReturnsPolicy policy, Situation situation, Purchase purchase, Money amount,
                               Exposure exposure, RefundMethod method) {
        Optional<RefundOption> closed = closed(policy, situation, purchase, method);
        if (closed.isPresent()) {
            return closed.get();
        }
        ReturnsPolicy.Limits limits = policy.limits();
        if (method == RefundMethod.CASH) {
            if (situation.channel() == Channel.KIOSK) {
                return ask(method, Reason.of("refund.cash-at-desk"));
            }
            if (amount.amount() > limits.deskCash().amount() && !situation.override()) {
                return ask(method, Reason.of("refund.over-till-limit", "limit", limits.deskCash()));
            }
        }
        if (situation.override() && amount.amount() > limits.override().amount()) {
            return new RefundOption(method, Availability.CLOSED,
                    Reason.of("refund.over-override-limit", "limit", limits.override()));
        }
        boolean offlineExposure = !situation.refundsOnline() && method != RefundMethod.CASH;
        if (offlineExposure && situation.offlineLimitPercent() == 0) {
            return new RefundOption(method, Availability.CLOSED, Reason.of("refund.offline-budget-spent"));
        }
        if (offlineExposure) {
            Optional<Reason> overCap = overCap(limits, situation, amount, exposure);
            if (overCap.isPresent()) {
                return ask(method, overCap.get());
            }
        }
        return new RefundOption(method, Availability.OPEN, Reason.of(switch (method) {
            case ORIGINAL_TENDER -> "refund.original-tender-now";
            case DEFERRED_TO_ORIGINAL_TENDER -> "refund.deferred-promise";
            case STORE_CREDIT -> "refund.store-credit-now";
            case CASH -> "refund.cash-now";
        }, "amount", amount, "tender", purchase.originalTender().map(Tender::reference).orElse("")));
    }

    private static Optional<RefundOption> closed(ReturnsPolicy policy, Situation situation, Purchase purchase,
                                                 RefundMethod method) {
        Optional<Tender> tender = purchase.originalTender();
        boolean toTender = method == RefundMethod.ORIGINAL_TENDER || method == RefundMethod.DEFERRED_TO_ORIGINAL_TENDER;
        Optional<Reason> why = Optional.empty();
        if (!policy.methods(situation.refundsOnline()).contains(method)) {
            why = Optional.of(Reason.of(situation.refundsOnline() ? "refund.not-while-online" : "refund.not-while-offline"));
        } else if (situation.giftReceipt() && method != RefundMethod.STORE_CREDIT) {
            why = Optional.of(Reason.of("refund.gift-receipt-store-credit"));
        } else if (toTender && tender.isEmpty()) {
            why = Optional.of(Reason.of("refund.no-original-tender"));
        } else if (toTender && tender.get().kind() == Tender.Kind.CASH) {
            why = Optional.of(Reason.of("refund.paid-in-cash"));
        } else if (method == RefundMethod.CASH && tender.map(t -> t.kind() != Tender.Kind.CASH).orElse(true)) {
            why = Optional.of(Reason.of("refund.cash-only-for-cash"));
        } else if (method == RefundMethod.STORE_CREDIT && !situation.storeCreditAvailable()) {
            why = Optional.of(Reason.of("refund.store-credit-not-set-up"));
        }
        return why.map(reason -> new RefundOption(method, Availability.CLOSED, reason));
    }

    /** Over an offline limit, as the offline budget has cut it? Then a colleague decides, with the reason. */
    private static Optional<Reason> overCap(ReturnsPolicy.Limits limits, Situation situation, Money amount,
                                            Exposure exposure) {
        int percent = situation.offlineLimitPercent();
        Money kiosk = limits.kioskPerReturn().percent(percent);
        if (situation.channel() == Channel.KIOSK && amount.amount() > kiosk.amount()) {
            return Optional.of(Reason.of("refund.over-kiosk-limit", "limit", kiosk));
        }
        if (situation.override()) {
            return Optional.empty();
        }
        Money customer = limits.customerDaily().percent(percent);
        if (exposure.customerToday().amount() + amount.amount() > customer.amount()) {
            return Optional.of(Reason.of("refund.over-customer-daily", "limit", customer));
        }
        Money store = limits.storeDailyOffline().percent(percent);
        if (exposure.storeToday().amount() + amount.amount() > store.amount()) {
            return Optional.of(Reason.of("refund.over-store-daily", "limit", store));
        }
        return Optional.empty();
    }


    private static RefundOption ask(RefundMethod method, Reason reason) {
        return new RefundOption(method, Availability.ASK_COLLEAGUE, reason);
    }
}
