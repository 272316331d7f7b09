package io.holdfast.gateway.health;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import io.holdfast.mode.CapabilityStatus;
import io.holdfast.mode.ModeBoard;

/**
 * The store's mode, as readiness details. Always UP: a store in degraded or isolated mode still
 * serves customers, and a load balancer must not take it away for that.
 */
public final class ModeReadiness implements HealthCheck {

    private final ModeBoard board;

    public ModeReadiness(ModeBoard board) {
        this.board = board;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "store-mode";
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse.Builder response = HealthCheckResponse.builder().status(true)
                .detail("mode", board.storeMode().name());
        for (CapabilityStatus status : board.all()) {
            response.detail(status.capability().name(), status.state().name());
        }
        return response.build();
    }
}
