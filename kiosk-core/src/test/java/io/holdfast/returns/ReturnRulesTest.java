package io.holdfast.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.holdfast.money.Money;
import io.holdfast.receipt.Tender;

/** The returns policy's rules, decided at a fixed moment, with the reasons the customer reads. */
class ReturnRulesTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private final ReturnsPolicy policy = ReturnsPolicy.bundled();

    static Purchase boughtDaysAgo(long days, PurchasedLine... lines) {
        return new Purchase("0421-01-20261010-0001", Purchase.Kind.RECEIPT, NOW.minusSeconds(days * 86_400),
                List.of(lines), Optional.of(new Tender(Tender.Kind.CARD, Money.of(5900, "GBP"), "VISA ****1234")),
                "tender:VISA ****1234");
    }

    static PurchasedLine line(int number, String category, int quantity) {
        return new PurchasedLine(number, "500100" + number, "Item " + number, category, quantity, Money.of(2950, "GBP"));
    }

    private static ReturnRules.Context plain() {
        return new ReturnRules.Context(false, false, NOW, LONDON);
    }

    private LineDecision decide(Purchase purchase, int returned, ReturnRules.Context context) {
        return ReturnRules.quote(policy, purchase, Map.of(1, returned), context).get(0).decision();
    }

    @Test
    void aPurchaseWithinTheWindowCanComeBackAndSaysHowLongIsLeft() {
        LineDecision decision = decide(boughtDaysAgo(3, line(1, "CLOTHING", 2)), 0, plain());

        assertThat(decision).isEqualTo(new LineDecision.Returnable(2, List.of("unused"),
                Reason.of("return.within-window", "days", 3L, "window", 35)));
    }

    @Test
    void aPurchasePastTheWindowIsRefusedWithItsAgeAndTheWindow() {
        LineDecision decision = decide(boughtDaysAgo(41, line(1, "CLOTHING", 1)), 0, plain());

        assertThat(decision).isEqualTo(new LineDecision.NotReturnable(
                Reason.of("return.window-passed", "days", 41L, "window", 35)));
    }

    @Test
    void aGiftReceiptHasTheLongerWindow() {
        LineDecision decision = decide(boughtDaysAgo(41, line(1, "CLOTHING", 1)), 0,
                new ReturnRules.Context(true, false, NOW, LONDON));

        assertThat(decision).isInstanceOf(LineDecision.Returnable.class);
        assertThat(decision.reason()).isEqualTo(Reason.of("return.within-window", "days", 41L, "window", 90));
    }

    @Test
    void aSupervisorStretchesTheWindowOnlyAsFarAsThePolicyAllows() {
        ReturnRules.Context override = new ReturnRules.Context(false, true, NOW, LONDON);

        assertThat(decide(boughtDaysAgo(60, line(1, "CLOTHING", 1)), 0, override).reason())
                .isEqualTo(Reason.of("return.window-overridden", "days", 60L, "window", 35));
        assertThat(decide(boughtDaysAgo(66, line(1, "CLOTHING", 1)), 0, override))
                .isInstanceOf(LineDecision.NotReturnable.class);
    }

    @Test
    void foodAndPersonalisedItemsNeverComeBackEvenWithAnOverride() {
        ReturnRules.Context override = new ReturnRules.Context(false, true, NOW, LONDON);

        assertThat(decide(boughtDaysAgo(1, line(1, "FOOD", 1)), 0, override)).isEqualTo(new LineDecision.NotReturnable(
                Reason.of("return.category-excluded", "category", "FOOD")));
        assertThat(decide(boughtDaysAgo(1, line(1, "PERSONALISED", 1)), 0, plain()))
                .isInstanceOf(LineDecision.NotReturnable.class);
    }

    @Test
    void piercedEarringsComeBackOnlySealed() {
        LineDecision decision = decide(boughtDaysAgo(1, line(1, "PIERCED_JEWELLERY", 1)), 0, plain());

        assertThat(decision).isInstanceOfSatisfying(LineDecision.Returnable.class,
                returnable -> assertThat(returnable.questions()).containsExactly("unused", "sealed"));
    }

    @Test
    void whatCameBackAlreadyIsNotOfferedAgain() {
        Purchase purchase = boughtDaysAgo(1, line(1, "CLOTHING", 2));

        assertThat(decide(purchase, 1, plain())).isInstanceOfSatisfying(LineDecision.Returnable.class,
                returnable -> assertThat(returnable.quantity()).isEqualTo(1));
        assertThat(decide(purchase, 2, plain())).isEqualTo(new LineDecision.NotReturnable(
                Reason.of("return.already-returned", "quantity", 2)));
    }

    @Test
    void withoutAReceiptOnlyASupervisorTakesItBack() {
        Purchase none = new Purchase("NR-1", Purchase.Kind.NO_RECEIPT, NOW, List.of(line(1, "CLOTHING", 1)),
                Optional.empty(), "no-receipt");

        assertThat(decide(none, 0, plain())).isEqualTo(new LineDecision.NotReturnable(Reason.of("return.proof-needed")));
        assertThat(decide(none, 0, new ReturnRules.Context(false, true, NOW, LONDON)))
                .isInstanceOf(LineDecision.Returnable.class);
    }

    @Test
    void askingForMoreThanIsLeftOrAnsweringNoIsRefusedWithTheReason() {
        List<LineQuote> quote = ReturnRules.quote(policy, boughtDaysAgo(1, line(1, "CLOTHING", 2)), Map.of(1, 1), plain());

        assertThat(ReturnRules.check(quote, List.of(new ReturnLineRequest(1, 2, "changed-mind", Map.of("unused", true)))))
                .contains(Reason.of("return.too-many", "description", "Item 1", "bought", 2, "returned", 1, "asked", 2));
        assertThat(ReturnRules.check(quote, List.of(new ReturnLineRequest(1, 1, "faulty", Map.of("unused", false)))))
                .contains(Reason.of("return.condition-failed", "description", "Item 1", "question", "unused"));
        assertThat(ReturnRules.check(quote, List.of(new ReturnLineRequest(1, 1, "faulty", Map.of("unused", true)))))
                .isEmpty();
        assertThat(ReturnRules.check(quote, List.of(new ReturnLineRequest(7, 1, "faulty", Map.of()))))
                .contains(Reason.of("return.line-unknown", "line", 7));
        assertThat(ReturnRules.check(quote, List.of())).contains(Reason.of("return.nothing-chosen"));
        assertThat(ReturnRules.check(quote, List.of(new ReturnLineRequest(1, 1, "faulty", Map.of()))))
                .as("a question left unanswered is asked again, not sent to the desk")
                .contains(Reason.of("return.condition-unanswered", "description", "Item 1", "question", "unused"));
    }
}
