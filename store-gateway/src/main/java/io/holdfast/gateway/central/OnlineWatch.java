package io.holdfast.gateway.central;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.holdfast.gateway.config.CentralEndpoints;
import io.holdfast.gateway.config.ResilienceSettings;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.ModeBoard;

/**
 * Notices central failing before a customer does. Each capability has a virtual thread that asks
 * central's health endpoint every {@code holdfast.mode.watch-every}, with a timeout of its own (the
 * guard's slow-call threshold): no answer, a refused connection, a 5xx or a slow answer is told to
 * the capability's guard, which switches the capability off through the mode board and opens its
 * breaker. It watches ONLINE and DEGRADED capabilities: a degraded one's failures start its minimum
 * hold again, so a flapping central stays degraded ({@link CentralProbe} brings it back). Isolated
 * and restoring capabilities are left alone. Real calls are not touched.
 */
public final class OnlineWatch implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OnlineWatch.class.getName());
    /**
     * The first check after start-up makes the first connection from a cold process; it may take this
     * long before it counts as slow, so a store does not start degraded (and with contactless off) for
     * a minimum hold because its own code was not warm yet.
     */
    static final Duration FIRST_CHECK = Duration.ofSeconds(2);

    private final ResilienceSettings settings;
    private final ModeBoard board;
    private final CentralGuards guards;
    private final CentralHealth health;
    private final List<Thread> watchers = new ArrayList<>();
    private volatile boolean closed;

    public OnlineWatch(CentralEndpoints endpoints, ResilienceSettings settings, ModeBoard board, CentralGuards guards) {
        this.settings = settings;
        this.board = board;
        this.guards = guards;
        this.health = new CentralHealth(endpoints);
    }

    public OnlineWatch start() {
        if (settings.watchEvery().isZero()) {
            return this;
        }
        for (Capability capability : Capability.values()) {
            watchers.add(Thread.ofVirtual().name("online-watch-" + CentralEndpoints.key(capability))
                    .start(() -> watch(capability)));
        }
        return this;
    }

    private void watch(Capability capability) {
        Duration timeout = FIRST_CHECK;
        while (!closed) {
            try {
                CapabilityState state = board.status(capability).state();
                // Online: a failure degrades. Degraded: a failure starts the minimum hold again, even while the
                // breaker is open and the guarded probe learns nothing, so a flapping central stays degraded.
                if (state == CapabilityState.ONLINE || state == CapabilityState.DEGRADED) {
                    health.check(capability, timeout).ifPresent(why -> guards.guard(capability).healthCheckFailed("health check: " + why));
                    timeout = settings.guard(capability).slowCallThreshold();
                }
                Thread.sleep(settings.watchEvery());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "watching central {0} failed: {1}", capability, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        watchers.forEach(Thread::interrupt);
    }
}
