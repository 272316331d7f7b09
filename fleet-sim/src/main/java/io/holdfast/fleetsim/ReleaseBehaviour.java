package io.holdfast.fleetsim;

/**
 * How a simulated store takes a release it was told of. The real gateway downloads, checks,
 * installs in a window and checks its health in separate processes ({@code GatewayUpdateIT}); a
 * simulated store only walks its update state to the outcome a test or the demo chose.
 */
public interface ReleaseBehaviour {

    /** What becomes of a release at a store. */
    enum Outcome {
        /** It installs and passes its health check. */
        INSTALLED,
        /** It fails its health check and the store switches back. */
        ROLLED_BACK,
        /** It waits for the store's maintenance window, which does not come during the run. */
        WAITING
    }

    Outcome outcome(String store, long release);

    /** Every store installs every release. */
    static ReleaseBehaviour installs() {
        return (store, release) -> Outcome.INSTALLED;
    }
}
