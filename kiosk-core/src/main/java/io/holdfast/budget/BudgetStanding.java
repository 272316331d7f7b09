package io.holdfast.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.holdfast.mode.Capability;

/**
 * Where a capability stands against its offline budget now: the decision every offline rule of that
 * capability reads, with the reason in words for staff and the figures for the status page and the
 * heartbeat.
 *
 * @param budget       the capability's budget; empty when it has none
 * @param offlineSince when it last left ONLINE; empty while it is online
 * @param used         how much of the budget is gone (zero while online)
 * @param limitPercent the share of the policy's offline limits in force: 100 untouched, 0 stopped
 * @param nextStepAt   when the rules tighten next; empty when they will not
 * @param words        what staff are told, empty while nothing is tightened
 */
public record BudgetStanding(Capability capability, Optional<Duration> budget, Optional<Instant> offlineSince,
                             Duration used, int limitPercent, Optional<Instant> nextStepAt, Optional<String> words) {

    public BudgetStanding {
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(offlineSince, "offline since");
        Objects.requireNonNull(used, "used");
        Objects.requireNonNull(nextStepAt, "next step at");
        Objects.requireNonNull(words, "words");
    }

    /** A capability with nothing to count: online, or without a budget. */
    static BudgetStanding untouched(Capability capability, Optional<Duration> budget, Optional<Instant> offlineSince) {
        return new BudgetStanding(capability, budget, offlineSince, Duration.ZERO, 100, Optional.empty(),
                Optional.empty());
    }

    /** Offline work of this capability has stopped for the rest of this offline period. */
    public boolean stopped() {
        return limitPercent == 0;
    }

    /** What is left of the budget; empty without one. */
    public Optional<Duration> remaining() {
        return budget.map(b -> b.compareTo(used) > 0 ? b.minus(used) : Duration.ZERO);
    }

    /** The share of the budget used, in whole percent; 0 without one. */
    public int usedPercent() {
        return budget.map(b -> (int) Math.min(100, used.toSeconds() * 100 / Math.max(1, b.toSeconds()))).orElse(0);
    }
}
