package io.holdfast.central.mqtt;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.holdfast.central.SimJson;
import io.holdfast.central.books.CentralBooks;
import io.holdfast.mqtt.Broker;
import io.holdfast.mqtt.BrokerOptions;

/**
 * Central's side of the sync: subscribes to every store's events, applies each once (see
 * {@link CentralLedger}) and acknowledges on the store's {@code down/acks}. Switches make it drop
 * its acknowledgements, go slow, or crash and come back. It also publishes downstream data and
 * commands. Arriving messages are handled on the consumer's own thread, never on Paho's.
 */
public final class CentralConsumer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CentralConsumer.class.getName());
    private static final ObjectMapper JSON = SimJson.MAPPER;
    private static final String ROOT = "holdfast/v1/";
    private static final int SNAPSHOT_CHUNK = 500;

    private record Arrival(String topic, byte[] payload) {
    }

    /** Where central's snapshots come from, and the clock that numbers their generations. */
    private record SnapshotAnswers(SnapshotSource source, Clock clock) {
    }

    private final Broker broker;
    private final Optional<ConsumerGroup> group;
    private final CentralLedger ledger;
    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    private final ExecutorService acknowledgers = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong snapshotsSent = new AtomicLong();
    private int nextNode;
    private long lastBeat = System.nanoTime() - ConsumerGroup.BEAT.toNanos();
    private volatile Optional<SnapshotAnswers> snapshots = Optional.empty();
    private final Optional<CentralBooks> ownBooks;
    private volatile boolean dropAcks;
    private volatile Duration delayPerBatch = Duration.ZERO;
    private volatile Optional<Admission> admission = Optional.empty();
    private volatile long downUntilNanos;
    private volatile boolean closed;
    private volatile MqttClient client;
    private Thread worker;

    private CentralConsumer(Broker broker, Optional<ConsumerGroup> group, EventJudge judge, CentralBooks books,
                            boolean ownsBooks) {
        this.broker = broker;
        this.group = group;
        this.ledger = new CentralLedger(judge, books);
        this.ownBooks = ownsBooks ? Optional.of(books) : Optional.empty();
    }

    /** A consumer with books in memory, its own; {@code clock} dates what it applies. */
    public static CentralConsumer start(URI broker, Clock clock) {
        return start(broker, EventJudge.NONE, clock);
    }

    /** @param judge central's business side: verdicts on the events it applies; books in memory, its own */
    public static CentralConsumer start(URI broker, EventJudge judge, Clock clock) {
        return start(broker, judge, CentralBooks.inMemory(clock), true);
    }

    /**
     * @param judge central's business side: verdicts on the events it applies
     * @param books central's books, shared with the simulator's HTTP side; the caller closes them
     */
    public static CentralConsumer start(URI broker, EventJudge judge, CentralBooks books) {
        return start(Broker.at(broker), Optional.empty(), judge, books, false);
    }

    private static CentralConsumer start(URI broker, EventJudge judge, CentralBooks books, boolean ownsBooks) {
        return start(Broker.at(broker), Optional.empty(), judge, books, ownsBooks);
    }

    /**
     * One instance of central's consumer among several that share the fleet's events (see
     * {@link ConsumerGroup}): it handles only the stores that hash to it among the live instances.
     *
     * @param broker   the broker's nodes and central's user on it
     * @param instance this instance's name, unique in the group
     * @param books    central's books, shared by every instance (one SQLite file); the caller closes them
     */
    public static CentralConsumer startInstance(Broker broker, String instance, EventJudge judge, CentralBooks books) {
        return start(broker, Optional.of(new ConsumerGroup(instance)), judge, books, false);
    }

    private static CentralConsumer start(Broker broker, Optional<ConsumerGroup> group, EventJudge judge,
                                         CentralBooks books, boolean ownsBooks) {
        CentralConsumer consumer = new CentralConsumer(broker, group, judge, books, ownsBooks);
        consumer.worker = Thread.ofVirtual().name("central-consumer" + group.map(g -> "-" + g.self()).orElse(""))
                .start(consumer::run);
        return consumer;
    }

    /** The live instances this one knows of, itself included; just itself when it works alone. */
    public Set<String> instances() {
        return group.map(g -> g.members(System.nanoTime())).orElse(Set.of("central"));
    }

    /**
     * Central answers the stores' requests for a fresh snapshot ({@code up/requests}) on its own, from
     * {@code source}, in a new generation numbered by {@code clock}'s milliseconds (always newer than the
     * store's). A stream central has no rows for is logged and left.
     */
    public CentralConsumer answerSnapshotRequests(SnapshotSource source, Clock clock) {
        snapshots = Optional.of(new SnapshotAnswers(source, clock));
        MqttClient current = client;
        if (current != null && current.isConnected()) {
            try {
                current.subscribe(ROOT + "+/up/requests", 1);
            } catch (MqttException e) {
                LOG.log(System.Logger.Level.WARNING, "central could not follow snapshot requests: {0}", e.getMessage());
            }
        }
        return this;
    }

    /** Snapshots central sent because a store asked. */
    public long snapshotsSent() {
        return snapshotsSent.get();
    }

    /** While on, events are applied but their acknowledgements are lost. */
    public void dropAcknowledgements(boolean drop) {
        dropAcks = drop;
    }

    /**
     * This instance applies at most {@code eventsPerSecond}, in batches as they come: what it has not
     * admitted yet waits in its queue, unacknowledged, and the stores wait for their acknowledgements.
     */
    public CentralConsumer admitting(long eventsPerSecond) {
        admission = Optional.of(Admission.of(eventsPerSecond, System.nanoTime()));
        return this;
    }

    /** Central falls behind: every batch takes this long. */
    public void slowDown(Duration perBatch) {
        delayPerBatch = perBatch;
    }

    /**
     * Central crashes: the connection goes without a goodbye, what it had not handled is lost, and
     * it comes back after {@code downFor}. What it applied stays applied.
     */
    public void crash(Duration downFor) {
        downUntilNanos = System.nanoTime() + downFor.toNanos();
        MqttClient current = client;
        client = null;
        if (current != null) {
            try {
                // Not closed: Paho's receiver may still be reading, and closing under it fails there.
                current.disconnectForcibly(0, 0, false);
            } catch (MqttException ignored) {
                // Crashing.
            }
        }
        arrivals.clear();
        ledger.forgetWaiting();
    }

    public boolean connected() {
        MqttClient current = client;
        return current != null && current.isConnected();
    }

    /** Publishes downstream data or a command (QoS 1). */
    public void publish(String topic, byte[] payload, boolean retained) {
        MqttClient current = client;
        if (current == null || !current.isConnected()) {
            throw new IllegalStateException("central is not connected to " + broker + "; cannot publish to " + topic);
        }
        try {
            current.publish(topic, payload, 1, retained);
        } catch (MqttException e) {
            throw new IllegalStateException("central could not publish to " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * Publishes a snapshot of a downstream stream in chunks (sequences 1 to n of the generation),
     * rows serialised as central's HTTP API does; answers the number of chunks.
     */
    public int publishSnapshot(String store, String stream, long generation, List<?> rows, int chunkSize) {
        int chunks = Math.max(1, (rows.size() + chunkSize - 1) / chunkSize);
        for (int chunk = 0; chunk < chunks; chunk++) {
            List<?> part = rows.subList(chunk * chunkSize, Math.min(rows.size(), (chunk + 1) * chunkSize));
            publishStream(store, stream, generation, chunk + 1, "CHUNK", chunks, part);
        }
        return chunks;
    }

    /** Publishes one change of a downstream stream after its snapshot. */
    public void publishChange(String store, String stream, long generation, long sequence, List<?> rows) {
        publishStream(store, stream, generation, sequence, "CHANGE", 0, rows);
    }

    private void publishStream(String store, String stream, long generation, long sequence, String kind, long chunks,
                               List<?> rows) {
        ObjectNode message = JSON.createObjectNode();
        message.put("generation", generation);
        message.put("sequence", sequence);
        message.put("kind", kind);
        message.put("chunks", chunks);
        message.set("rows", JSON.valueToTree(rows));
        publish(ROOT + store + "/down/" + stream, message.toString().getBytes(StandardCharsets.UTF_8), false);
    }

    public List<AppliedEvent> applied(String store) {
        return ledger.applied(store);
    }

    public long appliedCount() {
        return ledger.appliedCount();
    }

    public long duplicates() {
        return ledger.duplicates();
    }

    /** Events that arrived before their predecessor and wait for it. */
    public int waiting() {
        return ledger.waiting();
    }

    public long malformed() {
        return malformed.get();
    }

    public long batches() {
        return batches.get();
    }

    @Override
    public void close() {
        closed = true;
        MqttClient leaving = client;
        if (group.isPresent() && leaving != null && leaving.isConnected()) {
            try {
                leaving.publish(group.get().topic(), ConsumerGroup.gone(), 1, true);
            } catch (MqttException e) {
                LOG.log(System.Logger.Level.DEBUG, "central could not say goodbye to its group: {0}", e.getMessage());
            }
        }
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        acknowledgers.shutdownNow();
        MqttClient current = client;
        if (current != null) {
            try {
                current.disconnectForcibly(0, 1_000, false);
                current.close(true);
            } catch (MqttException ignored) {
                // Closing.
            }
        }
        ownBooks.ifPresent(CentralBooks::close);
    }

    private void run() {
        while (!closed) {
            try {
                if (System.nanoTime() < downUntilNanos) {
                    Thread.sleep(20);
                    continue;
                }
                if (!connected()) {
                    connect();
                    continue;
                }
                beat();
                Arrival arrival = arrivals.poll(50, TimeUnit.MILLISECONDS);
                if (arrival != null) {
                    handle(arrival);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (MqttException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "central consumer: {0}", e.getMessage());
                sleepQuietly();
            }
        }
    }

    /** In a group, says this instance is online every beat, and logs who is. */
    private void beat() {
        if (group.isEmpty() || System.nanoTime() - lastBeat < ConsumerGroup.BEAT.toNanos()) {
            return;
        }
        lastBeat = System.nanoTime();
        MqttClient current = client;
        try {
            // At QoS 0 and not retained (the retained word was said at connect): on NATS a retained QoS 1 message
            // goes through a replicated stream, and a beat late behind a busy cluster's writes made the others
            // take this instance for dead and its stores change hands back and forth.
            MqttMessage online = new MqttMessage(ConsumerGroup.online());
            online.setQos(0);
            current.getTopic(group.get().topic()).publish(online);
        } catch (MqttException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "central {0} could not say it is online: {1}", group.get().self(),
                    e.getMessage());
        }
        group.get().changed(lastBeat).ifPresent(members -> LOG.log(System.Logger.Level.INFO,
                "central {0}: the live instances are now {1}", group.get().self(), members));
    }

    private void connect() throws MqttException {
        MqttClient fresh = new MqttClient(broker.nodes().getFirst().toString(),
                "central-" + group.map(g -> g.self() + "-").orElse("") + UUID.randomUUID(), new MemoryPersistence());
        fresh.setTimeToWait(5_000); // a publish racing a crash must not wait for ever
        fresh.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // The worker sees the client disconnected and connects again.
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (group.isPresent() && topic.startsWith(ConsumerGroup.ROOT)) {
                    group.get().heard(topic, message.getPayload(), System.nanoTime());
                    return;
                }
                arrivals.add(new Arrival(topic, message.getPayload()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // Nothing: acknowledgements are fire and forget from central's side.
            }
        });
        // The next node each time: a node that died is left for the next one that answers.
        MqttConnectOptions options = BrokerOptions.connect(broker, nextNode++);
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(10);
        options.setMaxInflight(1_000);
        group.ifPresent(g -> options.setWill(g.topic(), ConsumerGroup.gone(), 1, true));
        try {
            fresh.connect(options);
            if (group.isPresent()) {
                fresh.publish(group.get().topic(), ConsumerGroup.online(), 1, true);
                fresh.subscribe(ConsumerGroup.filter(), 1);
            }
            fresh.subscribe(ROOT + "+/up/events", 1);
            if (snapshots.isPresent()) {
                fresh.subscribe(ROOT + "+/up/requests", 1);
            }
            client = fresh;
        } catch (MqttException e) {
            LOG.log(System.Logger.Level.WARNING, "central{0} cannot connect to {1} ({2}, reason {3}); trying again",
                    group.map(g -> " " + g.self()).orElse(""), broker, e.getMessage(), e.getReasonCode());
            fresh.close(true);
            sleepQuietly();
        }
    }

    private void handle(Arrival arrival) throws InterruptedException {
        if (group.isPresent() && !group.get().owns(arrival.topic().split("/")[2], System.nanoTime())) {
            return; // Another instance's store.
        }
        if (arrival.topic().endsWith("/up/requests")) {
            answer(arrival);
            return;
        }
        List<AppliedEvent> events;
        String store;
        try {
            JsonNode batch = JSON.readTree(arrival.payload());
            store = topicStore(arrival.topic());
            events = parse(store, batch);
        } catch (IOException | IllegalArgumentException e) {
            malformed.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "central dropped a malformed batch on {0}: {1}", arrival.topic(),
                    e.getMessage());
            return;
        }
        if (!delayPerBatch.isZero()) {
            Thread.sleep(delayPerBatch);
        }
        if (admission.isPresent()) {
            Thread.sleep(Duration.ofNanos(admission.get().take(events.size(), System.nanoTime())));
        }
        batches.incrementAndGet();
        List<String> keys = ledger.offer(events);
        if (!dropAcks && !keys.isEmpty()) {
            ObjectNode ack = JSON.createObjectNode();
            ack.put("store", store);
            keys.forEach(ack.putArray("acknowledged")::add);
            var verdicts = ack.putArray("verdicts");
            for (String key : keys) {
                ledger.verdict(store, key).ifPresent(verdict -> verdicts.addObject().put("key", key)
                        .put("result", verdict.result()).set("detail", JSON.valueToTree(verdict.detail())));
            }
            acknowledge(store, ack.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * At QoS 0, from a thread of its own: a lost acknowledgement costs a resend, which the books refuse
     * as a duplicate and acknowledge again. At QoS 1 each one went through a replicated JetStream stream
     * on NATS; and Paho's publish waits until its sender thread has written the message, which, with
     * a thousand stores' threads on the same cores, held the next batch back for longer than applying it.
     */
    private void acknowledge(String store, byte[] ack) {
        MqttClient current = client;
        if (current == null) {
            return;
        }
        acknowledgers.submit(() -> {
            try {
                MqttMessage message = new MqttMessage(ack);
                message.setQos(0);
                current.getTopic(ROOT + store + "/down/acks").publish(message);
            } catch (MqttException e) {
                LOG.log(System.Logger.Level.WARNING, "central could not acknowledge to {0}: {1}", store,
                        e.getMessage());
            }
        });
    }

    private void answer(Arrival arrival) {
        try {
            String store = arrival.topic().split("/")[2];
            JsonNode request = JSON.readTree(arrival.payload());
            String stream = request.path("stream").asText("");
            if (!"SNAPSHOT".equals(request.path("type").asText()) || snapshots.isEmpty()) {
                return;
            }
            Optional<List<?>> rows = snapshots.get().source().rows(store, stream);
            if (rows.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "store {0} asked for a {1} snapshot central does not keep",
                        store, stream);
                return;
            }
            int chunks = publishSnapshot(store, stream, snapshots.get().clock().millis(), rows.get(), SNAPSHOT_CHUNK);
            snapshotsSent.incrementAndGet();
            LOG.log(System.Logger.Level.INFO, "central sent store {0} a fresh {1} snapshot ({2} rows in {3} chunks): {4}",
                    store, stream, rows.get().size(), chunks, request.path("reason").asText(""));
        } catch (IOException | RuntimeException e) {
            malformed.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "central could not answer a request on {0}: {1}", arrival.topic(),
                    e.getMessage());
        }
    }

    private static List<AppliedEvent> parse(String store, JsonNode batch) {
        JsonNode events = batch == null ? null : batch.get("events");
        if (events == null || !events.isArray()) {
            throw new IllegalArgumentException("no events array");
        }
        List<AppliedEvent> parsed = new ArrayList<>();
        for (JsonNode event : events) {
            for (String field : List.of("sequence", "previous", "key", "capability", "type", "aggregate")) {
                if (!event.hasNonNull(field)) {
                    throw new IllegalArgumentException("an event without '" + field + "'");
                }
            }
            parsed.add(new AppliedEvent(store, event.get("sequence").asLong(), event.get("previous").asLong(),
                    event.get("key").asText(), event.get("capability").asText(), event.get("type").asText(),
                    event.get("aggregate").asText(), String.valueOf(event.get("payload"))));
        }
        return parsed;
    }

    private static String topicStore(String topic) {
        String[] parts = topic.split("/");
        if (parts.length != 5 || !topic.startsWith(ROOT)) {
            throw new IllegalArgumentException("not an events topic: " + topic);
        }
        return parts[2];
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
