package io.holdfast.mode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.holdfast.audit.AuditLog;
import io.holdfast.store.Database;
import io.holdfast.store.SqlWork;
import io.holdfast.store.Timestamps;

/**
 * The mode board: each capability's state, since when and why. Central failing degrades a
 * capability at once; coming back needs central to have answered steadily for a minimum hold, so a
 * flapping service stays degraded instead of thrashing. Isolation is on purpose and only lifted by
 * whoever may; restoration leads to ONLINE only once the capability's backlog has drained. Every
 * transition is persisted (an isolation survives a restart) and audited in the same transaction,
 * then told to the listeners.
 */
public final class ModeBoard {

    /** How long a degraded capability must see central answer before it is online again. */
    public static final Duration DEFAULT_MINIMUM_HOLD = Duration.ofSeconds(30);
    public static final String GATEWAY = "gateway";

    private final Database database;
    private final Clock clock;
    private final Duration minimumHold;
    private final Map<Capability, CapabilityStatus> states = new EnumMap<>(Capability.class);
    /** What readers see: a copy of {@link #states} made under the lock, read without it. */
    private volatile Map<Capability, CapabilityStatus> published = Map.of();
    private final Map<Capability, Instant> lastFailure = new EnumMap<>(Capability.class);
    private final List<Consumer<Transition>> listeners = new CopyOnWriteArrayList<>();
    private final List<Transition> recent = new ArrayList<>();
    private final ArrayDeque<Transition> undelivered = new ArrayDeque<>();
    private final ReentrantLock delivering = new ReentrantLock();

    public ModeBoard(Database database, Clock clock, Duration minimumHold) {
        this.database = database;
        this.clock = clock;
        this.minimumHold = minimumHold;
        Instant now = clock.instant();
        for (Capability capability : Capability.values()) {
            states.put(capability, new CapabilityStatus(capability, CapabilityState.ONLINE, now,
                    "central has not been asked yet", Optional.empty()));
        }
        database.read("load the mode board", this::load);
        publish();
    }

    public void addListener(Consumer<Transition> listener) {
        listeners.add(listener);
    }

    /** A capability's state now; read without the board's lock, so any thread may ask at any time. */
    public CapabilityStatus status(Capability capability) {
        return published.get(capability);
    }

    public List<CapabilityStatus> all() {
        return List.copyOf(new EnumMap<>(published).values());
    }

    public StoreMode storeMode() {
        return StoreMode.of(published.values());
    }

    public boolean isIsolated(Capability capability) {
        return status(capability).state() == CapabilityState.ISOLATED;
    }

    /**
     * Runs {@code work} in one store transaction under the board's lock: isolations and
     * restorations it makes commit with the rest of its writes or not at all (a signed command's
     * claim, its effect and its audit entry). If the transaction rolls back, so does the board.
     */
    public <T> T inTransaction(String operation, SqlWork<T> work) {
        T result;
        synchronized (this) {
            Map<Capability, CapabilityStatus> before = new EnumMap<>(states);
            int recentBefore = recent.size();
            int undeliveredBefore = undelivered.size();
            try {
                result = database.inTransaction(operation, work);
            } catch (RuntimeException e) {
                states.putAll(before);
                while (recent.size() > recentBefore) {
                    recent.removeLast();
                }
                while (undelivered.size() > undeliveredBefore) {
                    undelivered.removeLast();
                }
                publish();
                throw e;
            }
        }
        deliver();
        return result;
    }

    private void publish() {
        published = Map.copyOf(states);
    }

    /** The latest transitions, newest first. */
    public synchronized List<Transition> recentTransitions() {
        return List.copyOf(recent.reversed());
    }

    /**
     * What the gateway saw of central for a capability. Failing degrades an online capability at
     * once; answering brings a degraded one back only after the minimum hold without failures.
     */
    public BoardDecision centralObserved(Capability capability, boolean answering, String why) {
        BoardDecision decision;
        synchronized (this) {
            Instant now = clock.instant();
            CapabilityStatus current = states.get(capability);
            if (!answering) {
                lastFailure.put(capability, now);
            }
            switch (current.state()) {
                case ONLINE -> {
                    if (answering) {
                        return new BoardDecision.Unchanged("already online");
                    }
                    decision = apply(List.of(new Transition(capability, CapabilityState.ONLINE,
                            CapabilityState.DEGRADED, now, GATEWAY, why)), Optional.empty());
                }
                case DEGRADED -> {
                    if (!answering) {
                        return new BoardDecision.Unchanged("already degraded");
                    }
                    Instant steadySince = later(current.since(), lastFailure.getOrDefault(capability, current.since()));
                    Duration steady = Duration.between(steadySince, now);
                    if (steady.compareTo(minimumHold) < 0) {
                        return new BoardDecision.Unchanged("central has answered for " + steady.toSeconds()
                                + " s; online again after " + minimumHold.toSeconds() + " s without failures");
                    }
                    decision = apply(List.of(new Transition(capability, CapabilityState.DEGRADED,
                            CapabilityState.ONLINE, now, GATEWAY, "central has answered for " + steady.toSeconds() + " s")),
                            Optional.empty());
                }
                default -> {
                    return new BoardDecision.Unchanged(capability + " is " + current.state()
                            + "; only isolation and restoration move it");
                }
            }
        }
        deliver();
        return decision;
    }

    /**
     * One call to central failed. It moves nothing by itself (the breaker decides when central is
     * off), but a degraded capability's recovery starts again from now.
     */
    public synchronized void centralCallFailed(Capability capability) {
        lastFailure.put(capability, clock.instant());
    }

    /** Cuts capabilities off on purpose: their breakers are forced open and central is not contacted. */
    public BoardDecision isolate(Collection<Capability> capabilities, IsolationSource source, String actor,
                                 String reason) {
        List<Transition> transitions = new ArrayList<>();
        BoardDecision decision;
        synchronized (this) {
            Instant now = clock.instant();
            for (Capability capability : capabilities) {
                CapabilityStatus current = states.get(capability);
                boolean alreadyBySameOrStronger = current.state() == CapabilityState.ISOLATED
                        && (current.isolatedBy().orElseThrow() == source || source == IsolationSource.STORE_MANAGER);
                if (!alreadyBySameOrStronger) {
                    transitions.add(new Transition(capability, current.state(), CapabilityState.ISOLATED, now, actor,
                            reason));
                }
            }
            if (transitions.isEmpty()) {
                return new BoardDecision.Unchanged("already isolated");
            }
            decision = apply(transitions, Optional.of(source));
        }
        deliver();
        return decision;
    }

    /**
     * Lifts isolation: each capability goes to RESTORING, where its backlog drains before it is
     * online. The store manager may lift only what the store manager set.
     */
    public BoardDecision restore(Collection<Capability> capabilities, IsolationSource source, String actor,
                                 String reason) {
        List<Transition> transitions = new ArrayList<>();
        BoardDecision decision;
        synchronized (this) {
            Instant now = clock.instant();
            for (Capability capability : capabilities) {
                CapabilityStatus current = states.get(capability);
                if (current.state() != CapabilityState.ISOLATED) {
                    continue;
                }
                if (source == IsolationSource.STORE_MANAGER
                        && current.isolatedBy().orElseThrow() == IsolationSource.REGIONAL_IT) {
                    return new BoardDecision.Refused(capability + " was isolated by regional IT; only regional IT"
                            + " can restore it.");
                }
                transitions.add(new Transition(capability, CapabilityState.ISOLATED, CapabilityState.RESTORING, now,
                        actor, reason));
            }
            if (transitions.isEmpty()) {
                return new BoardDecision.Unchanged("not isolated");
            }
            decision = apply(transitions, Optional.empty());
        }
        deliver();
        return decision;
    }

    /**
     * A restoring capability becomes online once central answers and has acknowledged every event
     * of that capability the store queued.
     */
    public BoardDecision backlogObserved(Capability capability, long unacknowledged, boolean centralAnswering) {
        BoardDecision decision;
        synchronized (this) {
            CapabilityStatus current = states.get(capability);
            if (current.state() != CapabilityState.RESTORING) {
                return new BoardDecision.Unchanged(capability + " is not restoring");
            }
            if (unacknowledged > 0) {
                return new BoardDecision.Unchanged(unacknowledged + " events still to be acknowledged by central");
            }
            if (!centralAnswering) {
                return new BoardDecision.Unchanged("central is not answering yet");
            }
            decision = apply(List.of(new Transition(capability, CapabilityState.RESTORING, CapabilityState.ONLINE,
                    clock.instant(), GATEWAY, "backlog drained and central answering")), Optional.empty());
        }
        deliver();
        return decision;
    }

    /**
     * Saves and applies transitions decided from the current state, under the board's lock: decided,
     * saved and applied in one step, so a breaker opening just as regional IT isolates cannot leave
     * the later decision applied first. Listeners are told afterwards, in order, by {@link #deliver}.
     */
    private BoardDecision apply(List<Transition> transitions, Optional<IsolationSource> isolatedBy) {
        assert Thread.holdsLock(this);
        database.inTransaction("record " + transitions.size() + " mode transitions", connection -> {
            for (Transition t : transitions) {
                persist(connection, t, isolatedBy);
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("from", t.from());
                detail.put("to", t.to());
                detail.put("reason", t.reason());
                isolatedBy.ifPresent(source -> detail.put("source", source));
                AuditLog.append(connection, t.at(), t.actor(), "capability." + t.to().name().toLowerCase(java.util.Locale.ROOT),
                        t.capability().name(), detail);
            }
            return null;
        });
        for (Transition t : transitions) {
            states.put(t.capability(), new CapabilityStatus(t.capability(), t.to(), t.at(), t.reason(),
                    t.to() == CapabilityState.ISOLATED ? isolatedBy : Optional.empty()));
            recent.add(t);
            undelivered.add(t);
        }
        while (recent.size() > 50) {
            recent.removeFirst();
        }
        publish();
        return new BoardDecision.Changed(transitions);
    }

    /**
     * Tells the listeners of every applied transition not yet told, in the order they were applied,
     * outside the board's lock (a listener may publish over the network or ask the board again).
     */
    private void deliver() {
        if (Thread.holdsLock(this)) {
            return; // inside inTransaction: told once it commits
        }
        delivering.lock();
        try {
            while (true) {
                Transition next;
                synchronized (this) {
                    next = undelivered.poll();
                }
                if (next == null) {
                    return;
                }
                listeners.forEach(listener -> listener.accept(next));
            }
        } finally {
            delivering.unlock();
        }
    }

    private static void persist(Connection connection, Transition t, Optional<IsolationSource> isolatedBy)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO capability_states (capability, state, since, reason, isolated_by) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (capability) DO UPDATE SET state = excluded.state, since = excluded.since,
                    reason = excluded.reason, isolated_by = excluded.isolated_by""")) {
            upsert.setString(1, t.capability().name());
            upsert.setString(2, t.to().name());
            upsert.setString(3, Timestamps.format(t.at()));
            upsert.setString(4, t.reason());
            upsert.setString(5, t.to() == CapabilityState.ISOLATED ? isolatedBy.map(Enum::name).orElse(null) : null);
            upsert.executeUpdate();
        }
    }

    /**
     * Isolated and restoring states are restored from the store file; degraded ones start online
     * again, because the breakers start afresh and will say so within seconds.
     */
    private Void load(Connection connection) throws SQLException {
        try (var statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                "SELECT capability, state, since, reason, isolated_by FROM capability_states")) {
            while (row.next()) {
                CapabilityState state = CapabilityState.valueOf(row.getString(2));
                if (state == CapabilityState.ISOLATED || state == CapabilityState.RESTORING) {
                    Capability capability = Capability.valueOf(row.getString(1));
                    states.put(capability, new CapabilityStatus(capability, state, Instant.parse(row.getString(3)),
                            row.getString(4), Optional.ofNullable(row.getString(5)).map(IsolationSource::valueOf)));
                }
            }
        }
        return null;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
