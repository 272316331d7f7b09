package io.holdfast.gateway.central;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.holdfast.order.ManifestImport;

/**
 * Keeps the store's order manifest current from central: the whole manifest first, then the
 * changes since the last sequence, on a fixed period. When central cannot answer, the desk goes on
 * with the copy it has. (The MQTT stream replaces the polling with the sync issue.)
 */
public final class ManifestSync implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ManifestSync.class.getName());

    private final HttpCentralOrders central;
    private final ManifestImport manifest;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("manifest-sync").factory());
    private static final Duration RETRY_FIRST = Duration.ofSeconds(1);
    private volatile OptionalLong sequence = OptionalLong.empty();
    private volatile Duration period = Duration.ofSeconds(60);
    private int failures;

    public ManifestSync(HttpCentralOrders central, ManifestImport manifest) {
        this.central = central;
        this.manifest = manifest;
    }

    /**
     * Fetches once now, then every {@code period}; after a failure it tries again sooner, from 1 s
     * doubling up to the period.
     */
    public ManifestSync start(Duration period) {
        this.period = period;
        timer.schedule(this::refreshAndReschedule, 0, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One refresh; answers whether central answered. */
    public boolean refresh() {
        return switch (central.manifest(sequence)) {
            case CapabilityGuard.Result.Answered<HttpCentralOrders.Manifest> answered -> {
                ManifestImport.Report report = manifest.apply(answered.value().orders());
                sequence = OptionalLong.of(answered.value().sequence());
                if (report.added() + report.updated() + report.conflicts() + report.expired() > 0) {
                    LOG.log(System.Logger.Level.INFO,
                            "manifest from central: {0} added, {1} updated, {2} conflicts, {3} past pickup-by and expired",
                            report.added(), report.updated(), report.conflicts(), report.expired());
                }
                yield true;
            }
            case CapabilityGuard.Result.Failed<HttpCentralOrders.Manifest> failed -> {
                LOG.log(System.Logger.Level.WARNING, "manifest not refreshed: {0}", failed.reason());
                yield false;
            }
        };
    }

    private void refreshAndReschedule() {
        boolean answered = false;
        try {
            answered = refresh();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "manifest refresh failed", e);
        }
        failures = answered ? 0 : failures + 1;
        Duration next = answered ? period : RETRY_FIRST.multipliedBy(1L << Math.min(failures - 1, 16));
        if (next.compareTo(period) > 0) {
            next = period;
        }
        if (!timer.isShutdown()) {
            timer.schedule(this::refreshAndReschedule, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
