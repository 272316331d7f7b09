package io.holdfast.returns;

import java.util.Optional;

import io.holdfast.policy.InstalledPolicy;
import io.holdfast.policy.StorePolicies;
import io.holdfast.store.CoreJson;
import io.holdfast.store.StoreException;

/**
 * The returns policy in force: the {@code returns} section of the policy regional IT installed, under
 * that policy's version, or the bundled default while none is installed. A section the gateway cannot
 * read leaves the bundled default in force and says so in the log, so a bad push cannot stop returns.
 */
public final class ReturnsPolicies {

    private static final System.Logger LOG = System.getLogger(ReturnsPolicies.class.getName());
    private static final ReturnsPolicy BUNDLED = ReturnsPolicy.bundled();

    private final StorePolicies policies;
    private volatile Cached cached = new Cached(-1, BUNDLED);

    private record Cached(long installedVersion, ReturnsPolicy policy) {
    }

    public ReturnsPolicies(StorePolicies policies) {
        this.policies = policies;
    }

    public ReturnsPolicy inForce() {
        Optional<InstalledPolicy> installed = policies.inForce();
        if (installed.isEmpty()) {
            return BUNDLED;
        }
        Cached now = cached;
        if (now.installedVersion() == installed.get().version()) {
            return now.policy();
        }
        ReturnsPolicy policy = read(installed.get());
        cached = new Cached(installed.get().version(), policy);
        return policy;
    }

    private static ReturnsPolicy read(InstalledPolicy installed) {
        try {
            return CoreJson.readField(installed.documentJson(), "returns", ReturnsPolicy.class)
                    .map(p -> new ReturnsPolicy(installed.version(), p.windowDays(), p.giftReceiptWindowDays(),
                            p.receiptRequired(), p.categories(), p.questions(), p.refundMethods(), p.limits()))
                    .orElse(BUNDLED);
        } catch (StoreException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "policy version {0} has a returns section the gateway cannot use ({1});"
                    + " the bundled returns policy stays in force", installed.version(), e.getMessage());
            return BUNDLED;
        }
    }
}
