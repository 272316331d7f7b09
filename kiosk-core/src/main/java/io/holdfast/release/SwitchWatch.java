package io.holdfast.release;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The supervisor's rule after a switch, the way a bootloader counts boot attempts: the new release
 * has one health window to write its confirmation. It is kept once it has; it is rolled back if it
 * exits first, if the window passes without it, or if it was already started once without
 * confirming (the supervisor itself was killed meanwhile). The rule never asks the new release.
 */
public final class SwitchWatch {

    /**
     * A switch not yet confirmed, as the supervisor saves it before it starts the new release.
     *
     * @param starts       how many times the supervisor has started it since the switch
     * @param statesBefore each capability's state just before the switch, which the new release must match
     */
    public record Pending(String version, String previous, Instant switchedAt, int starts,
                          Map<String, String> statesBefore) {
        public Pending {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(switchedAt, "switchedAt");
            statesBefore = Map.copyOf(statesBefore);
        }

        public Pending startedAgain() {
            return new Pending(version, previous, switchedAt, starts + 1, statesBefore);
        }
    }

    /** What the supervisor does now. */
    public sealed interface Verdict {
        /** Keep waiting for the confirmation. */
        record Wait(Duration left) implements Verdict {
        }

        /** The new release confirmed its health: forget the pending switch. */
        record Keep() implements Verdict {
        }

        /** Switch back to the previous release, for this reason. */
        record RollBack(String reason) implements Verdict {
        }
    }

    private final Duration window;

    public SwitchWatch(Duration window) {
        this.window = window;
    }

    /**
     * @param confirmed   the new release has written its confirmation
     * @param childExited the new release's process has ended (any exit code)
     */
    public Verdict judge(Pending pending, boolean confirmed, boolean childExited, Instant now) {
        if (confirmed) {
            return new Verdict.Keep();
        }
        if (pending.starts() > 1) {
            return new Verdict.RollBack(pending.version() + " was started " + pending.starts()
                    + " times without confirming its health");
        }
        if (childExited) {
            return new Verdict.RollBack(pending.version() + " stopped before it confirmed its health");
        }
        Duration left = window.minus(Duration.between(pending.switchedAt(), now));
        if (left.isNegative() || left.isZero()) {
            return new Verdict.RollBack(pending.version() + " did not confirm its health within "
                    + window.toSeconds() + " s");
        }
        return new Verdict.Wait(left);
    }
}
