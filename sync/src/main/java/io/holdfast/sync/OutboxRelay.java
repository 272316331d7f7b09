package io.holdfast.sync;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import org.eclipse.paho.client.mqttv3.MqttException;

import io.holdfast.mode.Capability;
import io.holdfast.outbox.CentralVerdict;
import io.holdfast.outbox.Outbox;
import io.holdfast.outbox.PendingEvent;
import io.holdfast.outbox.VerdictHandler;

/**
 * Drains the outbox to central over MQTT. One loop on its own virtual thread owns the connection:
 * it connects (and reconnects with full jitter), subscribes, publishes batches in sequence order
 * within a bounded window and rate, re-sends a batch whose acknowledgement times out, and marks
 * events acknowledged only when central's own acknowledgement names them. The outbox is the record
 * of what is unsent; after any restart everything unacknowledged is simply sent again, and central
 * applies each event once by its idempotency key.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());
    private static final ObjectMapper JSON = SyncJson.MAPPER;
    /** How long to wait for the store's retained status before connecting. */
    private static final Duration RIVAL_LOOK = Duration.ofMillis(500);
    /** How often a relay kept off by another gateway looks again. */
    private static final Duration RIVAL_RECHECK = Duration.ofSeconds(10);
    /** A gateway not heard from for this long is gone, whatever its last status said. */
    private static final Duration RIVAL_SILENCE = Duration.ofMinutes(2);
    /** Larger than any acknowledgement or command the store expects; anything bigger is dropped. */
    static final int MAX_INBOUND_BYTES = 256 * 1024;

    private record Batch(String id, List<String> keys, byte[] payload, Instant sentAt) {
        Batch resentAt(Instant at) {
            return new Batch(id, keys, payload, at);
        }

        /** The batch still waiting for the rest of its events; its message is sent again whole. */
        Batch without(Set<String> acknowledged) {
            return new Batch(id, keys.stream().filter(key -> !acknowledged.contains(key)).toList(), payload, sentAt);
        }
    }

    private final SyncSettings settings;
    private final Outbox outbox;
    private final Supplier<Set<Capability>> drainable;
    private final Clock clock;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final BlockingQueue<MqttLink.Signal> signals = new LinkedBlockingQueue<>();
    private final Map<String, Batch> inFlight = new LinkedHashMap<>();
    private final List<BiConsumer<String, byte[]>> inboundHandlers = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<String, Integer>> oversizedHandlers = new CopyOnWriteArrayList<>();
    private final List<VerdictHandler> verdictHandlers = new CopyOnWriteArrayList<>();
    private final List<String> extraSubscriptions = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong resends = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile MqttLink link;
    private volatile boolean closed;
    private volatile int eventsPerSecond;
    private volatile Optional<Instant> lastContact = Optional.empty();
    private volatile Instant holdUntil = Instant.EPOCH;
    /** This store file's installation: how this gateway tells itself from another claiming its store. */
    private final String installation;
    private volatile Optional<String> refusedBecause = Optional.empty();
    private double tokens;
    /**
     * The rate limiter counts elapsed time on the monotonic clock, not the injected one: a rate is
     * events per elapsed second, which must not jump when the wall clock is set (NTP, a manager
     * fixing the date) and which no business date depends on.
     */
    private long tokensAt = System.nanoTime();
    private Thread loop;

    /** @param drainable the capabilities whose events may be sent now (not isolated) */
    public OutboxRelay(SyncSettings settings, Outbox outbox, Supplier<Set<Capability>> drainable, Clock clock,
                       RandomGenerator random) {
        this.settings = settings;
        this.outbox = outbox;
        this.drainable = drainable;
        this.clock = clock;
        this.random = random;
        this.backoff = new Backoff(settings.reconnectFirst(), settings.reconnectCap(), random);
        this.eventsPerSecond = settings.eventsPerSecond();
        this.installation = outbox.installationId();
    }

    /** The installation id this relay announces in its status on the broker. */
    public String installation() {
        return installation;
    }

    /** Messages on other subscribed topics (commands, downstream data) go to these handlers, on the relay's thread. */
    public void onMessage(BiConsumer<String, byte[]> handler) {
        inboundHandlers.add(handler);
    }

    /** Told the topic and size of each message dropped unread for being larger than {@code MAX_INBOUND_BYTES}. */
    public void onOversized(BiConsumer<String, Integer> handler) {
        oversizedHandlers.add(handler);
    }

    /**
     * Central's verdicts on events (carried with their acknowledgements) go to these handlers before
     * the events are marked acknowledged; if one fails, the events stay unacknowledged and are sent again.
     */
    public void onVerdicts(VerdictHandler handler) {
        verdictHandlers.add(handler);
    }

    /** Topics subscribed after every connect besides the acknowledgements. */
    public void subscribe(String topic) {
        extraSubscriptions.add(topic);
    }

    public OutboxRelay start() {
        loop = Thread.ofVirtual().name("outbox-relay-" + settings.storeId()).start(this::run);
        return this;
    }

    /** Central lowers (or raises) the rate the store may send at. */
    public void setEventsPerSecond(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("events per second must be positive, but was " + perSecond);
        }
        eventsPerSecond = perSecond;
    }

    /**
     * A restoration reached the store: start sending after a random delay within the resync spread,
     * so the stores of a fleet do not all send at once.
     */
    public Instant spreadResync() {
        long spread = settings.resyncSpread().toMillis();
        Instant start = clock.instant().plusMillis(spread == 0 ? 0 : random.nextLong(spread + 1));
        holdUntil = start;
        return start;
    }

    /** Publishes on the relay's connection; false when not connected. For the heartbeat. */
    public boolean publish(String topic, byte[] payload, boolean retained) {
        MqttLink current = link;
        if (current == null || !current.isConnected()) {
            return false;
        }
        try {
            current.publish(topic, payload, retained);
            return true;
        } catch (MqttException e) {
            return false;
        }
    }

    public RelayStatus status() {
        MqttLink current = link;
        Instant hold = holdUntil;
        synchronized (inFlight) {
            return new RelayStatus(current != null && current.isConnected(), inFlight.size(), published.get(),
                    acknowledged.get(), resends.get(), dropped.get(), eventsPerSecond, lastContact,
                    hold.isAfter(clock.instant()) ? Optional.of(hold) : Optional.empty(), refusedBecause);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        MqttLink current = link;
        if (current != null) {
            try {
                // A clean goodbye sends no last will: say so ourselves, so another gateway may take the store.
                current.publish(Topics.status(settings.storeId()), offlineStatus(), true);
            } catch (MqttException ignored) {
                // The broker is gone already; it will publish the will.
            }
            current.close();
        }
    }

    private void run() {
        while (!closed) {
            try {
                if (link == null || !link.isConnected()) {
                    connectOrWait();
                    continue;
                }
                MqttLink.Signal signal = signals.poll(50, TimeUnit.MILLISECONDS);
                while (signal != null) {
                    handle(signal);
                    signal = signals.poll();
                }
                if (link != null && link.isConnected()) {
                    resendTimedOut();
                    sendMore();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (MqttException e) {
                LOG.log(System.Logger.Level.WARNING, "relay lost the broker: {0}", e.getMessage());
                dropLink();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "relay step failed; it carries on", e);
                sleepQuietly(Duration.ofMillis(200));
            }
        }
    }

    private void connectOrWait() throws InterruptedException {
        dropLink();
        try {
            // One gateway per store on the broker: the client id is the store's, and a second client with it
            // would knock the first off, and be knocked off in turn. So look first, and stay off if another
            // installation is there; say so loudly, and look again later.
            Optional<String> rival = rivalOnBroker();
            if (rival.isPresent()) {
                if (!rival.equals(refusedBecause)) {
                    LOG.log(System.Logger.Level.ERROR, "relay stays off the broker: {0}", rival.get());
                }
                refusedBecause = rival;
                Thread.sleep(RIVAL_RECHECK.toMillis());
                return;
            }
            refusedBecause = Optional.empty();
            MqttLink fresh = new MqttLink(settings.broker().toString(), "holdfast-" + settings.storeId(), signals);
            fresh.connect(Topics.status(settings.storeId()), offlineStatus());
            fresh.publish(Topics.status(settings.storeId()), onlineStatus(), true);
            List<String> topics = new ArrayList<>();
            topics.add(Topics.acks(settings.storeId()));
            topics.addAll(extraSubscriptions);
            fresh.subscribe(topics);
            link = fresh;
            backoff.reset();
            synchronized (inFlight) {
                inFlight.clear();
            }
            LOG.log(System.Logger.Level.INFO, "relay connected to {0}", settings.broker());
        } catch (MqttException e) {
            Duration wait = backoff.next();
            LOG.log(System.Logger.Level.WARNING, "relay cannot reach {0} ({1}); trying again in {2} ms",
                    settings.broker(), e.getMessage(), wait.toMillis());
            Thread.sleep(wait);
        }
    }

    private void handle(MqttLink.Signal signal) {
        switch (signal) {
            case MqttLink.Signal.Lost lost -> {
                LOG.log(System.Logger.Level.WARNING, "relay connection lost: {0}", lost.reason());
                dropLink();
            }
            case MqttLink.Signal.Arrived arrived -> {
                if (arrived.payload().length > MAX_INBOUND_BYTES) {
                    drop(arrived.topic(), "oversized (" + arrived.payload().length + " bytes)");
                    oversizedHandlers.forEach(handler -> handler.accept(arrived.topic(), arrived.payload().length));
                } else if (arrived.topic().equals(Topics.acks(settings.storeId()))) {
                    acknowledge(arrived.payload());
                } else {
                    inboundHandlers.forEach(handler -> handler.accept(arrived.topic(), arrived.payload()));
                }
            }
        }
    }

    private void acknowledge(byte[] payload) {
        List<String> keys = new ArrayList<>();
        List<CentralVerdict> verdicts;
        try {
            JsonNode ack = JSON.readTree(payload);
            JsonNode named = ack == null ? null : ack.get("acknowledged");
            if (named == null || !named.isArray()) {
                drop(Topics.acks(settings.storeId()), "not an acknowledgement");
                return;
            }
            named.forEach(key -> keys.add(key.asText()));
            verdicts = verdicts(ack.path("verdicts"));
        } catch (java.io.IOException e) {
            drop(Topics.acks(settings.storeId()), "malformed JSON");
            return;
        }
        if (!verdicts.isEmpty()) {
            try {
                for (VerdictHandler handler : verdictHandlers) {
                    handler.settle(verdicts);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "central's verdicts could not be recorded; their events stay"
                        + " unacknowledged and go again", e);
                return;
            }
        }
        int done = outbox.acknowledge(keys, clock.instant());
        acknowledged.addAndGet(done);
        lastContact = Optional.of(clock.instant());
        Set<String> named = new HashSet<>(keys);
        synchronized (inFlight) {
            // Central may acknowledge a batch's events in several messages (an event waits there
            // for its predecessor); a batch leaves the window when all of its events are done.
            inFlight.replaceAll((id, batch) -> batch.without(named));
            inFlight.values().removeIf(batch -> batch.keys().isEmpty());
        }
    }

    private static List<CentralVerdict> verdicts(JsonNode array) {
        List<CentralVerdict> verdicts = new ArrayList<>();
        for (JsonNode verdict : array.isArray() ? array : JSON.createArrayNode()) {
            if (verdict.path("key").isTextual() && verdict.path("result").isTextual()) {
                verdicts.add(new CentralVerdict(verdict.get("key").asText(), verdict.get("result").asText(),
                        verdict.path("detail").isObject() ? verdict.get("detail").toString() : "{}"));
            }
        }
        return verdicts;
    }

    private void resendTimedOut() throws MqttException {
        Instant now = clock.instant();
        List<Batch> due = new ArrayList<>();
        synchronized (inFlight) {
            for (Batch batch : inFlight.values()) {
                if (batch.sentAt().plus(settings.ackTimeout()).isBefore(now)) {
                    due.add(batch);
                }
            }
        }
        for (Batch batch : due) {
            link.publish(Topics.events(settings.storeId()), batch.payload(), false);
            resends.incrementAndGet();
            synchronized (inFlight) {
                inFlight.put(batch.id(), batch.resentAt(now));
            }
        }
    }

    private void sendMore() throws MqttException {
        if (clock.instant().isBefore(holdUntil)) {
            return;
        }
        while (windowHasRoom()) {
            refillTokens();
            int allowance = (int) Math.min(settings.batchEvents(), Math.floor(tokens));
            if (allowance < 1) {
                return;
            }
            Set<String> flying = inFlightKeys();
            List<PendingEvent> candidates = outbox.relayCandidates(drainable.get(), flying, allowance);
            if (candidates.isEmpty()) {
                return;
            }
            List<PendingEvent> batch = new ArrayList<>();
            long bytes = 0;
            for (PendingEvent candidate : candidates) {
                if (!batch.isEmpty() && bytes + candidate.bytes() > settings.batchBytes()) {
                    break;
                }
                batch.add(candidate);
                bytes += candidate.bytes();
            }
            publish(batch);
            tokens -= batch.size();
        }
    }

    private void publish(List<PendingEvent> events) throws MqttException {
        String id = UUID.randomUUID().toString();
        ObjectNode message = JSON.createObjectNode();
        message.put("store", settings.storeId());
        message.put("batch", id);
        ArrayNode array = message.putArray("events");
        for (PendingEvent pending : events) {
            ObjectNode event = array.addObject();
            event.put("sequence", pending.sequence());
            event.put("previous", pending.previousInCapability());
            event.put("key", pending.event().idempotencyKey());
            event.put("capability", pending.event().capability().name());
            event.put("type", pending.event().type());
            event.put("aggregate", pending.event().aggregateId());
            event.put("at", pending.event().occurredAt().toString());
            // Stored as valid JSON (the table checks it), so it goes out as it is, not parsed again.
            event.putRawValue("payload", new RawValue(pending.event().payloadJson()));
        }
        byte[] payload = message.toString().getBytes(StandardCharsets.UTF_8);
        List<String> keys = events.stream().map(e -> e.event().idempotencyKey()).toList();
        link.publish(Topics.events(settings.storeId()), payload, false);
        outbox.markPublished(keys, clock.instant());
        published.addAndGet(keys.size());
        synchronized (inFlight) {
            inFlight.put(id, new Batch(id, keys, payload, clock.instant()));
        }
    }

    private boolean windowHasRoom() {
        synchronized (inFlight) {
            return inFlight.size() < settings.window();
        }
    }

    private Set<String> inFlightKeys() {
        Set<String> keys = new HashSet<>();
        synchronized (inFlight) {
            inFlight.values().forEach(batch -> keys.addAll(batch.keys()));
        }
        return keys;
    }

    private void refillTokens() {
        long now = System.nanoTime();
        tokens = Math.min(eventsPerSecond, tokens + (now - tokensAt) / 1e9 * eventsPerSecond);
        tokensAt = now;
    }

    private void drop(String topic, String why) {
        dropped.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING, "dropped a message on {0}: {1}", topic, why);
    }

    private void dropLink() {
        MqttLink current = link;
        link = null;
        if (current != null) {
            current.close();
        }
    }

    private byte[] offlineStatus() {
        return ("{\"store\":\"" + settings.storeId() + "\",\"online\":false,\"installation\":\"" + installation + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] onlineStatus() {
        return ("{\"store\":\"" + settings.storeId() + "\",\"online\":true,\"installation\":\"" + installation
                + "\",\"at\":\"" + clock.instant() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Another installation's gateway online for this store on the broker, read from the store's retained
     * status with a throwaway client: online, not this installation, and heard from lately (a gateway
     * that died without a word is not waited for beyond that).
     */
    private Optional<String> rivalOnBroker() throws MqttException, InterruptedException {
        BlockingQueue<MqttLink.Signal> seen = new LinkedBlockingQueue<>();
        try (MqttLink look = new MqttLink(settings.broker().toString(),
                "holdfast-" + settings.storeId() + "-look-" + java.util.UUID.randomUUID(), seen)) {
            look.connect();
            look.subscribe(List.of(Topics.status(settings.storeId())));
            long deadline = System.nanoTime() + RIVAL_LOOK.toNanos();
            while (System.nanoTime() < deadline) {
                MqttLink.Signal signal = seen.poll(20, TimeUnit.MILLISECONDS);
                if (signal instanceof MqttLink.Signal.Arrived arrived) {
                    return rival(arrived.payload());
                }
            }
            return Optional.empty();
        }
    }

    private Optional<String> rival(byte[] status) {
        try {
            JsonNode node = JSON.readTree(status);
            String other = node.path("installation").asText("");
            Instant at = node.hasNonNull("at") ? Instant.parse(node.get("at").asText()) : Instant.EPOCH;
            boolean lately = at.isAfter(clock.instant().minus(RIVAL_SILENCE));
            if (node.path("online").asBoolean(false) && !other.isEmpty() && !other.equals(installation) && lately) {
                return Optional.of("another gateway for store " + settings.storeId() + " (installation " + other
                        + ", heard from at " + at + ") is connected to " + settings.broker()
                        + "; two gateways for one store would knock each other off. Stop one of them");
            }
            return Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
