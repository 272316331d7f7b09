package io.holdfast.release;

import io.holdfast.policy.PolicySection;
import io.holdfast.policy.StorePolicies;

/** The update policy in force: the {@code updates} section of the installed policy, or the store's own. */
public final class UpdatePolicies {

    private final PolicySection<UpdatePolicy> section;

    public UpdatePolicies(StorePolicies policies, UpdatePolicy configured) {
        this.section = new PolicySection<>(policies, "updates", UpdatePolicy.class, configured, (policy, version) -> policy);
    }

    public UpdatePolicy inForce() {
        return section.inForce();
    }
}
