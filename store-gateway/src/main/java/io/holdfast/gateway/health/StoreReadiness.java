package io.holdfast.gateway.health;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import io.holdfast.store.Database;
import io.holdfast.store.StoreException;

/**
 * Ready while the store's database takes a real write: a store that answers reads but cannot be
 * written (a read-only file, a full disk) would refuse every sale and sign-in, so it is not ready.
 */
public final class StoreReadiness implements HealthCheck {

    private final Database database;

    public StoreReadiness(Database database) {
        this.database = database;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "store-database";
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse.Builder answer = HealthCheckResponse.builder().detail("file", database.file().toString());
        try {
            database.proveWritable();
            return answer.status(true).build();
        } catch (StoreException e) {
            return answer.status(false).detail("writes", "failing: " + e.getMessage()).build();
        }
    }
}
