package io.holdfast.returns;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.holdfast.money.Money;
import io.holdfast.policy.PolicySection;

/**
 * The store's returns policy, as data: regional IT sends it in the policy stream ({@code returns} in
 * the policy document), and until one arrives the store runs the bundled default (version 0).
 *
 * @param windowDays            days after purchase a return is accepted
 * @param giftReceiptWindowDays the same with a gift receipt (refunded as store credit only)
 * @param receiptRequired       without proof of purchase only a supervisor's override takes a return
 * @param categories            what each category allows; a category not listed is returnable
 * @param questions             what the customer is asked about an item's condition
 * @param refundMethods         the methods open while REFUNDS is online, and while it is not
 */
public record ReturnsPolicy(long version, int windowDays, int giftReceiptWindowDays, boolean receiptRequired,
                            Map<String, CategoryRule> categories, List<ConditionQuestion> questions,
                            RefundMethods refundMethods, Limits limits) {

    private static final String DEFAULT_RESOURCE = "/io/holdfast/returns/default-returns-policy.json";

    public ReturnsPolicy {
        if (version < 0) {
            throw new IllegalArgumentException("returns policy version must not be negative, but was " + version);
        }
        if (windowDays < 0 || giftReceiptWindowDays < windowDays) {
            throw new IllegalArgumentException("return windows must be 0 days or more, the gift-receipt one at least"
                    + " the normal one, but were " + windowDays + " and " + giftReceiptWindowDays);
        }
        categories = Map.copyOf(Objects.requireNonNull(categories, "categories"));
        questions = List.copyOf(Objects.requireNonNull(questions, "questions"));
        Objects.requireNonNull(refundMethods, "refund methods");
        Objects.requireNonNull(limits, "limits");
    }

    /** The refund methods open in each mode of REFUNDS. */
    public record RefundMethods(Set<RefundMethod> online, Set<RefundMethod> offline) {
        public RefundMethods {
            online = Set.copyOf(online);
            offline = Set.copyOf(offline);
            if (offline.contains(RefundMethod.ORIGINAL_TENDER)) {
                throw new IllegalArgumentException("a refund to the original tender needs central; offline it can only"
                        + " be deferred (DEFERRED_TO_ORIGINAL_TENDER)");
            }
        }
    }

    /**
     * The offline risk limits and the desk's.
     *
     * @param kioskPerReturn    the most a kiosk refunds in one return while REFUNDS is not online
     * @param customerDaily     the most one customer (loyalty id or card) is refunded offline in a day
     * @param storeDailyOffline the store's offline refund exposure in a day
     * @param deskCash          the most a colleague pays out in cash for one return
     * @param override          the most a supervisor's override refunds
     * @param overrideExtraDays how far past the window a supervisor may take a return
     */
    public record Limits(Money kioskPerReturn, Money customerDaily, Money storeDailyOffline, Money deskCash,
                         Money override, int overrideExtraDays) {
        public Limits {
            for (Money limit : List.of(kioskPerReturn, customerDaily, storeDailyOffline, deskCash, override)) {
                if (limit.amount() <= 0) {
                    throw new IllegalArgumentException("refund limits must be positive, but one was " + limit);
                }
            }
            if (overrideExtraDays < 0) {
                throw new IllegalArgumentException("override extra days must not be negative, but was " + overrideExtraDays);
            }
        }
    }

    public CategoryRule rule(String category) {
        return categories.getOrDefault(category, CategoryRule.RETURNABLE);
    }

    public List<ConditionQuestion> questionsFor(String category) {
        return questions.stream().filter(question -> question.appliesTo(category)).toList();
    }

    public Set<RefundMethod> methods(boolean refundsOnline) {
        return refundsOnline ? refundMethods.online() : refundMethods.offline();
    }

    /** The policy the gateway ships with. */
    public static ReturnsPolicy bundled() {
        return PolicySection.bundled(DEFAULT_RESOURCE, ReturnsPolicy.class);
    }
}
