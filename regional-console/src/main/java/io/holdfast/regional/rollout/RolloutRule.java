package io.holdfast.regional.rollout;

import java.util.List;

/**
 * Whether a rollout advances, waits, halts or is done, from what the stores' heartbeats say.
 * A group advances once {@code successPercent} of its stores that are not WAITING for their window
 * installed the release; the rollout halts once at least {@code minimumTried} stores finished
 * (installed or failed) and {@code maxFailures} of them failed, or {@code maxFailurePercent} did.
 * WAITING counts as neither success nor failure.
 */
public final class RolloutRule {

    private RolloutRule() {
    }

    /** Where a store of the rollout stands. */
    public enum Outcome {
        /** Not sent the announcement yet. */
        UNSENT,
        /** Sent; not yet reported on this release. */
        PENDING,
        /** Waiting for its maintenance window (or a freeze). */
        WAITING,
        /** Downloading, staged, installing or checking. */
        IN_PROGRESS,
        INSTALLED,
        /** Rolled back or refused. */
        FAILED
    }

    public record Member(String store, int group, Outcome outcome) {
    }

    /** The thresholds; the defaults are 95% to advance, and 2 failures or 5% once 5 stores tried to halt. */
    public record Thresholds(int successPercent, int maxFailures, int maxFailurePercent, int minimumTried) {

        public static Thresholds defaults() {
            return new Thresholds(95, 2, 5, 5);
        }
    }

    public sealed interface Decision {
        String reason();

        record Send(int group, String reason) implements Decision {
        }

        record Wait(String reason) implements Decision {
        }

        record Halt(String reason) implements Decision {
        }

        record Done(String reason) implements Decision {
        }
    }

    /** @param currentGroup the last group sent, -1 before the first */
    public static Decision decide(List<Member> members, int currentGroup, int groups, Thresholds thresholds) {
        long failed = members.stream().filter(m -> m.outcome() == Outcome.FAILED).count();
        long installed = members.stream().filter(m -> m.outcome() == Outcome.INSTALLED).count();
        long tried = failed + installed;
        if (tried >= thresholds.minimumTried()
                && (failed >= thresholds.maxFailures() || failed * 100 >= (long) thresholds.maxFailurePercent() * tried)) {
            return new Decision.Halt(failed + " of " + tried + " stores that tried failed (halts at "
                    + thresholds.maxFailures() + " or " + thresholds.maxFailurePercent() + "% once "
                    + thresholds.minimumTried() + " tried)");
        }
        if (currentGroup < 0) {
            return new Decision.Send(0, "the first group");
        }
        List<Member> group = members.stream().filter(m -> m.group() == currentGroup).toList();
        long waiting = group.stream().filter(m -> m.outcome() == Outcome.WAITING).count();
        long counted = group.size() - waiting;
        long succeeded = group.stream().filter(m -> m.outcome() == Outcome.INSTALLED).count();
        if (counted == 0) {
            return new Decision.Wait("all " + group.size() + " stores of group " + (currentGroup + 1)
                    + " wait for their window");
        }
        long percent = succeeded * 100 / counted;
        if (percent < thresholds.successPercent()) {
            return new Decision.Wait("group " + (currentGroup + 1) + ": " + succeeded + " of " + counted
                    + " installed (" + percent + "%, needs " + thresholds.successPercent() + "%)"
                    + (waiting > 0 ? "; " + waiting + " wait for their window" : ""));
        }
        if (currentGroup + 1 >= groups) {
            return new Decision.Done("every group reached " + thresholds.successPercent() + "% installed");
        }
        return new Decision.Send(currentGroup + 1, "group " + (currentGroup + 1) + " reached " + percent
                + "% installed");
    }

    /**
     * Splits stores (in register order) into cumulative percentage groups: the first store alone as
     * the canary, then each percentage of the fleet; empty groups are dropped.
     */
    public static List<List<String>> groups(List<String> stores, List<Integer> percentages) {
        List<List<String>> groups = new java.util.ArrayList<>();
        int from = 0;
        if (!stores.isEmpty()) {
            groups.add(List.of(stores.getFirst()));
            from = 1;
        }
        for (int percent : percentages) {
            int to = Math.max(from, (int) Math.ceil(stores.size() * Math.min(100, percent) / 100.0));
            if (to > from) {
                groups.add(List.copyOf(stores.subList(from, to)));
                from = to;
            }
        }
        if (from < stores.size()) {
            groups.add(List.copyOf(stores.subList(from, stores.size())));
        }
        return groups;
    }
}
