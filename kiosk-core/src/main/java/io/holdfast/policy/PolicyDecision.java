package io.holdfast.policy;

/** What installing a policy did, and why. */
public sealed interface PolicyDecision {

    record Installed(InstalledPolicy policy) implements PolicyDecision {
    }

    /** Not newer than what is installed: nothing changed. */
    record Refused(String reason) implements PolicyDecision {
    }
}
