package io.holdfast.regional.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The fleet as its heartbeats tell it, in memory: one row per registered store, each stamped with
 * the version of the view that last changed it, so a page asks only for what changed since it last
 * looked. A store is offline when its last will arrived or it has not been heard for
 * {@code lateAfter} (a sweep re-stamps stores that went quiet).
 */
public final class FleetView {

    /** One store as the page shows it. */
    public record Row(RegisteredStore store, Optional<StoreReport> report, boolean late, long version) {

        public boolean offline() {
            return report.map(r -> !r.online()).orElse(true) || late;
        }
    }

    /** What the top of the page counts. */
    public record Totals(int stores, Map<String, Integer> modes, int offline, int isolated, long backlog,
                         long eventsPerSecond, int flagged) {
    }

    private final FleetRegister register;
    private final Clock clock;
    private final Duration lateAfter;
    private final Map<String, Row> rows = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private final Map<Heartbeat.Rejection, AtomicLong> rejected = new EnumMap<>(Heartbeat.Rejection.class);
    private final List<BiConsumer<Optional<StoreReport>, StoreReport>> observers = new CopyOnWriteArrayList<>();

    public FleetView(FleetRegister register, Clock clock, Duration lateAfter) {
        this.register = register;
        this.clock = clock;
        this.lateAfter = lateAfter;
        for (Heartbeat.Rejection why : Heartbeat.Rejection.values()) {
            rejected.put(why, new AtomicLong());
        }
        long first = version.incrementAndGet();
        register.all().forEach(store -> rows.put(store.id(), new Row(store, Optional.empty(), false, first)));
    }

    public FleetRegister register() {
        return register;
    }

    /** Called with (what the store said before, what it says now) for every report accepted. */
    public void observe(BiConsumer<Optional<StoreReport>, StoreReport> observer) {
        observers.add(observer);
    }

    /** A message on a store's status topic. */
    public Heartbeat.Reading receive(String store, byte[] payload) {
        Optional<StoreReport> before = report(store);
        Heartbeat.Reading reading = Heartbeat.read(store, payload, register, clock.instant(), before);
        switch (reading) {
            case Heartbeat.Reading.Rejected refused -> rejected.get(refused.why()).incrementAndGet();
            case Heartbeat.Reading.Report accepted -> {
                StoreReport now = accepted.report();
                rows.compute(store, (id, row) -> new Row(row.store(), Optional.of(now), false, version.incrementAndGet()));
                observers.forEach(observer -> observer.accept(before, now));
            }
        }
        return reading;
    }

    /** Re-stamps stores that went quiet past {@code lateAfter}, so pages see them go offline. */
    public int sweep() {
        Instant cutoff = clock.instant().minus(lateAfter);
        int changed = 0;
        for (Row row : rows.values()) {
            boolean late = row.report().map(r -> r.online() && r.heardAt().isBefore(cutoff)).orElse(false);
            if (late != row.late()) {
                rows.computeIfPresent(row.store().id(), (id, current) -> new Row(current.store(), current.report(), late,
                        version.incrementAndGet()));
                changed++;
            }
        }
        return changed;
    }

    public long version() {
        return version.get();
    }

    public Optional<StoreReport> report(String store) {
        return Optional.ofNullable(rows.get(store)).flatMap(Row::report);
    }

    public Optional<Row> row(String store) {
        return Optional.ofNullable(rows.get(store));
    }

    /** Rows changed after {@code since}, in register order. */
    public List<Row> changedSince(long since) {
        List<Row> changed = new ArrayList<>();
        for (RegisteredStore store : register.all()) {
            Row row = rows.get(store.id());
            if (row.version() > since) {
                changed.add(row);
            }
        }
        return changed;
    }

    public List<Row> rows() {
        return changedSince(0);
    }

    public Map<Heartbeat.Rejection, Long> rejected() {
        Map<Heartbeat.Rejection, Long> counts = new EnumMap<>(Heartbeat.Rejection.class);
        rejected.forEach((why, count) -> counts.put(why, count.get()));
        return counts;
    }

    public Totals totals() {
        Map<String, Integer> modes = new java.util.TreeMap<>();
        int offline = 0;
        int isolated = 0;
        int flagged = 0;
        long backlog = 0;
        long rate = 0;
        for (Row row : rows.values()) {
            if (row.offline()) {
                offline++;
            }
            if (row.report().isEmpty()) {
                modes.merge("UNKNOWN", 1, Integer::sum);
                continue;
            }
            StoreReport report = row.report().get();
            modes.merge(report.mode(), 1, Integer::sum);
            if (report.mode().equals("ISOLATED")) {
                isolated++;
            }
            if (!report.flags().isEmpty()) {
                flagged++;
            }
            backlog += Math.max(0, report.backlog());
            rate += report.online() ? report.eventsPerSecond() : 0;
        }
        return new Totals(rows.size(), modes, offline, isolated, backlog, rate, flagged);
    }
}
