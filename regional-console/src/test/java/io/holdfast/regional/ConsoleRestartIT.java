package io.holdfast.regional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.fleetsim.FleetSimulator;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;

/**
 * The console stops in the middle of a restoration, once cleanly between two waves and once just
 * after it marked a wave sent and before it published it: the plan goes on from its database, every
 * store gets its RESTORE and obeys it once, and every event reaches central once.
 */
class ConsoleRestartIT {

    @TempDir
    Path folder;

    @Test
    void aRestartedConsoleGoesOnWithItsRestorationAndEveryStoreRestoresOnce() throws Exception {
        List<String> ids = FleetSimulator.ids("W", 6, "");
        try (ConsoleFixture office = ConsoleFixture.start(folder, ids, id -> "north", 1_000)) {
            String alice = office.signIn("alice");
            assertThat(office.post(alice, "/api/containment", "{\"type\":\"ISOLATE\",\"capabilities\":[\"REFUNDS\"],"
                    + "\"target\":{\"kind\":\"region\",\"value\":\"north\"},\"reason\":\"drill\"}").statusCode())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> office.fleet.count(Capability.REFUNDS, CapabilityState.ISOLATED) == 6);
            office.fleet.work(Capability.REFUNDS, 25);
            HttpResponse<String> asked = office.post(alice, "/api/waves", "{\"capability\":\"REFUNDS\","
                    + "\"storesPerWave\":2}");
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
            String plan = office.get(alice, "/api/waves").path("plans").get(0).path("id").asText();
            String bea = office.signIn("bea");
            assertThat(office.post(bea, "/api/approvals/" + plan, "{\"decision\":\"APPROVE\"}").statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> office.fleet.count(Capability.REFUNDS, CapabilityState.ONLINE) == 2);

            // Stopped between waves, started again on the same database: no passphrase needed to go on.
            office.restartConsole();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> office.fleet.count(Capability.REFUNDS, CapabilityState.ONLINE) >= 4);

            // Stopped again, this time as if between marking the last wave sent and publishing it.
            office.console.close();
            try (Database database = Database.open(DatabaseSettings.of(office.settings.database()),
                    RegionalConsole.SCHEMA)) {
                database.inTransaction("crash mid-wave", connection -> {
                    try (PreparedStatement update = connection.prepareStatement("""
                            UPDATE plan_commands SET step = 3, sent_at = '2026-01-01T00:00:00.000000000Z'
                            WHERE plan_id = ? AND sent_at IS NULL""")) {
                        update.setString(1, plan);
                        assertThat(update.executeUpdate()).isEqualTo(2);
                    }
                    try (PreparedStatement update = connection.prepareStatement(
                            "UPDATE wave_plans SET wave = 3 WHERE id = ?")) {
                        update.setString(1, plan);
                        return update.executeUpdate();
                    }
                });
            }
            office.console = RegionalConsole.start(office.settings, io.holdfast.testing.TestClocks.TICKING);

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> office.fleet.count(Capability.REFUNDS, CapabilityState.ONLINE) == 6);
            await().atMost(Duration.ofSeconds(30)).until(() -> office.console.services().waves().find(plan)
                    .orElseThrow().state().equals("DONE"));
            assertThat(office.central.appliedCount()).isEqualTo(6 * 25);
            assertThat(office.central.duplicates()).isZero();
            String again = office.signIn("alice");
            for (String store : ids) {
                assertThat(office.get(again, "/api/stores/" + store).path("commands").findValues("type"))
                        .as("store %s was sent one ISOLATE and one RESTORE", store)
                        .extracting(node -> node.asText()).containsExactlyInAnyOrder("ISOLATE", "RESTORE");
            }
        }
    }
}
