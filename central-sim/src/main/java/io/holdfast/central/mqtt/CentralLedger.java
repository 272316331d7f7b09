package io.holdfast.central.mqtt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Central's record of what each store sent, applied once each. An event is applied only after the
 * event its store wrote before it in the same capability ({@code previous}); one that arrives first
 * waits, unacknowledged, until its predecessor comes. Playing central's database, it outlives a
 * consumer crash.
 */
final class CentralLedger {

    private final Map<String, List<AppliedEvent>> appliedByStore = new HashMap<>();
    private final Map<String, Set<Long>> appliedSequences = new HashMap<>();
    private final Map<String, Set<String>> appliedKeys = new HashMap<>();
    private final Map<String, Map<Long, AppliedEvent>> waitingByPrevious = new HashMap<>();
    private final Map<String, EventJudge.Verdict> verdicts = new HashMap<>();
    private final EventJudge judge;
    private long duplicates;

    CentralLedger(EventJudge judge) {
        this.judge = judge;
    }

    /**
     * Offers events from one batch; returns the keys to acknowledge: those applied now, those
     * applied before (duplicates), and waiting ones their arrival released.
     */
    synchronized List<String> offer(List<AppliedEvent> events) {
        List<String> acknowledge = new ArrayList<>();
        for (AppliedEvent event : events) {
            if (appliedKeys.computeIfAbsent(event.store(), s -> new HashSet<>()).contains(event.key())) {
                duplicates++;
                acknowledge.add(event.key());
            } else if (event.previous() == 0 || sequences(event.store()).contains(event.previous())) {
                apply(event, acknowledge);
            } else {
                waitingByPrevious.computeIfAbsent(event.store(), s -> new HashMap<>()).put(event.previous(), event);
            }
        }
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

    private void apply(AppliedEvent event, List<String> acknowledge) {
        AppliedEvent next = event;
        while (next != null) {
            appliedByStore.computeIfAbsent(next.store(), s -> new ArrayList<>()).add(next);
            sequences(next.store()).add(next.sequence());
            appliedKeys.computeIfAbsent(next.store(), s -> new HashSet<>()).add(next.key());
            AppliedEvent applied = next;
            judge.judge(applied).ifPresent(verdict -> verdicts.put(applied.store() + "/" + applied.key(), verdict));
            acknowledge.add(next.key());
            Map<Long, AppliedEvent> waiting = waitingByPrevious.get(next.store());
            next = waiting == null ? null : waiting.remove(next.sequence());
        }
    }

    private Set<Long> sequences(String store) {
        return appliedSequences.computeIfAbsent(store, s -> new HashSet<>());
    }
}
