package io.holdfast.returns;

import static io.holdfast.returns.RefundOption.Availability.ASK_COLLEAGUE;
import static io.holdfast.returns.RefundOption.Availability.CLOSED;
import static io.holdfast.returns.RefundOption.Availability.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.holdfast.money.Money;
import io.holdfast.receipt.Tender;

/** Which refund methods are open, in each mode and at each channel, and the caps that hand over to a colleague. */
class RefundRulesTest {

    private final ReturnsPolicy policy = ReturnsPolicy.bundled();
    private static final Exposure NONE = new Exposure(gbp(0), gbp(0));

    private static Money gbp(long pence) {
        return Money.of(pence, "GBP");
    }

    private static Purchase paidWith(Tender.Kind kind) {
        return new Purchase("R1", Purchase.Kind.RECEIPT, ReturnRulesTest.NOW, List.of(ReturnRulesTest.line(1, "CLOTHING", 1)),
                Optional.of(new Tender(kind, gbp(2950), kind == Tender.Kind.CASH ? "cash" : "VISA ****1234")), "c");
    }

    private Map<RefundMethod, RefundOption.Availability> options(boolean online, Channel channel, Tender.Kind paid,
                                                                 long amount, Exposure exposure, boolean override) {
        return RefundRules.options(policy, new RefundRules.Situation(online, channel, false, override, true, 100),
                        paidWith(paid), gbp(amount), exposure).stream()
                .collect(Collectors.toMap(RefundOption::method, RefundOption::availability));
    }

    @Test
    void onlineTheKioskRefundsToTheCardOrGivesStoreCredit() {
        assertThat(options(true, Channel.KIOSK, Tender.Kind.CARD, 2950, NONE, false)).isEqualTo(Map.of(
                RefundMethod.ORIGINAL_TENDER, OPEN, RefundMethod.DEFERRED_TO_ORIGINAL_TENDER, CLOSED,
                RefundMethod.STORE_CREDIT, OPEN, RefundMethod.CASH, CLOSED));
    }

    @Test
    void offlineTheKioskOffersStoreCreditOrADeferredRefundAndNeverTheCardNow() {
        assertThat(options(false, Channel.KIOSK, Tender.Kind.CARD, 2950, NONE, false)).isEqualTo(Map.of(
                RefundMethod.ORIGINAL_TENDER, CLOSED, RefundMethod.DEFERRED_TO_ORIGINAL_TENDER, OPEN,
                RefundMethod.STORE_CREDIT, OPEN, RefundMethod.CASH, CLOSED));
    }

    @Test
    void cashPurchasesAreRefundedInCashAtTheDeskWithinTheTillLimit() {
        assertThat(options(false, Channel.KIOSK, Tender.Kind.CASH, 2950, NONE, false).get(RefundMethod.CASH))
                .isEqualTo(ASK_COLLEAGUE);
        assertThat(options(false, Channel.DESK, Tender.Kind.CASH, 2950, NONE, false)).isEqualTo(Map.of(
                RefundMethod.ORIGINAL_TENDER, CLOSED, RefundMethod.DEFERRED_TO_ORIGINAL_TENDER, CLOSED,
                RefundMethod.STORE_CREDIT, OPEN, RefundMethod.CASH, OPEN));
        assertThat(options(true, Channel.DESK, Tender.Kind.CASH, 6000, NONE, false).get(RefundMethod.CASH))
                .isEqualTo(ASK_COLLEAGUE);
    }

    @Test
    void overTheKioskCapOfflineTheCustomerIsHandedToAColleagueWithTheLimit() {
        List<RefundOption> options = RefundRules.options(policy,
                new RefundRules.Situation(false, Channel.KIOSK, false, false, true, 100), paidWith(Tender.Kind.CARD),
                gbp(10_001), NONE);

        assertThat(options).filteredOn(o -> o.method() == RefundMethod.STORE_CREDIT).singleElement()
                .isEqualTo(new RefundOption(RefundMethod.STORE_CREDIT, ASK_COLLEAGUE,
                        Reason.of("refund.over-kiosk-limit", "limit", gbp(10_000))));
        assertThat(options(false, Channel.DESK, Tender.Kind.CARD, 10_001, NONE, false).get(RefundMethod.STORE_CREDIT))
                .as("the kiosk cap does not bind a colleague at the desk").isEqualTo(OPEN);
        assertThat(options(true, Channel.KIOSK, Tender.Kind.CARD, 10_001, NONE, false).get(RefundMethod.ORIGINAL_TENDER))
                .as("online, central carries the risk").isEqualTo(OPEN);
    }

    @Test
    void theCustomersAndTheStoresDailyOfflineCapsNeedASupervisor() {
        Exposure customerNearCap = new Exposure(gbp(50_000), gbp(18_000));
        Exposure storeNearCap = new Exposure(gbp(199_000), gbp(0));

        assertThat(options(false, Channel.DESK, Tender.Kind.CARD, 2950, customerNearCap, false)
                .get(RefundMethod.DEFERRED_TO_ORIGINAL_TENDER)).isEqualTo(ASK_COLLEAGUE);
        assertThat(options(false, Channel.DESK, Tender.Kind.CARD, 2950, storeNearCap, false)
                .get(RefundMethod.STORE_CREDIT)).isEqualTo(ASK_COLLEAGUE);
        assertThat(options(false, Channel.DESK, Tender.Kind.CARD, 2950, storeNearCap, true)
                .get(RefundMethod.STORE_CREDIT)).as("a supervisor's override").isEqualTo(OPEN);
        assertThat(options(false, Channel.DESK, Tender.Kind.CARD, 25_001, NONE, true)
                .get(RefundMethod.STORE_CREDIT)).as("but not beyond the override limit").isEqualTo(CLOSED);
    }

    @Test
    void aGiftReceiptIsRefundedAsStoreCreditOnly() {
        Map<RefundMethod, RefundOption.Availability> options = RefundRules.options(policy,
                        new RefundRules.Situation(true, Channel.KIOSK, true, false, true, 100), paidWith(Tender.Kind.CARD),
                        gbp(2950), NONE).stream()
                .collect(Collectors.toMap(RefundOption::method, RefundOption::availability));

        assertThat(options).containsEntry(RefundMethod.STORE_CREDIT, OPEN)
                .containsEntry(RefundMethod.ORIGINAL_TENDER, CLOSED);
    }

    @Test
    void anOfflineBudgetRunningDownCutsTheOfflineLimitsAndWhenSpentClosesOfflineRefundsButNotTheTill() {
        List<RefundOption> halved = RefundRules.options(policy,
                new RefundRules.Situation(false, Channel.KIOSK, false, false, true, 50), paidWith(Tender.Kind.CARD),
                gbp(6000), NONE);
        assertThat(halved).filteredOn(o -> o.method() == RefundMethod.STORE_CREDIT).singleElement()
                .isEqualTo(new RefundOption(RefundMethod.STORE_CREDIT, ASK_COLLEAGUE,
                        Reason.of("refund.over-kiosk-limit", "limit", gbp(5000))));

        List<RefundOption> spent = RefundRules.options(policy,
                new RefundRules.Situation(false, Channel.DESK, false, false, true, 0), paidWith(Tender.Kind.CASH),
                gbp(1000), NONE);
        assertThat(spent).filteredOn(o -> o.method() == RefundMethod.STORE_CREDIT).singleElement()
                .isEqualTo(new RefundOption(RefundMethod.STORE_CREDIT, CLOSED, Reason.of("refund.offline-budget-spent")));
        assertThat(spent).filteredOn(o -> o.method() == RefundMethod.CASH).singleElement()
                .extracting(RefundOption::availability).as("the till's own cash is not owed by central").isEqualTo(OPEN);
    }
}
