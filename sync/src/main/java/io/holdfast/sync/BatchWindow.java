package io.holdfast.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.holdfast.mode.Capability;

/**
 * The batches the relay has sent and central has not yet acknowledged, oldest first. The relay's
 * loop changes it; the status page reads its size from other threads, so every method holds its lock.
 */
final class BatchWindow {

    /** One event in a batch: its key, and where it stands in its capability's sequence. */
    record Sent(String key, Capability capability, long sequence) {
    }

    /**
     * One batch in flight: its events still waiting for central, and its message, sent again whole.
     *
     * @param resends how often it was sent again; each time it waits twice as long for central
     */
    record Batch(String id, List<Sent> events, byte[] payload, Instant sentAt, int resends) {
        Batch {
            events = List.copyOf(events);
        }

        Batch(String id, List<Sent> events, byte[] payload, Instant sentAt) {
            this(id, events, payload, sentAt, 0);
        }

        /** The timeout doubled for each resend, at most eight times: a central that is behind is not sent more. */
        Instant dueAt(Duration timeout) {
            return sentAt.plus(timeout.multipliedBy(1L << Math.min(resends, MAX_DOUBLINGS)));
        }
    }

    private static final int MAX_DOUBLINGS = 3;

    private final Map<String, Batch> batches = new LinkedHashMap<>();

    synchronized int size() {
        return batches.size();
    }

    synchronized void sent(Batch batch) {
        batches.put(batch.id(), batch);
    }

    /**
     * Central has these events. It may acknowledge a batch's events in several messages (an event waits
     * there for its predecessor); a batch leaves the window when all of its events are done.
     */
    synchronized void acknowledged(Set<String> keys) {
        batches.replaceAll((id, batch) -> new Batch(id,
                batch.events().stream().filter(sent -> !keys.contains(sent.key())).toList(), batch.payload(),
                batch.sentAt(), batch.resends()));
        batches.values().removeIf(batch -> batch.events().isEmpty());
    }

    /**
     * The batches central has not acknowledged in time, oldest first: {@code timeout} after they were
     * sent, doubled for each time they were sent again already.
     */
    synchronized List<Batch> due(Instant now, Duration timeout) {
        return batches.values().stream().filter(batch -> batch.dueAt(timeout).isBefore(now)).toList();
    }

    /** The batch was sent again at {@code now}. */
    synchronized void resent(String id, Instant now) {
        batches.computeIfPresent(id, (key, batch) -> new Batch(id, batch.events(), batch.payload(), now,
                batch.resends() + 1));
    }

    /**
     * Per capability, the highest sequence in flight. The relay sends each capability's events in
     * sequence order, so everything unacknowledged up to it is in the window already.
     */
    synchronized Map<Capability, Long> sentUpTo() {
        Map<Capability, Long> upTo = new EnumMap<>(Capability.class);
        batches.values().forEach(batch -> batch.events()
                .forEach(sent -> upTo.merge(sent.capability(), sent.sequence(), Math::max)));
        return upTo;
    }

    /** A new connection: nothing is in flight on it, and the outbox sends everything unacknowledged again. */
    synchronized void clear() {
        batches.clear();
    }
}
