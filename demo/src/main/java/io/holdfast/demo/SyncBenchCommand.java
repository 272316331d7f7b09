package io.holdfast.demo;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.holdfast.central.SimJson;
import io.holdfast.central.demo.DemoDataset;
import io.holdfast.central.mqtt.CentralConsumer;
import io.holdfast.central.mqtt.MosquittoProcess;
import io.holdfast.gateway.central.ManifestStreamRows;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.mode.Capability;
import io.holdfast.money.Money;
import io.holdfast.order.CollectionCodes;
import io.holdfast.order.Customer;
import io.holdfast.order.ManifestImport;
import io.holdfast.order.Order;
import io.holdfast.order.OrderId;
import io.holdfast.order.OrderLine;
import io.holdfast.order.OrderStatus;
import io.holdfast.order.Parcel;
import io.holdfast.outbox.Outbox;
import io.holdfast.outbox.OutboxEvent;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.sync.OutboxRelay;
import io.holdfast.sync.SyncSettings;
import io.holdfast.sync.downstream.DownstreamStreams;
import io.holdfast.sync.downstream.StreamPositions;

/**
 * {@code holdfast bench-sync}: drains an outbox backlog through Debian's Mosquitto with central's
 * application acknowledgements, next to raw Paho QoS 1 publishing to the same broker in the same
 * run, and imports a manifest snapshot into SQLite in chunks. Prints the figures; bounded; talks to
 * 127.0.0.1 only.
 */
@Command(name = "bench-sync", mixinStandardHelpOptions = true,
        description = "Measure the relay's drain rate through Mosquitto against raw Paho QoS 1, and the manifest import rate.")
final class SyncBenchCommand implements Callable<Integer> {
    /** The machine's clock, read here once: this command is a composition root, and hands it on. */
    private final Clock clock = Clock.systemUTC();


    private static final int PAYLOAD_BYTES = 200;

    @Option(names = "--events", defaultValue = "100000", description = "Backlog to drain (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--manifest-rows", defaultValue = "1000000",
            description = "Orders in the manifest snapshot (default: ${DEFAULT-VALUE}).")
    int manifestRows;

    @Option(names = "--window", defaultValue = "4",
            description = "Batches the relay may have waiting for central (default: ${DEFAULT-VALUE}, the gateway's).")
    int window;

    @Option(names = "--chunk", defaultValue = "10000", description = "Orders per snapshot chunk (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!MosquittoProcess.installed()) {
            out.println("bench-sync needs Debian's mosquitto: apt-get install mosquitto");
            return 2;
        }
        Path work = Files.createTempDirectory("holdfast-bench-sync");
        try (MosquittoProcess mosquitto = MosquittoProcess.start(work.resolve("mosquitto"))) {
            out.printf("Mosquitto on %s (max_queued_messages 0); %,d events of %d payload bytes%n", mosquitto.uri(),
                    events, PAYLOAD_BYTES);
            out.flush();
            double raw = rawPaho(mosquitto, out);
            double relay = relay(mosquitto, work, out);
            out.printf("relay / raw Paho = %.2f%n", relay / raw);
            out.flush();
            manifest(work, out);
        } finally {
            BenchSupport.deleteTree(work);
        }
        return 0;
    }

    /** Raw Paho: QoS 1 publishes with up to 1,000 in flight, done when the broker's last PUBACK arrives. */
    private double rawPaho(MosquittoProcess mosquitto, PrintWriter out) throws Exception {
        byte[] payload = new byte[PAYLOAD_BYTES];
        MqttAsyncClient client = new MqttAsyncClient(mosquitto.uri().toString(), "bench-raw", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(1_000);
        client.connect(options).waitForCompletion(10_000);
        java.util.ArrayDeque<IMqttDeliveryToken> flying = new java.util.ArrayDeque<>();
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            if (flying.size() >= 500) {
                flying.removeFirst().waitForCompletion(10_000);
            }
            flying.addLast(publishWhenRoom(client, payload));
        }
        while (!flying.isEmpty()) {
            flying.removeFirst().waitForCompletion(10_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        client.disconnect().waitForCompletion(5_000);
        client.close();
        double rate = events / seconds;
        out.printf("raw Paho QoS 1 (broker PUBACK only): %,.0f messages/s (%.2f s)%n", rate, seconds);
        out.flush();
        return rate;
    }

    /** Paho frees an in-flight slot a moment after the token completes; wait for it rather than fail. */
    private static IMqttDeliveryToken publishWhenRoom(MqttAsyncClient client, byte[] payload) throws Exception {
        while (true) {
            try {
                return client.publish("bench/raw", payload, 1, false);
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                if (e.getReasonCode() != org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    /** The relay: a backlog in a real SQLite outbox, drained until central has acknowledged every event. */
    private double relay(MosquittoProcess mosquitto, Path work, PrintWriter out) throws Exception {
        try (Database database = Database.open(DatabaseSettings.of(work.resolve("outbox.db")));
             CentralConsumer central = CentralConsumer.start(mosquitto.uri(), clock)) {
            Outbox outbox = new Outbox(database);
            String payload = "{\"note\":\"" + "x".repeat(PAYLOAD_BYTES - 11) + "\"}";
            Capability[] capabilities = {Capability.ORDERS, Capability.GIFT_CARDS, Capability.LOYALTY};
            for (int written = 0; written < events; written += 10_000) {
                int from = written;
                database.inTransaction("write a bench backlog", connection -> {
                    for (int i = from; i < Math.min(events, from + 10_000); i++) {
                        Capability capability = capabilities[i % capabilities.length];
                        outbox.append(connection, new OutboxEvent(UUID.randomUUID().toString(), capability, "bench",
                                capability + "-" + (i % 1_000), clock.instant(), payload));
                    }
                    return null;
                });
            }
            while (!central.connected()) {
                Thread.sleep(20);
            }
            SyncSettings settings = SyncSettings.defaults(mosquitto.uri(), "bench").withRate(1_000_000)
                    .withResyncSpread(Duration.ZERO).withWindow(window);
            long start = System.nanoTime();
            try (OutboxRelay relay = new OutboxRelay(settings, outbox, () -> EnumSet.allOf(Capability.class),
                    clock, new SplittableRandom()).start()) {
                long deadline = start + Duration.ofMinutes(10).toNanos();
                while (outbox.backlog().values().stream().mapToLong(Long::longValue).sum() > 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the backlog did not drain within 10 minutes");
                    }
                    Thread.sleep(20);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double rate = events / seconds;
                out.printf("relay, acknowledged by central: %,.0f events/s (%.2f s; %,d applied, %,d duplicates,"
                                + " %d resends)%n", rate, seconds, central.appliedCount(), central.duplicates(),
                        relay.status().resends());
                out.flush();
                return rate;
            }
        }
    }

    /**
     * A manifest snapshot as it arrives on the stream: chunks of central's order JSON, each read,
     * decided, merged in one transaction and its position saved. Only the store's side is timed.
     */
    private void manifest(Path work, PrintWriter out) throws Exception {
        String codeHash = new CollectionCodes(DemoDataset.COLLECTION_CODE_KEY).hash("123456");
        Instant now = clock.instant();
        int chunks = (manifestRows + chunk - 1) / chunk;
        try (Database database = Database.open(DatabaseSettings.of(work.resolve("manifest.db")))) {
            DownstreamStreams streams = new DownstreamStreams(Map.of("manifest",
                    new ManifestStreamRows(BenchSupport.manifestImport(database, clock))),
                    new StreamPositions(database), (stream, why) -> {
                        throw new IllegalStateException("the bench snapshot was refused: " + why);
                    }, clock);
            long storeNanos = 0;
            for (int index = 0; index < chunks; index++) {
                List<Order> orders = new ArrayList<>(chunk);
                for (int i = index * chunk; i < Math.min(manifestRows, (index + 1) * chunk); i++) {
                    orders.add(new Order(new OrderId("CC-%07d".formatted(i)),
                            new Customer("Customer " + i, "LS1 4AP", "c***@e***.com"),
                            List.of(new OrderLine(1, "5001001", "Linen shirt, blue, M", 1, 0, Money.of(2950, "GBP"))),
                            List.of(new Parcel(1, new Parcel.Location(Parcel.Location.Kind.SHELF, "A" + i % 50))),
                            LocalDate.ofInstant(now, GatewaySettings.DEFAULT_ZONE).plusDays(14), OrderStatus.READY, codeHash, now, 1));
                }
                ObjectNode message = SimJson.MAPPER.createObjectNode();
                message.put("generation", 1).put("sequence", index + 1).put("kind", "CHUNK").put("chunks", chunks);
                message.set("rows", SimJson.MAPPER.valueToTree(orders));
                byte[] payload = SimJson.MAPPER.writeValueAsBytes(message);
                long start = System.nanoTime();
                streams.handle("manifest", payload);
                storeNanos += System.nanoTime() - start;
            }
            double seconds = storeNanos / 1e9;
            out.printf("manifest snapshot over the stream: %,d orders in %,d chunks of %,d in %.1f s: %,.0f rows/s"
                    + " (complete: %s)%n", manifestRows, chunks, chunk, seconds, manifestRows / seconds,
                    streams.progress().getFirst().complete());
            out.flush();
        }
    }
}
