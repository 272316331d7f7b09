package io.holdfast.sync;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.holdfast.audit.AuditLog;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.CapabilityStatus;
import io.holdfast.mode.ModeBoard;
import io.holdfast.mode.Notices;
import io.holdfast.outbox.Outbox;
import io.holdfast.outbox.OutboxUsage;
import io.holdfast.policy.InstalledPolicy;
import io.holdfast.policy.StorePolicies;
import io.holdfast.store.Database;
import io.holdfast.sync.command.CommandHandler;
import io.holdfast.sync.command.CommandSequences;
import io.holdfast.sync.command.CommandVerifier;
import io.holdfast.sync.command.TrustedKeys;
import io.holdfast.sync.downstream.DownstreamStreams;
import io.holdfast.sync.downstream.StreamApplier;
import io.holdfast.sync.downstream.StreamPosition;
import io.holdfast.sync.downstream.StreamPositions;

/**
 * The store's MQTT side, wired: the outbox relay (isolated capabilities do not drain), regional IT's
 * signed commands on the store's and the fleet's command topics, and the retained heartbeat with the
 * resync's progress. Without a configured broker it does nothing and reports so.
 */
public final class StoreSync implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StoreSync.class.getName());
    private static final ObjectMapper JSON = SyncJson.MAPPER;

    private final String storeId;
    private final SyncConfig config;
    private final ModeBoard board;
    private final Outbox outbox;
    private final Clock clock;
    private final ResyncMeter meter = new ResyncMeter();
    private final Optional<OutboxRelay> relay;
    private final Optional<CommandHandler> commands;
    private final DownstreamStreams streams;
    private final StorePolicies policies;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("heartbeat").factory());
    private final Map<String, Object> versions;
    private volatile ResyncProgress progress;
    private volatile java.util.function.Supplier<Map<String, Object>> updates = Map::of;
    private volatile java.util.function.Supplier<Map<String, Object>> offlineBudgets = Map::of;

    /** @param appliers the downstream streams the store follows, by name ({@code manifest}, {@code giftcards}) */
    public StoreSync(String storeId, SyncConfig config, Database database, ModeBoard board, Notices notices,
                     Outbox outbox, AuditLog audit, Map<String, StreamApplier> appliers, Clock clock) {
        this.storeId = storeId;
        this.config = config;
        this.board = board;
        this.outbox = outbox;
        this.clock = clock;
        this.policies = new StorePolicies(database, clock);
        this.relay = config.broker().map(broker -> new OutboxRelay(SyncSettings.defaults(broker, storeId)
                .withRate(config.eventsPerSecond()).withAckTimeout(config.ackTimeout())
                .withResyncSpread(config.resyncSpread()), outbox, this::drainable, clock, new SplittableRandom()));
        this.commands = relay.map(r -> new CommandHandler(new CommandVerifier(TrustedKeys.of(config.trustedKeys()),
                storeId, new CommandSequences(database), clock, config.commandSkew()), board, notices,
                policies, audit, clock, r::setEventsPerSecond, r::spreadResync));
        Map<String, StreamApplier> followed = new LinkedHashMap<>(appliers);
        // Policy rows are signed commands (REPLACE_POLICY): the stream carries them, the verifier decides.
        commands.ifPresent(handler -> followed.put("policy", rows -> rows.forEach(row ->
                handler.handle(row.getBytes(StandardCharsets.UTF_8)))));
        this.streams = new DownstreamStreams(followed, new StreamPositions(database), this::requestSnapshot, clock);
        String gateway = StoreSync.class.getPackage().getImplementationVersion();
        this.versions = Map.of("gateway", gateway == null ? "development" : gateway, "schema",
                database.schemaVersion());
        this.progress = meter.observe(clock.instant(), 0, outbox.backlog(), drainable());
    }

    /** Central's verdicts on events, with their acknowledgements (gift-card reconciliation). */
    public StoreSync onVerdicts(io.holdfast.outbox.VerdictHandler handler) {
        relay.ifPresent(r -> r.onVerdicts(handler));
        return this;
    }

    /** What the heartbeat says of gateway updates (the updater's report). */
    public StoreSync reportUpdates(java.util.function.Supplier<Map<String, Object>> report) {
        this.updates = report;
        return this;
    }

    /** What the heartbeat says of capabilities working through their offline budgets. */
    public StoreSync reportOfflineBudgets(java.util.function.Supplier<Map<String, Object>> report) {
        this.offlineBudgets = report;
        return this;
    }

    public StoreSync start() {
        relay.ifPresent(r -> {
            // The store's own commands and streams come on the relay's subscription to its down topics.
            r.subscribe(Topics.fleetCommands());
            r.onMessage(this::arrived);
            r.onOversized((topic, bytes) -> {
                if (isCommands(topic)) {
                    commands.orElseThrow().oversized(bytes);
                }
            });
            r.start();
            LOG.log(System.Logger.Level.INFO, "syncing with central through {0}; {1} trusted command keys",
                    config.broker().orElseThrow(), config.trustedKeys().size());
        });
        if (relay.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "no holdfast.sync.broker: events stay in the outbox until one is set");
        }
        long every = config.heartbeatEvery().toMillis();
        timer.scheduleWithFixedDelay(this::beat, 0, every, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
        commands.ifPresent(handler -> timer.scheduleWithFixedDelay(handler::summariseGarbage, 1, 1, TimeUnit.MINUTES));
        return this;
    }

    /** Each downstream stream's position: generation, sequence and snapshot progress. */
    public List<StreamPosition> streams() {
        return streams.progress();
    }

    /** The version of regional IT's policy in force; 0 before the first is installed. */
    public long policyVersion() {
        return policies.inForce().map(InstalledPolicy::version).orElse(0L);
    }

    public long commandsRefused() {
        return commands.map(CommandHandler::refusedCount).orElse(0L);
    }

    /** Of those, the ones nobody proved they sent: unreadable, unknown key, bad signature. */
    public long commandsUnauthenticated() {
        return commands.map(CommandHandler::unauthenticatedCount).orElse(0L);
    }

    public OutboxUsage outboxUsage() {
        return outbox.usage();
    }

    /** How the resync goes now: sampled as it is asked (the meter keeps at most four samples a second). */
    public ResyncProgress progress() {
        long acknowledged = relay.map(r -> r.status().eventsAcknowledged()).orElse(0L);
        progress = meter.observe(clock.instant(), acknowledged, outbox.backlog(), drainable());
        return progress;
    }

    public Optional<RelayStatus> relay() {
        return relay.map(OutboxRelay::status);
    }

    /** The retained heartbeat: mode, capability states, backlog, versions and last contact. */
    public Map<String, Object> heartbeat() {
        Map<String, Object> beat = new LinkedHashMap<>();
        beat.put("store", storeId);
        beat.put("online", true);
        beat.put("at", clock.instant().toString());
        relay.ifPresent(r -> beat.put("installation", r.installation()));
        beat.put("mode", board.storeMode().name());
        Map<String, Object> capabilities = new LinkedHashMap<>();
        for (CapabilityStatus status : board.all()) {
            capabilities.put(status.capability().name(), Map.of("state", status.state().name(),
                    "backlog", progress.backlog().getOrDefault(status.capability(), 0L)));
        }
        beat.put("capabilities", capabilities);
        beat.put("backlog", progress.total());
        beat.put("outboxFull", Math.round(outbox.usage().fraction() * 1000) / 10.0);
        beat.put("eventsPerSecond", Math.round(progress.eventsPerSecond()));
        progress.timeLeft().ifPresent(left -> beat.put("secondsLeft", left.toSeconds()));
        beat.put("versions", versions);
        beat.put("update", updates.get());
        beat.put("offlineBudgets", offlineBudgets.get());
        relay().flatMap(RelayStatus::lastContact).ifPresent(at -> beat.put("lastContact", at.toString()));
        return beat;
    }

    private boolean isCommands(String topic) {
        return topic.equals(Topics.commands(storeId)) || topic.equals(Topics.fleetCommands());
    }

    private void arrived(String topic, byte[] payload) {
        if (isCommands(topic)) {
            commands.orElseThrow().handle(payload);
        } else {
            streams.handle(topic.substring(topic.lastIndexOf('/') + 1), payload);
        }
    }

    /** Events central acknowledged longer ago than the retention are done with; unacknowledged ones never go. */
    private void purge() {
        try {
            int purged = outbox.purgeAcknowledged(clock.instant().minus(config.retention()));
            if (purged > 0) {
                LOG.log(System.Logger.Level.INFO, "purged {0} events central acknowledged more than {1} ago", purged,
                        config.retention());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "purging acknowledged events failed; next try in an hour", e);
        }
    }

    private void requestSnapshot(String stream, String why) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("store", storeId);
        request.put("type", "SNAPSHOT");
        request.put("stream", stream);
        request.put("reason", why);
        request.put("at", clock.instant().toString());
        relay.ifPresent(r -> r.publish(Topics.requests(storeId), json(request), false));
    }

    private Set<Capability> drainable() {
        Set<Capability> drainable = EnumSet.noneOf(Capability.class);
        for (CapabilityStatus status : board.all()) {
            if (status.state() != CapabilityState.ISOLATED) {
                drainable.add(status.capability());
            }
        }
        return drainable;
    }

    private void beat() {
        try {
            long acknowledged = relay.map(r -> r.status().eventsAcknowledged()).orElse(0L);
            progress = meter.observe(clock.instant(), acknowledged, outbox.backlog(), drainable());
            relay.ifPresent(r -> r.publish(Topics.status(storeId), json(heartbeat()), true));
            OutboxUsage usage = outbox.usage();
            if (usage.alarm()) {
                LOG.log(System.Logger.Level.WARNING, "the outbox is {0}% full ({1} of {2} bytes): central must take"
                                + " the backlog before the store has to refuse new work",
                        Math.round(usage.fraction() * 100), usage.usedBytes(), usage.capacityBytes());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "heartbeat failed; next one in {0}", config.heartbeatEvery());
        }
    }

    private static byte[] json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a map of text and numbers as JSON", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        relay.ifPresent(OutboxRelay::close);
    }
}
