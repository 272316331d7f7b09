package io.holdfast.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * applies each event once by its idempotency key. Nothing is written when a batch goes out: a batch
 * in flight lives in the loop's window, and the outbox changes only when central has the events.
 *
 * <p>The loop hears only what it acts on: a lost connection and central's acknowledgements. Other
 * messages (commands, downstream data) go from Paho's reader straight to {@link InboundDispatch}.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());
    /** Larger than any acknowledgement or command the store expects; anything bigger is dropped. */
    static final int MAX_INBOUND_BYTES = 256 * 1024;

    private final SyncSettings settings;
    private final Outbox outbox;
    private final Supplier<Set<Capability>> drainable;
    private final Clock clock;
    private final Backoff backoff;
    private final RandomGenerator random;
    /** Bounded: when the loop falls behind, Paho's reader waits, and the broker holds the rest. */
    private final BlockingQueue<MqttLink.Signal> signals = new LinkedBlockingQueue<>(1_024);
    private final InboundDispatch dispatch;
    private final BatchWindow inFlight = new BatchWindow();
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
    /** This store file's installation, and how this gateway tells itself from another claiming its store. */
    private final StoreClaim claim;
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
        this.claim = new StoreClaim(settings.broker(), settings.storeId(), outbox.installationId(), clock);
        this.dispatch = new InboundDispatch("relay-inbound-" + settings.storeId());
    }

    /** The installation id this relay announces in its status on the broker. */
    public String installation() {
        return claim.installation();
    }

    /**
     * Messages on other subscribed topics (commands, downstream data) go to these handlers, one at a
     * time in the order they arrived, on a thread of their own (not the relay's loop).
     */
    public void onMessage(BiConsumer<String, byte[]> handler) {
        dispatch.onMessage(handler);
    }

    /** Told the topic and size of each message dropped unread for being larger than {@code MAX_INBOUND_BYTES}. */
    public void onOversized(BiConsumer<String, Integer> handler) {
        dispatch.onOversized(handler);
    }

    /**
     * Central's verdicts on events (carried with their acknowledgements) go to these handlers before
     * the events are marked acknowledged; if one fails, the events stay unacknowledged and are sent again.
     */
    public void onVerdicts(VerdictHandler handler) {
        verdictHandlers.add(handler);
    }

    /**
     * Topics subscribed after every connect besides the store's own down topics (such as the fleet's
     * commands), at QoS 0. On NATS a QoS 1 subscription is a JetStream consumer that every message to
     * a thousand stores goes through; at QoS 0 the cluster fans the message out at once. A store
     * reconnects with a clean session, so QoS 1 would not bring it what was sent while it was away
     * either: the console sends that again on the store's own topic (QoS 1) when it comes back.
     */
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
        return new RelayStatus(current != null && current.isConnected(), inFlight.size(), published.get(),
                acknowledged.get(), resends.get(), dropped.get(), eventsPerSecond, lastContact,
                hold.isAfter(clock.instant()) ? Optional.of(hold) : Optional.empty(), refusedBecause);
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
                current.publish(Topics.status(settings.storeId()), claim.offline(), true);
            } catch (MqttException ignored) {
                // The broker is gone already; it will publish the will.
            }
            current.close();
        }
        dispatch.close();
    }

    private void run() {
        while (!closed) {
            try {
                if (link == null || !link.isConnected()) {
                    connectOrWait();
                    continue;
                }
                MqttLink.Signal signal = signals.poll(50, TimeUnit.MILLISECONDS);
                if (signal != null) {
                    List<MqttLink.Signal> waiting = new ArrayList<>();
                    waiting.add(signal);
                    signals.drainTo(waiting);
                    handle(waiting);
                }
                if (link != null && link.isConnected() && resendTimedOut()) {
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
            Optional<String> rival = claim.rival();
            if (rival.isPresent()) {
                if (!rival.equals(refusedBecause)) {
                    LOG.log(System.Logger.Level.ERROR, "relay stays off the broker: {0}", rival.get());
                }
                refusedBecause = rival;
                Thread.sleep(StoreClaim.RECHECK.toMillis());
                return;
            }
            refusedBecause = Optional.empty();
            // A random node first, so stores spread over a cluster's nodes, and one whose node died moves to another.
            MqttLink fresh = new MqttLink(settings.broker(), random.nextInt(settings.broker().nodes().size()),
                    "holdfast-" + settings.storeId(), this::route);
            fresh.connect(Topics.status(settings.storeId()), claim.offline());
            fresh.publish(Topics.status(settings.storeId()), claim.online(), true);
            // One subscription for all of the store's own down topics: acknowledgements go to the loop, the rest
            // (its commands, downstream streams) to the handlers. On NATS each QoS 1 subscription is a JetStream
            // consumer, made anew at every connect: at a thousand stores, their number is what counts.
            fresh.subscribe(List.of(Topics.allDown(settings.storeId())), 1);
            if (!extraSubscriptions.isEmpty()) {
                fresh.subscribe(List.copyOf(extraSubscriptions), 0);
            }
            link = fresh;
            backoff.reset();
            inFlight.clear();
            LOG.log(System.Logger.Level.INFO, "relay connected to {0}", fresh.node());
        } catch (MqttException e) {
            Duration wait = backoff.next();
            LOG.log(System.Logger.Level.WARNING, "relay cannot reach {0} ({1}, reason {2}{3}); trying again in {4} ms",
                    settings.broker(), e.getMessage(), e.getReasonCode(),
                    e.getCause() == null ? "" : ": " + e.getCause(), wait.toMillis());
            Thread.sleep(wait);
        }
    }

    /**
     * On Paho's reader: central's acknowledgements and a lost connection go to the loop, an oversized
     * message is dropped unread, and anything else goes to the inbound dispatch. Either may wait for room.
     */
    private void route(MqttLink.Signal signal) throws InterruptedException {
        if (signal instanceof MqttLink.Signal.Arrived arrived && !arrived.topic().equals(Topics.acks(settings.storeId()))) {
            if (arrived.payload().length > MAX_INBOUND_BYTES) {
                drop(arrived.topic(), "oversized (" + arrived.payload().length + " bytes)");
                dispatch.oversized(arrived.topic(), arrived.payload().length);
            } else {
                dispatch.message(arrived.topic(), arrived.payload());
            }
            return;
        }
        signals.put(signal);
    }

    /**
     * Everything that was waiting, in order: the acknowledgements among it are settled together, in
     * one transaction, and a lost connection after them drops the link.
     */
    private void handle(List<MqttLink.Signal> waiting) {
        List<Acknowledgement> acks = new ArrayList<>();
        for (MqttLink.Signal signal : waiting) {
            switch (signal) {
                case MqttLink.Signal.Lost lost -> {
                    acknowledge(acks);
                    acks.clear();
                    LOG.log(System.Logger.Level.WARNING, "relay connection lost: {0}", lost.reason());
                    dropLink();
                }
                case MqttLink.Signal.Arrived arrived -> {
                    if (arrived.payload().length > MAX_INBOUND_BYTES) {
                        drop(arrived.topic(), "oversized (" + arrived.payload().length + " bytes)");
                        continue;
                    }
                    try {
                        acks.add(Acknowledgement.parse(arrived.payload()));
                    } catch (IllegalArgumentException e) {
                        drop(Topics.acks(settings.storeId()), e.getMessage());
                    }
                }
            }
        }
        acknowledge(acks);
    }

    private void acknowledge(List<Acknowledgement> acks) {
        if (acks.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>();
        List<CentralVerdict> verdicts = new ArrayList<>();
        acks.forEach(ack -> {
            keys.addAll(ack.keys());
            verdicts.addAll(ack.verdicts());
        });
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
        inFlight.acknowledged(new HashSet<>(keys));
    }

    /**
     * Sends again, oldest first, the batches whose acknowledgement is overdue, within the rate: what
     * the store sends again counts against it as what it sends for the first time, so a central that
     * has fallen behind is not sent more than the rate allows, nor sooner than the doubled timeout.
     * Overdue batches go before new ones: central may be holding later events back until it has them.
     *
     * @return true when nothing overdue is left to send, so new batches may go
     */
    private boolean resendTimedOut() throws MqttException {
        for (BatchWindow.Batch batch : inFlight.due(clock.instant(), settings.ackTimeout())) {
            refillTokens();
            if (tokens < Math.min(batch.events().size(), eventsPerSecond)) {
                return false;
            }
            link.publish(Topics.events(settings.storeId()), batch.payload(), false);
            inFlight.resent(batch.id(), clock.instant());
            tokens -= batch.events().size();
            resends.incrementAndGet();
        }
        return true;
    }

    private void sendMore() throws MqttException {
        if (clock.instant().isBefore(holdUntil)) {
            return;
        }
        while (inFlight.size() < settings.window()) {
            refillTokens();
            int allowance = (int) Math.min(settings.batchEvents(), Math.floor(tokens));
            if (allowance < 1) {
                return;
            }
            List<PendingEvent> candidates = outbox.relayCandidates(drainable.get(), inFlight.sentUpTo(), allowance);
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
        byte[] payload = EventBatchMessage.encode(settings.storeId(), id, events);
        List<BatchWindow.Sent> sent = events.stream().map(e -> new BatchWindow.Sent(e.event().idempotencyKey(),
                e.event().capability(), e.sequence())).toList();
        link.publish(Topics.events(settings.storeId()), payload, false);
        published.addAndGet(sent.size());
        inFlight.sent(new BatchWindow.Batch(id, sent, payload, clock.instant()));
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

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
