package io.holdfast.budget;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.holdfast.mode.Capability;
import io.holdfast.policy.PolicySection;

/**
 * How long each capability may work on the store's own rules, and how those rules tighten as that
 * time runs down: the {@code offlineBudgets} section of the policy regional IT pushes. A capability
 * with no budget (ORDERS, by default) may stay offline as long as it must.
 *
 * @param budgets per capability; those left out have none
 */
public record OfflineBudgetPolicy(long version, Map<Capability, Budget> budgets) {

    private static final String DEFAULT_RESOURCE = "/io/holdfast/budget/default-offline-budgets.json";

    public OfflineBudgetPolicy {
        budgets = budgets == null ? Map.of() : Map.copyOf(budgets);
    }

    /**
     * One capability's budget.
     *
     * @param hours how long it may be offline in all
     * @param steps from which share of the budget used which share of the offline limits holds, in
     *              the order they come; a limit of 0 stops the capability's offline work
     */
    public record Budget(int hours, List<Step> steps) {
        public Budget {
            if (hours < 1) {
                throw new IllegalArgumentException("an offline budget must be at least one hour, but was " + hours);
            }
            steps = steps == null ? List.of() : steps.stream().sorted(Comparator.comparingInt(Step::fromPercent)).toList();
        }

        public Duration length() {
            return Duration.ofHours(hours);
        }

        /** The step in force once {@code usedPercent} of the budget is used; empty before the first. */
        Optional<Step> stepAt(double usedPercent) {
            Optional<Step> inForce = Optional.empty();
            for (Step step : steps) {
                if (usedPercent >= step.fromPercent()) {
                    inForce = Optional.of(step);
                }
            }
            return inForce;
        }

        /** The next step still to come after {@code usedPercent}; empty when none is left. */
        Optional<Step> stepAfter(double usedPercent) {
            return steps.stream().filter(step -> step.fromPercent() > usedPercent).findFirst();
        }
    }

    /** From {@code fromPercent} of the budget used, offline limits are {@code limitPercent} of the policy's. */
    public record Step(int fromPercent, int limitPercent) {
        public Step {
            if (fromPercent < 0 || limitPercent < 0 || limitPercent > 100) {
                throw new IllegalArgumentException("a budget step needs fromPercent >= 0 and limitPercent 0..100, but was "
                        + fromPercent + " and " + limitPercent);
            }
        }
    }

    public Optional<Budget> budget(Capability capability) {
        return Optional.ofNullable(budgets.get(capability));
    }

    OfflineBudgetPolicy withVersion(long installed) {
        return new OfflineBudgetPolicy(installed, budgets);
    }

    /** The budgets the gateway ships with: gift cards 72 hours, refunds 7 days, the rest none. */
    public static OfflineBudgetPolicy bundled() {
        return PolicySection.bundled(DEFAULT_RESOURCE, OfflineBudgetPolicy.class);
    }
}
