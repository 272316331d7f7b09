package io.holdfast.gateway.returns;

import io.holdfast.policy.PolicySection;
import io.holdfast.policy.StorePolicies;

/**
 * The {@code kiosk} section of the store's policy: the language the kiosk greets customers in
 * ({@code "cy"} makes Welsh first, as a store in Wales may choose). Until a policy sets it, English.
 *
 * @param firstLanguage a kiosk language's code
 */
public record KioskPolicy(long version, String firstLanguage) {

    public KioskPolicy {
        if (firstLanguage == null || KioskLanguages.Language.of(firstLanguage).isEmpty()) {
            throw new IllegalArgumentException("the kiosk's firstLanguage must be one of en, cy, but was " + firstLanguage);
        }
    }

    public KioskLanguages.Language language() {
        return KioskLanguages.Language.of(firstLanguage).orElseThrow();
    }

    /** The kiosk's first language as the policy in force says, read once per installed version. */
    public static KioskLanguages languages(StorePolicies policies) {
        PolicySection<KioskPolicy> section = new PolicySection<>(policies, "kiosk", KioskPolicy.class,
                new KioskPolicy(0, "en"), (policy, version) -> new KioskPolicy(version, policy.firstLanguage()));
        return new KioskLanguages(() -> section.inForce().language());
    }
}
