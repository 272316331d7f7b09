package io.holdfast.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.audit.AuditEntry;
import io.holdfast.central.CentralSimulator;
import io.holdfast.central.demo.DemoDataset;
import io.holdfast.central.mqtt.AppliedEvent;
import io.holdfast.central.mqtt.CentralConsumer;
import io.holdfast.central.mqtt.EmbeddedBroker;
import io.holdfast.gateway.config.ResilienceSettings;
import io.holdfast.mode.Capability;
import io.holdfast.order.Order;
import io.holdfast.sync.SyncConfig;
import io.holdfast.sync.Topics;
import io.holdfast.sync.command.CommandSigner;
import io.holdfast.sync.downstream.StreamPosition;
import io.holdfast.testing.TestClocks;

/**
 * Story steps 3 and 4 over a real broker: regional IT isolates every store with one signed command,
 * the desk keeps collecting, ORDERS is restored and its backlog reaches central once, the others
 * stay isolated; a replayed command is refused and audited; the heartbeat is retained.
 */
class StoreSyncTest {

    private static final String STORE = "0421";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path folder;
    private final KeyPair regional = CommandSigner.newKeyPair();
    private final CommandSigner signer = new CommandSigner("regional-it-1", regional.getPrivate());
    private EmbeddedBroker broker;
    private CentralConsumer consumer;
    private CentralSimulator central;
    private Gateway gateway;
    private String base;
    private String colleague;
    private long sequence;

    @BeforeEach
    void start() {
        broker = EmbeddedBroker.start();
        consumer = CentralConsumer.start(broker.uri(), TestClocks.TICKING);
        await().atMost(PATIENCE).until(consumer::connected);
        DemoDataset dataset = DemoDataset.generate(STORE, new DemoDataset.Size(20, 1, 1), 5L, TestClocks.TICKING);
        central = CentralSimulator.start(CentralSimulator.Settings.ephemeral(), dataset, TestClocks.TICKING);
        Path file = folder.resolve("holdfast.db");
        TestStores.seed(file, dataset.orders().stream().map(DemoDataset.DemoOrder::order).toList());
        gateway = Gateway.start(TestStores.settingsFor(file).withStoreId(STORE)
                .withCentral(TestStores.centralOf(central))
                .withResilience(ResilienceSettings.defaults().withTiming(Duration.ofMillis(200), Duration.ofSeconds(1)))
                .withSync(SyncConfig.off().withBroker(broker.uri())
                        .withTrustedKey("regional-it-1", Base64.getEncoder().encodeToString(
                                regional.getPublic().getEncoded()))
                        .withTiming(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(2))), TestClocks.TICKING);
        base = "http://127.0.0.1:" + gateway.port();
        colleague = TestStores.signIn(base, TestStores.COLLEAGUE);
        await().atMost(PATIENCE).until(() -> status().path("sync").path("connected").asBoolean());
    }

    @AfterEach
    void stop() {
        gateway.close();
        central.close();
        consumer.close();
        broker.close();
    }

    @Test
    void isolateEveryStoreThenRestoreOrdersAndItsBacklogReachesCentralOnce() {
        consumer.publish(Topics.fleetCommands(), signer.envelope(command("all", "ISOLATE",
                "\"capabilities\":[\"ORDERS\",\"REFUNDS\",\"GIFT_CARDS\",\"PAYMENTS\",\"LOYALTY\"]")), false);
        await().atMost(PATIENCE).until(() -> "ISOLATED".equals(state(Capability.ORDERS))
                && "ISOLATED".equals(state(Capability.PAYMENTS)));

        String collected = collect("CC-100001");
        assertThat(status().path("backlog").path("ORDERS").asLong()).isEqualTo(1);

        byte[] restore = signer.envelope(command(STORE, "RESTORE", "\"capabilities\":[\"ORDERS\"]"));
        consumer.publish(Topics.commands(STORE), restore, false);
        await().atMost(PATIENCE).until(() -> "ONLINE".equals(state(Capability.ORDERS)));

        assertThat(consumer.applied(STORE)).extracting(AppliedEvent::aggregate).containsOnlyOnce("CC-100001");
        assertThat(collected).contains("CC-100001");
        assertThat(state(Capability.GIFT_CARDS)).isEqualTo("ISOLATED");

        consumer.publish(Topics.commands(STORE), restore, false);
        await().atMost(PATIENCE).until(() -> audited("command-refused").stream()
                .anyMatch(entry -> entry.detail().contains("command-replay")));
        assertThat(audited("command-accepted")).hasSize(2);
    }

    @Test
    void aCommandSignedByAnUntrustedKeyChangesNothingAndIsAudited() {
        CommandSigner stranger = new CommandSigner("regional-it-1", CommandSigner.newKeyPair().getPrivate());
        consumer.publish(Topics.commands(STORE), stranger.envelope(command(STORE, "ISOLATE",
                "\"capabilities\":[\"ORDERS\"]")), false);

        await().atMost(PATIENCE).until(() -> !audited("commands-refused-unauthenticated").isEmpty());
        assertThat(audited("commands-refused-unauthenticated").getFirst().detail()).contains("command-bad-signature");
        assertThat(state(Capability.ORDERS)).isEqualTo("ONLINE");
    }

    @Test
    void aCommandOver256KibIsRefusedAndCountedLikeA200KibUnreadableOne() {
        consumer.publish(Topics.commands(STORE), new byte[200 * 1024], false);
        await().atMost(PATIENCE).until(() -> gateway.services().sync().commandsUnauthenticated() == 1);
        consumer.publish(Topics.commands(STORE), new byte[300 * 1024], false);
        await().atMost(PATIENCE).until(() -> gateway.services().sync().commandsUnauthenticated() == 2);

        assertThat(gateway.services().sync().commandsRefused()).isEqualTo(2);
        assertThat(audited("commands-refused-unauthenticated")).singleElement()
                .satisfies(entry -> assertThat(entry.subject()).isEqualTo("command-malformed"));
    }

    @Test
    void aManifestSnapshotInChunksThenAChangeArriveOverMqttAndAGapAsksForAFreshSnapshot() throws Exception {
        List<Order> orders = java.util.stream.IntStream.rangeClosed(1, 25)
                .mapToObj(n -> TestStores.anOrder("MQ-%06d".formatted(n))).toList();
        int chunks = consumer.publishSnapshot(STORE, "manifest", 1, orders, 10);
        await().atMost(PATIENCE).until(() -> status().path("sync").path("streams").path(0).path("complete").asBoolean());
        JsonNode stream = status().path("sync").path("streams").path(0);
        assertThat(stream.path("stream").asText()).isEqualTo("manifest");
        assertThat(stream.path("chunksDone").asLong()).isEqualTo(chunks).isEqualTo(3);
        assertThat(HttpCalls.get(base + "/api/v1/orders/MQ-000025", "Authorization", colleague).statusCode())
                .isEqualTo(200);

        AtomicReference<JsonNode> request = new AtomicReference<>();
        MqttClient central = new MqttClient(broker.uri().toString(), "requests", new MemoryPersistence());
        central.connect();
        try {
            central.subscribe(Topics.requests(STORE), 1, (topic, message) ->
                    request.set(new ObjectMapper().readTree(message.getPayload())));
            consumer.publishChange(STORE, "manifest", 1, 9, List.of(TestStores.anOrder("MQ-000099")));
            await().atMost(PATIENCE).until(() -> request.get() != null);
        } finally {
            central.disconnect();
            central.close();
        }
        assertThat(request.get().path("stream").asText()).isEqualTo("manifest");
        assertThat(request.get().path("reason").asText()).contains("gap");
        assertThat(HttpCalls.get(base + "/api/v1/orders/MQ-000099", "Authorization", colleague).statusCode())
                .isEqualTo(404);
    }

    /** Issue 15, item 12: central-sim answers a store's request for a fresh snapshot on its own. */
    @Test
    void aStoreThatMissedTheStartOfAStreamAsksAndCentralSendsAFreshSnapshotByItself() {
        consumer.answerSnapshotRequests(central::snapshotRows, TestClocks.TICKING);
        consumer.publishChange(STORE, "giftcards", 1, 4, central.giftCards().streamRows());

        await().atMost(PATIENCE).until(() -> consumer.snapshotsSent() == 1);
        await().atMost(PATIENCE).until(() -> gateway.services().sync().streams().stream()
                .anyMatch(position -> position.stream().equals("giftcards") && position.complete()));
        StreamPosition giftCards = gateway.services().sync().streams().stream()
                .filter(position -> position.stream().equals("giftcards")).findFirst().orElseThrow();
        assertThat(giftCards.generation()).as("a generation newer than the one the store joined late").isGreaterThan(1);
        assertThat(giftCards.chunksDone()).isEqualTo(giftCards.chunksTotal()).isEqualTo(1);
    }

    @Test
    void aSignedPolicyArrivesOnThePolicyStreamAndAnUnsignedOneChangesNothing() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode signedPolicy = json.readTree(signer.envelope(command(STORE, "REPLACE_POLICY",
                "\"policy\":{\"version\":3,\"giftCardOfflineCapMinor\":5000}")));
        JsonNode forged = json.readTree(new CommandSigner("regional-it-1", CommandSigner.newKeyPair().getPrivate())
                .envelope(command(STORE, "REPLACE_POLICY", "\"policy\":{\"version\":9}")));

        consumer.publishSnapshot(STORE, "policy", 1, List.of(signedPolicy), 1);
        await().atMost(PATIENCE).until(() -> status().path("sync").path("policyVersion").asLong() == 3);
        consumer.publishChange(STORE, "policy", 1, 2, List.of(forged));
        await().atMost(PATIENCE).until(() -> audited("commands-refused-unauthenticated").stream()
                .anyMatch(entry -> entry.detail().contains("command-bad-signature")));

        assertThat(status().path("sync").path("policyVersion").asLong()).isEqualTo(3);
    }

    @Test
    void theHeartbeatIsRetainedWithModeCapabilitiesAndBacklog() throws Exception {
        AtomicReference<JsonNode> heartbeat = new AtomicReference<>();
        MqttClient watcher = new MqttClient(broker.uri().toString(), "watcher", new MemoryPersistence());
        watcher.connect();
        try {
            watcher.subscribe(Topics.status(STORE), 1, (topic, message) ->
                    heartbeat.set(new ObjectMapper().readTree(message.getPayload())));
            // The relay says it is online as it connects; the heartbeat with the store's state follows.
            await().atMost(PATIENCE).until(() -> heartbeat.get() != null && heartbeat.get().has("mode"));
        } finally {
            watcher.disconnect();
            watcher.close();
        }

        JsonNode beat = heartbeat.get();
        assertThat(beat.path("store").asText()).isEqualTo(STORE);
        assertThat(beat.path("online").asBoolean()).isTrue();
        assertThat(beat.path("mode").asText()).isEqualTo("NORMAL");
        assertThat(beat.path("capabilities").path("ORDERS").path("state").asText()).isEqualTo("ONLINE");
        assertThat(beat.path("versions").path("schema").asLong()).isGreaterThanOrEqualTo(7);
    }

    private String command(String store, String type, String body) {
        sequence++;
        Instant now = TestClocks.TICKING.instant();
        return "{\"id\":\"cmd-" + sequence + "\",\"store\":\"" + store + "\",\"sequence\":" + sequence
                + ",\"issuedAt\":\"" + now + "\",\"expiresAt\":\"" + now.plusSeconds(300) + "\",\"type\":\"" + type
                + "\"," + body + "}";
    }

    private String collect(String orderId) {
        var response = HttpCalls.postJson(base + "/api/v1/orders/" + orderId + "/collections",
                "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1}], \"verification\": \"ID_SEEN\"}",
                "Authorization", colleague, "Idempotency-Key", "k-" + orderId);
        assertThat(response.statusCode()).isEqualTo(201);
        return response.body();
    }

    private List<AuditEntry> audited(String action) {
        return gateway.services().audit().latest(50).stream()
                .filter(entry -> entry.action().equals(action)).toList();
    }

    private JsonNode status() {
        return HttpCalls.json(HttpCalls.get(base + "/api/v1/status"));
    }

    private String state(Capability capability) {
        return status().path("capabilities").path(capability.name()).path("state").asText();
    }
}
