package io.holdfast.returns;

import io.holdfast.policy.PolicySection;
import io.holdfast.policy.StorePolicies;

/**
 * The returns policy in force: the {@code returns} section of the policy regional IT installed, under
 * that policy's version, or the bundled default while none is installed (see {@link PolicySection}).
 */
public final class ReturnsPolicies {

    private final PolicySection<ReturnsPolicy> section;

    public ReturnsPolicies(StorePolicies policies) {
        this.section = new PolicySection<>(policies, "returns", ReturnsPolicy.class, ReturnsPolicy.bundled(),
                (p, version) -> new ReturnsPolicy(version, p.windowDays(), p.giftReceiptWindowDays(),
                        p.receiptRequired(), p.categories(), p.questions(), p.refundMethods(), p.limits()));
    }

    public ReturnsPolicy inForce() {
        return section.inForce();
    }
}
