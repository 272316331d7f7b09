package io.holdfast.central.mqtt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.holdfast.central.SimJson;
import io.holdfast.central.books.CentralBooks;

/**
 * Central's record of what each store sent, applied once each. An event is applied only after the
 * event its store wrote before it in the same capability ({@code previous}); one that arrives first
 * waits, unacknowledged, until its predecessor comes. What it applied is written to central's
 * {@link CentralBooks} with the batch that brought it, and read back when it starts, so it outlives
 * a consumer crash and a restart of the simulator; what waits is in memory, and stores send it again.
 * When several consumers share the books, the books decide: an event's predecessor another consumer
 * applied is found there, and an event it applied first is refused there as a duplicate.
 */
final class CentralLedger {

    private final Map<String, List<AppliedEvent>> appliedByStore = new HashMap<>();
    private final Map<String, Set<Long>> appliedSequences = new HashMap<>();
    private final Map<String, Set<String>> appliedKeys = new HashMap<>();
    private final Map<String, Map<Long, AppliedEvent>> waitingByPrevious = new HashMap<>();
    private final Map<String, EventJudge.Verdict> verdicts = new HashMap<>();
    private final EventJudge judge;
    private final CentralBooks books;
    private long duplicates;

    CentralLedger(EventJudge judge, CentralBooks books) {
        this.judge = judge;
        this.books = books;
        for (CentralBooks.BookedEvent booked : books.appliedEvents()) {
            remember(booked.event());
            booked.verdictJson().ifPresent(json -> verdicts.put(booked.event().store() + "/" + booked.event().key(),
                    SimJson.read(json, EventJudge.Verdict.class)));
        }
        this.duplicates = books.duplicatesRefused();
    }

    /**
     * Offers events from one batch; returns the keys to acknowledge: those applied now, those
     * applied before (duplicates), and waiting ones their arrival released.
     */
    synchronized List<String> offer(List<AppliedEvent> events) {
        List<String> acknowledge = new ArrayList<>();
        List<CentralBooks.BookedEvent> applied = new ArrayList<>();
        List<AppliedEvent> refused = new ArrayList<>();
        for (AppliedEvent event : events) {
            if (appliedKeys.computeIfAbsent(event.store(), s -> new HashSet<>()).contains(event.key())) {
                duplicates++;
                refused.add(event);
                acknowledge.add(event.key());
            } else if (event.previous() == 0 || sequences(event.store()).contains(event.previous())
                    || books.isApplied(event.store(), event.previous())) {
                apply(event, acknowledge, applied);
            } else {
                waitingByPrevious.computeIfAbsent(event.store(), s -> new HashMap<>()).put(event.previous(), event);
            }
        }
        // Another consumer sharing the books may have applied some of these first: they count as duplicates.
        duplicates += books.record(applied, refused).size();
        return acknowledge;
    }

    /** Central's verdict on an applied event, the same however often it is asked. */
    synchronized java.util.Optional<EventJudge.Verdict> verdict(String store, String key) {
        return java.util.Optional.ofNullable(verdicts.get(store + "/" + key));
    }

    synchronized List<AppliedEvent> applied(String store) {
        return List.copyOf(appliedByStore.getOrDefault(store, List.of()));
    }

    synchronized long appliedCount() {
        return appliedByStore.values().stream().mapToLong(List::size).sum();
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized int waiting() {
        return waitingByPrevious.values().stream().mapToInt(Map::size).sum();
    }

    /** A crash forgets what was waiting in memory; stores send it again. */
    synchronized void forgetWaiting() {
        waitingByPrevious.clear();
    }

    private void apply(AppliedEvent event, List<String> acknowledge, List<CentralBooks.BookedEvent> applied) {
        AppliedEvent next = event;
        while (next != null) {
            remember(next);
            AppliedEvent current = next;
            java.util.Optional<EventJudge.Verdict> verdict = judge.judge(current);
            verdict.ifPresent(v -> verdicts.put(current.store() + "/" + current.key(), v));
            applied.add(new CentralBooks.BookedEvent(current, verdict.map(SimJson::write)));
            acknowledge.add(next.key());
            Map<Long, AppliedEvent> waiting = waitingByPrevious.get(next.store());
            next = waiting == null ? null : waiting.remove(next.sequence());
        }
    }

    private void remember(AppliedEvent event) {
        appliedByStore.computeIfAbsent(event.store(), s -> new ArrayList<>()).add(event);
        sequences(event.store()).add(event.sequence());
        appliedKeys.computeIfAbsent(event.store(), s -> new HashSet<>()).add(event.key());
    }

    private Set<Long> sequences(String store) {
        return appliedSequences.computeIfAbsent(store, s -> new HashSet<>());
    }
}
