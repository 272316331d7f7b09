package io.holdfast.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.central.CentralService;
import io.holdfast.central.CentralSimulator;
import io.holdfast.central.demo.DemoDataset;
import io.holdfast.gateway.config.CentralEndpoints;
import io.holdfast.order.Order;
import io.holdfast.testing.TestClocks;

/** The walking skeleton end to end: central-sim and the gateway on real sockets, one seeded order fetched. */
class GatewayWithCentralSimTest {

    @TempDir
    Path folder;

    @Test
    void fetchesAnOrderThatCentralSentToTheStore() {
        Clock clock = TestClocks.ticking(Instant.parse("2026-11-21T08:00:00Z"));
        DemoDataset dataset = DemoDataset.generate("0421", new DemoDataset.Size(25, 5, 5), 7L, clock);
        Path file = folder.resolve("holdfast.db");
        TestStores.seed(file, dataset.orders().stream().map(DemoDataset.DemoOrder::order).toList());
        Order expected = dataset.orders().get(11).order();

        try (CentralSimulator central = CentralSimulator.start(CentralSimulator.Settings.ephemeral(), dataset, clock);
             Gateway gateway = Gateway.start(TestStores.settingsFor(file).withCentral(TestStores.centralOf(central)), clock)) {

            String base = "http://127.0.0.1:" + gateway.port();
            HttpResponse<String> atStore = HttpCalls.get(base + "/api/v1/orders/" + expected.id(),
                    "Authorization", TestStores.signIn(base, TestStores.COLLEAGUE));
            HttpResponse<String> atCentral = HttpCalls.get(
                    central.url(CentralService.ORDERS) + "/central/orders/v1/orders/" + expected.id());

            assertThat(atStore.statusCode()).isEqualTo(200);
            assertThat(atCentral.statusCode()).isEqualTo(200);
            JsonNode store = HttpCalls.json(atStore).path("order");
            JsonNode head = HttpCalls.json(atCentral);
            assertThat(store.path("orderId").asText()).isEqualTo(expected.id().value()).isEqualTo(head.path("id").asText());
            assertThat(store.path("customer").path("displayName").asText())
                    .isEqualTo(expected.customer().displayName());
            assertThat(store.path("lines").size()).isEqualTo(expected.lines().size());
        }
    }
}
