package io.holdfast.gateway.central;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.holdfast.gateway.config.CentralEndpoints;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.CapabilityStatus;
import io.holdfast.mode.ModeBoard;
import io.holdfast.outbox.Outbox;

/**
 * Finds out when central is back. Every few seconds, each capability that is degraded or
 * restoring asks central's health endpoint through its guard (so the breaker probes too); a
 * restoring capability then checks its backlog, and becomes online once it is empty.
 * Isolated capabilities are never probed: their guards refuse every call.
 */
public final class CentralProbe implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CentralProbe.class.getName());

    private final CentralGuards guards;
    private final ModeBoard board;
    private final Outbox outbox;
    private final CentralHealth health;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("central-probe").factory());

    public CentralProbe(CentralEndpoints endpoints, CentralGuards guards, ModeBoard board, Outbox outbox) {
        this.health = new CentralHealth(endpoints);
        this.guards = guards;
        this.board = board;
        this.outbox = outbox;
    }

    public CentralProbe start(Duration every) {
        timer.scheduleWithFixedDelay(this::probeQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One round: probe what is degraded or restoring, and move restoring ones on when their backlog is empty. */
    public void probe() {
        for (CapabilityStatus status : board.all()) {
            Capability capability = status.capability();
            if (status.state() == CapabilityState.DEGRADED || status.state() == CapabilityState.RESTORING) {
                guards.guard(capability).call(() -> health(capability));
            }
            if (status.state() == CapabilityState.RESTORING) {
                board.backlogObserved(capability, outbox.backlog().get(capability), guards.answering(capability));
            }
        }
    }

    /** The guard bounds the call with the capability's budget; this timeout only stops a check it abandoned. */
    private Boolean health(Capability capability) throws InterruptedException, CentralFailure {
        Optional<String> failed = health.check(capability, Duration.ofSeconds(5));
        if (failed.isPresent()) {
            throw new CentralFailure(failed.get());
        }
        return true;
    }

    private void probeQuietly() {
        try {
            probe();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "probing central failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
