package io.holdfast.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.mode.Capability;
import io.holdfast.mode.IsolationSource;
import io.holdfast.testing.TestClocks;

/** The offline budget as the manager and regional IT see it: on the status API and in the heartbeat. */
class OfflineBudgetHttpTest {

    @TempDir
    Path folder;
    private Gateway gateway;
    private String base;

    @BeforeEach
    void start() {
        Path file = folder.resolve("holdfast.db");
        TestStores.seed(file, List.of());
        gateway = Gateway.start(TestStores.settingsFor(file).withStoreId("0421"), TestClocks.TICKING);
        base = "http://127.0.0.1:" + gateway.port();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void anIsolatedCapabilityCountsDownItsBudgetOnTheStatusPageAndInTheHeartbeat() {
        // This store's central is a closed port: its capabilities may degrade as soon as they are asked.
        gateway.services().board().isolate(List.of(Capability.GIFT_CARDS), IsolationSource.REGIONAL_IT, "regional-it",
                "incident");

        JsonNode capabilities = HttpCalls.json(HttpCalls.get(base + "/api/v1/status")).path("capabilities");
        assertThat(capabilities.path("ORDERS").path("offlineBudget").has("budgetSeconds")).as("orders have none").isFalse();
        JsonNode budget = capabilities.path("GIFT_CARDS").path("offlineBudget");
        assertThat(budget.path("budgetSeconds").asLong()).isEqualTo(72 * 3600);
        assertThat(budget.path("offlineSince").asText()).isNotEmpty();
        assertThat(budget.path("limitPercent").asInt()).isEqualTo(100);
        assertThat(budget.path("remainingSeconds").asLong()).isBetween(72 * 3600L - 60, 72 * 3600L);
        assertThat(budget.path("nextStepAt").asText()).isNotEmpty();
        assertThat(gateway.services().sync().heartbeat().get("offlineBudgets")).isInstanceOfSatisfying(Map.class,
                beat -> assertThat(beat).containsKey("GIFT_CARDS").doesNotContainKey("ORDERS"));
    }
}
