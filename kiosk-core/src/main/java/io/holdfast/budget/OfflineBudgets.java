package io.holdfast.budget;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.CapabilityStatus;
import io.holdfast.mode.ModeBoard;
import io.holdfast.policy.PolicySection;
import io.holdfast.policy.StorePolicies;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/**
 * Each capability's offline time against its budget in the policy: counted from when it last left
 * ONLINE (the mode board's transitions in the audit log, so a restart does not reset the count), and
 * the tightening of the offline rules the policy sets for that much time used.
 */
public final class OfflineBudgets {

    private final PolicySection<OfflineBudgetPolicy> section;
    private final ModeBoard board;
    private final Database database;
    private final Clock clock;
    private final Map<Capability, Known> offlineSince = new ConcurrentHashMap<>();

    public OfflineBudgets(StorePolicies policies, ModeBoard board, Database database, Clock clock) {
        this.section = new PolicySection<>(policies, "offlineBudgets", OfflineBudgetPolicy.class,
                OfflineBudgetPolicy.bundled(), OfflineBudgetPolicy::withVersion);
        this.board = board;
        this.database = database;
        this.clock = clock;
    }

    public OfflineBudgetPolicy policy() {
        return section.inForce();
    }

    /** Where {@code capability} stands now. */
    public BudgetStanding standing(Capability capability) {
        Optional<OfflineBudgetPolicy.Budget> budget = policy().budget(capability);
        CapabilityStatus status = board.status(capability);
        if (status.state() == CapabilityState.ONLINE) {
            return BudgetStanding.untouched(capability, budget.map(OfflineBudgetPolicy.Budget::length), Optional.empty());
        }
        Instant since = offlineSince(capability, status);
        if (budget.isEmpty()) {
            return BudgetStanding.untouched(capability, Optional.empty(), Optional.of(since));
        }
        return standing(capability, budget.get(), since, clock.instant());
    }

    public List<BudgetStanding> all() {
        List<BudgetStanding> all = new ArrayList<>();
        for (Capability capability : Capability.values()) {
            all.add(standing(capability));
        }
        return all;
    }

    /** The rule: the step in force for the share of the budget used at {@code now}, and when the next begins. */
    static BudgetStanding standing(Capability capability, OfflineBudgetPolicy.Budget budget, Instant since, Instant now) {
        Duration length = budget.length();
        Duration used = Duration.between(since, now);
        used = used.isNegative() ? Duration.ZERO : used;
        double usedPercent = 100.0 * used.toMillis() / length.toMillis();
        int limit = budget.stepAt(usedPercent).map(OfflineBudgetPolicy.Step::limitPercent).orElse(100);
        Optional<Instant> next = budget.stepAfter(usedPercent)
                .map(step -> since.plusMillis(length.toMillis() * step.fromPercent() / 100));
        return new BudgetStanding(capability, Optional.of(length), Optional.of(since), used, limit, next,
                limit == 100 ? Optional.empty() : Optional.of(words(capability, used, length, limit)));
    }

    private static String words(Capability capability, Duration used, Duration budget, int limit) {
        String name = capability.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        String spent = "Head office has been unreachable for " + hours(used) + " of the " + hours(budget)
                + " the store may run " + name + " on its own";
        return limit == 0 ? spent + ", so " + name + " cannot be done in store until head office is back."
                : spent + ", so the store's offline limits for " + name + " are cut to " + limit + "% until head office is back.";
    }

    private static String hours(Duration duration) {
        long hours = duration.toHours();
        return hours == 1 ? "1 hour" : hours + " hours";
    }

    /**
     * When the capability last left ONLINE, read from the audit log once per state it is in (the
     * status page, the heartbeat and every offline redemption or refund ask): it cannot change until
     * the board moves the capability again, which gives its status a new {@code since}.
     */
    private Instant offlineSince(Capability capability, CapabilityStatus status) {
        Known known = offlineSince.get(capability);
        if (known != null && known.stateSince().equals(status.since())) {
            return known.offlineSince();
        }
        Instant since = readOfflineSince(capability, status.since());
        offlineSince.put(capability, new Known(status.since(), since));
        return since;
    }

    /** What {@link #offlineSince} read for a capability in the state that began at {@code stateSince}. */
    private record Known(Instant stateSince, Instant offlineSince) {
    }

    /** When the capability last left ONLINE; {@code fallback} (its state's start) when the log has no such step. */
    private Instant readOfflineSince(Capability capability, Instant fallback) {
        return database.read("find when " + capability + " went offline", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT at FROM audit_log
                    WHERE action LIKE 'capability.%' AND subject = ? AND json_extract(detail, '$.from') = 'ONLINE'
                    ORDER BY at DESC LIMIT 1""")) {
                select.setString(1, capability.name());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Timestamps.parse(row.getString(1)) : fallback;
                }
            }
        });
    }
}
