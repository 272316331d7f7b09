package io.holdfast.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.policy.StorePolicies;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.TestClocks;

class UpdatePoliciesTest {

    private static final UpdatePolicy CONFIGURED = new UpdatePolicy(LocalTime.of(21, 0), LocalTime.of(6, 0),
            Duration.ofSeconds(60), 1_000);

    @TempDir
    Path folder;
    private Database database;
    private StorePolicies policies;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        policies = new StorePolicies(database, TestClocks.TICKING);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void regionalItsWindowReplacesTheStoresOwnOnceItsPolicyIsInstalled() {
        UpdatePolicies updates = new UpdatePolicies(policies, CONFIGURED);
        assertThat(updates.inForce()).isEqualTo(CONFIGURED);

        policies.install(2, """
                {"version": 2, "updates": {"windowStart": "23:30", "windowEnd": "04:00", "quietFor": "PT120S",
                 "backlogLimit": 200}}""", "regional-it:test");

        assertThat(updates.inForce()).isEqualTo(new UpdatePolicy(LocalTime.of(23, 30), LocalTime.of(4, 0),
                Duration.ofSeconds(120), 200));
    }

    @Test
    void aPolicyWithoutAnUpdatesSectionOrWithABadOneLeavesTheStoresOwn() {
        UpdatePolicies updates = new UpdatePolicies(policies, CONFIGURED);
        policies.install(2, "{\"version\": 2, \"returns\": {}}", "regional-it:test");
        assertThat(updates.inForce()).isEqualTo(CONFIGURED);

        policies.install(3, "{\"version\": 3, \"updates\": {\"windowStart\": \"late\"}}", "regional-it:test");
        assertThat(updates.inForce()).isEqualTo(CONFIGURED);
    }
}
