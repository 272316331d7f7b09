package io.holdfast.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.holdfast.central.books.CentralBooks;
import io.holdfast.central.mqtt.AppliedEvent;
import io.holdfast.central.mqtt.CentralConsumer;
import io.holdfast.central.mqtt.EventJudge;
import io.holdfast.fleetsim.nats.BrokerUsers;
import io.holdfast.fleetsim.nats.NatsCluster;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mqtt.Broker;
import io.holdfast.mqtt.BrokerOptions;
import io.holdfast.sync.SyncConfig;
import io.holdfast.sync.Topics;
import io.holdfast.testing.TestClocks;

/**
 * A fleet on a real clustered broker: three nodes of Debian's nats-server with MQTT over TLS, each
 * store signed in as its own user, central's consumer as two instances sharing SQLite books, and
 * fifty simulated stores. Isolated, then restored while a broker node and a consumer instance die.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NatsFleetIT {

    private static final int STORES = 50;
    private static final int ORDERS_PER_STORE = 40;
    private static final int GIFT_CARDS_PER_STORE = 20;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final List<Capability> BOTH = List.of(Capability.ORDERS, Capability.GIFT_CARDS);

    /** In the build folder, not a temporary one: the nodes' logs outlive a failed run. */
    private static final Path folder = Path.of("target", "NatsFleetIT-" + UUID.randomUUID());

    private static NatsCluster cluster;
    private static CentralBooks firstBooks;
    private static CentralBooks secondBooks;
    private static CentralConsumer first;
    private static CentralConsumer second;
    private static FleetSimulator fleet;
    private static FleetOrders orders;

    @BeforeAll
    static void startTheFleet() {
        org.junit.jupiter.api.Assumptions.assumeTrue(NatsCluster.installed() || reportMissing(),
                "nats-server is not installed (apt-get install nats-server)");
        List<String> ids = FleetSimulator.ids("N", STORES, "");
        cluster = NatsCluster.start(folder.resolve("nats"), 3, BrokerUsers.forFleet(ids));
        Path books = folder.resolve("central-books.db");
        firstBooks = CentralBooks.open(books, TestClocks.TICKING);
        secondBooks = CentralBooks.open(books, TestClocks.TICKING);
        Broker central = cluster.brokerFor(BrokerUsers.CENTRAL);
        first = CentralConsumer.startInstance(central, "central-1", EventJudge.NONE, firstBooks);
        second = CentralConsumer.startInstance(central, "central-2", EventJudge.NONE, secondBooks);
        await().atMost(PATIENCE).until(() -> first.instances().size() == 2 && second.instances().size() == 2);

        orders = new FleetOrders(TestClocks.TICKING);
        SyncConfig common = orders.trustedBy(SyncConfig.off())
                .withTiming(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(5))
                .withRate(20);
        fleet = FleetSimulator.start(folder.resolve("stores"), ids,
                id -> common.withBroker(cluster.brokerFor(id)), TestClocks.TICKING);
        await().atMost(PATIENCE).until(() -> fleet.stores().stream()
                .allMatch(SimulatedStore::connected));
    }

    private static boolean reportMissing() {
        System.err.println("NatsFleetIT skipped: Debian's nats-server is not installed (apt-get install nats-server)");
        return false;
    }

    @AfterAll
    static void stopTheFleet() {
        for (AutoCloseable part : new AutoCloseable[] {fleet, first, second, firstBooks, secondBooks, cluster}) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    System.err.println("NatsFleetIT: closing " + part + ": " + e.getMessage());
                }
            }
        }
    }

    @Test
    @Order(1)
    void aStoreCannotPublishAnAcknowledgementForItselfOrAnother() throws Exception {
        try (Client central = Client.as(cluster.brokerFor(BrokerUsers.CENTRAL));
             Client forger = Client.as(cluster.brokerFor("N0001"));
             Client first = Client.as(cluster.brokerFor("N0001"));
             Client other = Client.as(cluster.brokerFor("N0002"))) {
            BlockingQueue<String> heard = first.listen("holdfast/v1/N0001/down/acks");
            other.listenInto(heard, "holdfast/v1/N0002/down/acks");
            other.listenInto(heard, "holdfast/v1/N0002/down/giftcards");
            central.listenInto(heard, "holdfast/v1/N0001/up/events");

            forger.publish(Topics.acks("N0001"), "{\"store\":\"N0001\",\"acknowledged\":[\"forged-own\"]}");
            forger.publish(Topics.acks("N0002"), "{\"store\":\"N0002\",\"acknowledged\":[\"forged-other\"]}");
            forger.publish(Topics.downstream("N0002", "giftcards"), "{\"forged\":\"balance\"}");
            forger.publish(Topics.events("N0001"), "{\"events\":[],\"control\":\"the store's own topic\"}");
            central.publish(Topics.acks("N0002"), "{\"store\":\"N0002\",\"acknowledged\":[],\"control\":1}");

            List<String> got = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < deadline) {
                String message = heard.poll(100, TimeUnit.MILLISECONDS);
                if (message != null) {
                    got.add(message);
                }
            }
            assertThat(got).as("the stores heard central, central heard the store's own events; nothing forged")
                    .anyMatch(m -> m.contains("the store's own topic")).anyMatch(m -> m.contains("\"control\":1"))
                    .noneMatch(m -> m.contains("forged"));
        }
    }

    @Test
    @Order(2)
    void aStoreCannotReadAnotherStoresTopicsNotEvenRetainedOnesOrReplays() throws Exception {
        try (Client central = Client.as(cluster.brokerFor(BrokerUsers.CENTRAL))) {
            central.publishRetained(Topics.downstream("N0002", "manifest"), "{\"retained\":\"for N0002 only\"}");
        }
        try (Client prying = Client.as(cluster.brokerFor("N0001"))) {
            for (String filter : List.of("holdfast/v1/N0002/down/acks", "holdfast/v1/+/down/acks",
                    "holdfast/v1/+/down/manifest", "holdfast/v1/+/status", "holdfast/#", "#", "$MQTT/sub/#")) {
                assertThatThrownBy(() -> prying.listen(filter)).as(filter).isInstanceOf(MqttException.class);
            }
        }
        // The subscriptions were refused, so no retained message or replay was delivered on them; and
        // a store's own subscription still works.
        try (Client own = Client.as(cluster.brokerFor("N0002"))) {
            BlockingQueue<String> mine = own.listen("holdfast/v1/N0002/down/manifest");
            assertThat(mine.poll(10, TimeUnit.SECONDS)).contains("for N0002 only");
        }
    }

    @Test
    @Order(3)
    void isolationReachesEveryStoreAndEveryEventArrivesOnceThroughANodeAndAConsumerDying() throws Exception {
        orders.toAll(cluster.brokerFor(BrokerUsers.CONSOLE), "ISOLATE", BOTH, "NatsFleetIT");
        await().atMost(PATIENCE).until(() -> fleet.count(Capability.ORDERS, CapabilityState.ISOLATED) == STORES
                && fleet.count(Capability.GIFT_CARDS, CapabilityState.ISOLATED) == STORES);

        long appliedBefore = firstBooks.appliedEvents().size();
        fleet.work(Capability.ORDERS, ORDERS_PER_STORE);
        fleet.work(Capability.GIFT_CARDS, GIFT_CARDS_PER_STORE);
        Thread.sleep(2_000);
        assertThat(firstBooks.appliedEvents()).as("isolated stores send nothing").hasSize((int) appliedBefore);
        int total = STORES * (ORDERS_PER_STORE + GIFT_CARDS_PER_STORE);

        orders.toAll(cluster.brokerFor(BrokerUsers.CONSOLE), "RESTORE", BOTH, "NatsFleetIT");
        await().atMost(PATIENCE).until(() -> firstBooks.appliedEvents().size() - appliedBefore > total / 5);
        cluster.kill(1);
        second.crash(Duration.ofDays(1));
        await().atMost(PATIENCE).until(() -> first.instances().equals(java.util.Set.of("central-1")));
        Thread.sleep(2_000);
        cluster.restart(1);

        await().atMost(PATIENCE).until(() -> fleet.stores().stream().allMatch(store -> store.backlog() == 0));
        List<AppliedEvent> applied = firstBooks.appliedEvents().stream().map(CentralBooks.BookedEvent::event)
                .skip(appliedBefore).toList();
        Map<String, List<AppliedEvent>> byStore = applied.stream()
                .collect(Collectors.groupingBy(AppliedEvent::store));
        assertThat(byStore).hasSize(STORES);
        for (Map.Entry<String, List<AppliedEvent>> store : byStore.entrySet()) {
            List<AppliedEvent> events = store.getValue();
            assertThat(events).as(store.getKey()).hasSize(ORDERS_PER_STORE + GIFT_CARDS_PER_STORE);
            assertThat(events.stream().map(AppliedEvent::key).distinct()).as(store.getKey())
                    .hasSize(events.size());
            for (String capability : List.of("ORDERS", "GIFT_CARDS")) {
                List<Long> order = events.stream().filter(e -> e.capability().equals(capability))
                        .map(AppliedEvent::sequence).toList();
                assertThat(order).as(store.getKey() + " " + capability + " in the store's order").isSorted();
            }
        }
        assertThat(first.batches()).as("the surviving instance worked").isPositive();
        assertThat(second.batches()).as("the second instance worked before it died").isPositive();
        await().atMost(PATIENCE).until(() -> fleet.count(Capability.ORDERS, CapabilityState.ONLINE) == STORES);
    }

    /** A bare MQTT client signed in as one of the broker's users. */
    private record Client(MqttClient client) implements AutoCloseable {

        static Client as(Broker broker) throws MqttException {
            MqttClient client = new MqttClient(broker.nodes().getFirst().toString(), "it-" + UUID.randomUUID(),
                    new MemoryPersistence());
            MqttConnectOptions options = BrokerOptions.connect(broker, 0);
            options.setCleanSession(true);
            client.connect(options);
            return new Client(client);
        }

        BlockingQueue<String> listen(String filter) throws MqttException {
            return listenInto(new LinkedBlockingQueue<>(), filter);
        }

        BlockingQueue<String> listenInto(BlockingQueue<String> heard, String filter) throws MqttException {
            client.subscribe(filter, 1, (topic, message) -> heard.add(topic + " "
                    + new String(message.getPayload(), StandardCharsets.UTF_8)));
            return heard;
        }

        void publish(String topic, String payload) throws MqttException {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        }

        void publishRetained(String topic, String payload) throws MqttException {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true);
        }

        @Override
        public void close() throws MqttException {
            client.disconnect(1_000);
            client.close();
        }
    }
}
