package io.holdfast.giftcard;

import io.holdfast.policy.PolicySection;
import io.holdfast.policy.StorePolicies;

/** The gift-card policy in force: the {@code giftCards} section of the installed policy, or the bundled one. */
public final class GiftCardPolicies {

    private final PolicySection<GiftCardPolicy> section;

    public GiftCardPolicies(StorePolicies policies) {
        this.section = new PolicySection<>(policies, "giftCards", GiftCardPolicy.class, GiftCardPolicy.bundled(),
                GiftCardPolicy::withVersion);
    }

    public GiftCardPolicy inForce() {
        return section.inForce();
    }
}
