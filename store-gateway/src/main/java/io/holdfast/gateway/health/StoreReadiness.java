package io.holdfast.gateway.health;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import io.holdfast.store.Database;

/** Ready when the store's database answers a query. */
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
        return HealthCheckResponse.builder()
                .status(database.answers())
                .detail("file", database.file().toString())
                .build();
    }
}
