package io.holdfast.regional.fleet;

import java.util.Objects;
import java.util.Set;

/** A store regional IT looks after: its id, its region, and the cohorts a rollout may aim at. */
public record RegisteredStore(String id, String region, Set<String> cohorts) {

    public RegisteredStore {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(region, "region");
        cohorts = Set.copyOf(cohorts);
    }
}
