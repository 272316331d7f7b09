package io.holdfast.returns;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What can come back from a purchase, line by line: the window (longer with a gift receipt,
 * stretched by a supervisor's override), excluded and unopened-only categories, what came back
 * already, and proof of purchase. Pure: the caller supplies the clock's reading and the counts.
 */
public final class ReturnRules {

    private ReturnRules() {
    }

    /** Whether a supervisor authorised an exception, which stretches the window and accepts no receipt. */
    public record Context(boolean giftReceipt, boolean supervisorOverride, Instant now, ZoneId zone) {
    }

    public static List<LineQuote> quote(ReturnsPolicy policy, Purchase purchase, Map<Integer, Integer> returnedSoFar,
                                        Context context) {
        return purchase.lines().stream().map(line -> {
            int returned = returnedSoFar.getOrDefault(line.lineNumber(), 0);
            return new LineQuote(line.lineNumber(), line.sku(), line.description(), line.category(), line.quantity(),
                    returned, line.unitPrice(), decide(policy, purchase, line, returned, context));
        }).toList();
    }

    static LineDecision decide(ReturnsPolicy policy, Purchase purchase, PurchasedLine line, int returned,
                               Context context) {
        if (purchase.kind() == Purchase.Kind.NO_RECEIPT && policy.receiptRequired() && !context.supervisorOverride()) {
            return new LineDecision.NotReturnable(Reason.of("return.proof-needed"));
        }
        CategoryRule rule = policy.rule(line.category());
        if (rule == CategoryRule.NOT_RETURNABLE) {
            return new LineDecision.NotReturnable(Reason.of("return.category-excluded", "category", line.category()));
        }
        int left = line.quantity() - returned;
        if (left <= 0) {
            return new LineDecision.NotReturnable(Reason.of("return.already-returned", "quantity", returned));
        }
        LocalDate bought = LocalDate.ofInstant(purchase.purchasedAt(), context.zone());
        long days = ChronoUnit.DAYS.between(bought, LocalDate.ofInstant(context.now(), context.zone()));
        int window = context.giftReceipt() ? policy.giftReceiptWindowDays() : policy.windowDays();
        Reason why = Reason.of("return.within-window", "days", days, "window", window);
        if (days > window) {
            if (!context.supervisorOverride() || days > window + policy.limits().overrideExtraDays()) {
                return new LineDecision.NotReturnable(Reason.of("return.window-passed", "days", days, "window", window));
            }
            why = Reason.of("return.window-overridden", "days", days, "window", window);
        }
        List<String> questions = policy.questionsFor(line.category()).stream().map(ConditionQuestion::id).toList();
        if (rule == CategoryRule.UNOPENED_ONLY && questions.isEmpty()) {
            questions = List.of("sealed");
        }
        return new LineDecision.Returnable(left, questions, why);
    }

    /** Checks what the customer asked for against the quote: empty when every line may come back as asked. */
    public static Optional<Reason> check(List<LineQuote> quote, List<ReturnLineRequest> requested) {
        if (requested.isEmpty()) {
            return Optional.of(Reason.of("return.nothing-chosen"));
        }
        if (requested.stream().map(ReturnLineRequest::lineNumber).distinct().count() != requested.size()) {
            return Optional.of(Reason.of("return.line-twice"));
        }
        for (ReturnLineRequest asked : requested) {
            Optional<LineQuote> line = quote.stream().filter(q -> q.lineNumber() == asked.lineNumber()).findFirst();
            if (line.isEmpty()) {
                return Optional.of(Reason.of("return.line-unknown", "line", asked.lineNumber()));
            }
            Optional<Reason> refused = checkLine(line.get(), asked);
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    private static Optional<Reason> checkLine(LineQuote line, ReturnLineRequest asked) {
        return switch (line.decision()) {
            case LineDecision.NotReturnable refused -> Optional.of(refused.reason());
            case LineDecision.Returnable returnable -> {
                if (asked.quantity() > returnable.quantity()) {
                    yield Optional.of(Reason.of("return.too-many", "description", line.description(),
                            "bought", line.bought(), "returned", line.alreadyReturned(), "asked", asked.quantity()));
                }
                Optional<String> unanswered = returnable.questions().stream()
                        .filter(question -> !asked.answers().containsKey(question)).findFirst();
                if (unanswered.isPresent()) {
                    yield Optional.of(Reason.of("return.condition-unanswered", "description", line.description(),
                            "question", unanswered.get()));
                }
                yield returnable.questions().stream()
                        .filter(question -> !Boolean.TRUE.equals(asked.answers().get(question)))
                        .findFirst()
                        .map(question -> Reason.of("return.condition-failed", "description", line.description(),
                                "question", question));
            }
        };
    }
}
