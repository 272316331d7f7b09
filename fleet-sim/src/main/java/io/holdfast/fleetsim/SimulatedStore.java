package io.holdfast.fleetsim;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.holdfast.audit.AuditLog;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.CapabilityStatus;
import io.holdfast.mode.ModeBoard;
import io.holdfast.mode.Notices;
import io.holdfast.outbox.Outbox;
import io.holdfast.outbox.OutboxEvent;
import io.holdfast.release.ReleaseAnnouncement;
import io.holdfast.release.UpdateOrders;
import io.holdfast.release.UpdateState;
import io.holdfast.release.UpdateStates;
import io.holdfast.release.UpdateStatus;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;
import io.holdfast.sync.StoreSync;
import io.holdfast.sync.SyncConfig;

/**
 * One store of a simulated fleet: the gateway's own sync code (outbox in its own SQLite file, relay,
 * signed-command verifier and handler, mode board, retained heartbeat and last will), without the
 * HTTP server and devices. Work is added straight to the outbox, as the desk would add it.
 */
public final class SimulatedStore implements AutoCloseable {

    private final String id;
    private final Database database;
    private final ModeBoard board;
    private final Outbox outbox;
    private final StoreSync sync;
    private final Clock clock;
    private final UpdateOrders orders;
    private final UpdateStates updates;

    SimulatedStore(String id, Database database, SyncConfig config, Clock clock) {
        this.id = id;
        this.database = database;
        this.clock = clock;
        this.board = new ModeBoard(database, clock, Duration.ZERO);
        this.outbox = new Outbox(database);
        this.orders = new UpdateOrders(database);
        this.updates = new UpdateStates(database);
        this.sync = new StoreSync(id, config, database, board, new Notices(database, clock), outbox,
                new AuditLog(database), Map.of(), clock).reportUpdates(this::updateReport);
    }

    private Map<String, Object> updateReport() {
        UpdateStatus status = updates.current();
        return Map.of("state", status.state().name(), "version", status.version(), "detail", status.detail(),
                "running", "simulated");
    }

    /**
     * Takes the newest release announced (by a signed UPDATE_AVAILABLE, which the real command
     * handler recorded) to the outcome {@code behaviour} chose; a FREEZE in force holds it waiting
     * unless it is urgent. The version is the bundle's name without {@code holdfast-} and {@code .zip}.
     */
    void settleRelease(ReleaseBehaviour behaviour) {
        Optional<ReleaseAnnouncement> next = orders.next();
        if (next.isEmpty()) {
            return;
        }
        ReleaseAnnouncement release = next.get();
        String version = release.bundle().replaceFirst("^holdfast-", "").replaceFirst("\\.zip$", "");
        boolean frozen = orders.freezeUntil().map(until -> until.isAfter(clock.instant())).orElse(false);
        ReleaseBehaviour.Outcome outcome = frozen && !release.urgent() ? ReleaseBehaviour.Outcome.WAITING
                : behaviour.outcome(id, release.release());
        switch (outcome) {
            case WAITING -> updates.move(UpdateState.WAITING, version, frozen ? "a FREEZE is in force"
                    : "waiting for the maintenance window", clock.instant());
            case INSTALLED -> {
                updates.move(UpdateState.INSTALLED, version, "passed its health check (simulated)", clock.instant());
                orders.handled(release);
            }
            case ROLLED_BACK -> {
                updates.move(UpdateState.ROLLED_BACK, version, "failed its health check (simulated): switched back",
                        clock.instant());
                orders.handled(release);
            }
        }
    }

    SimulatedStore start() {
        sync.start();
        return this;
    }

    public String id() {
        return id;
    }

    public ModeBoard board() {
        return board;
    }

    public CapabilityState state(Capability capability) {
        return board.all().stream().filter(status -> status.capability() == capability)
                .map(CapabilityStatus::state).findFirst().orElseThrow();
    }

    /** Events not yet acknowledged by central, all capabilities. */
    public long backlog() {
        return outbox.backlog().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * When the store accepted the command {@code commandId}: its clock's time as it began to obey,
     * inside the transaction that then commits the command's effect. Empty if it has not (yet).
     */
    public Optional<Instant> accepted(String commandId) {
        return database.read("when command " + commandId + " was accepted", connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT accepted_at FROM command_sequences WHERE command_id = ?")) {
                query.setString(1, commandId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(Timestamps.parse(rows.getString(1))) : Optional.<Instant>empty();
                }
            }
        });
    }

    /** Whether the store's relay is connected to the broker now. */
    public boolean connected() {
        return sync.relay().map(status -> status.connected()).orElse(false);
    }

    /** What the store's heartbeat would say now. */
    public Map<String, Object> heartbeat() {
        return sync.heartbeat();
    }

    /** Records {@code events} pieces of work for {@code capability}, each with its outbox event, in one transaction. */
    public void work(Capability capability, int events) {
        database.inTransaction("simulated work at store " + id, connection -> {
            for (int i = 0; i < events; i++) {
                outbox.append(connection, new OutboxEvent(UUID.randomUUID().toString(), capability, "simulated-sale",
                        id + "-" + capability.name().toLowerCase(java.util.Locale.ROOT), clock.instant(),
                        "{\"store\":\"" + id + "\"}"));
            }
            return null;
        });
    }

    /**
     * What the gateway's probe does for a restoring capability: online once central acknowledged
     * everything it queued. Central answers when the relay is connected (the simulated store has no
     * HTTP services to probe).
     */
    void settleRestoring() {
        boolean answering = connected();
        Map<Capability, Long> backlog = outbox.backlog();
        for (CapabilityStatus status : board.all()) {
            if (status.state() == CapabilityState.RESTORING) {
                board.backlogObserved(status.capability(), backlog.getOrDefault(status.capability(), 0L), answering);
            }
        }
    }

    @Override
    public void close() {
        sync.close();
        database.close();
    }
}
