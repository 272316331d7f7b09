package io.holdfast.sync.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.holdfast.audit.AuditLog;
import io.holdfast.audit.Untrusted;

/**
 * Unauthenticated garbage on the commands topics, counted per refusal code and written to the audit
 * log as one summary a minute per code: the first of a minute at once (so an attack shows at once),
 * the rest when the minute is over. One audit row per message let anyone on the broker fill the
 * store's disk, about 2.4 KB a message.
 */
final class GarbageTally {

    static final Duration EVERY = Duration.ofMinutes(1);

    private static final class Count {
        long since;
        Optional<Instant> lastWritten = Optional.empty();
        String example = "";
    }

    private final AuditLog audit;
    private final Clock clock;
    private final String actor;
    private final Map<Refusal, Count> counts = new EnumMap<>(Refusal.class);
    private final Map<Refusal, Long> totals = new EnumMap<>(Refusal.class);

    GarbageTally(AuditLog audit, Clock clock, String actor) {
        this.audit = audit;
        this.clock = clock;
        this.actor = actor;
    }

    synchronized void count(Verdict.Refused refusal) {
        totals.merge(refusal.reason(), 1L, Long::sum);
        Count count = counts.computeIfAbsent(refusal.reason(), reason -> new Count());
        count.since++;
        count.example = refusal.detail();
        Instant now = clock.instant();
        if (count.lastWritten.isEmpty() || !now.isBefore(count.lastWritten.get().plus(EVERY))) {
            write(refusal.reason(), count, now);
        }
    }

    /** Writes what was counted since each code's last summary, when its minute is over. */
    synchronized void flush() {
        Instant now = clock.instant();
        counts.forEach((reason, count) -> {
            if (count.since > 0 && count.lastWritten.map(at -> !now.isBefore(at.plus(EVERY))).orElse(true)) {
                write(reason, count, now);
            }
        });
    }

    /** How many of each code arrived since the gateway started. */
    synchronized Map<Refusal, Long> totals() {
        return Map.copyOf(totals);
    }

    private void write(Refusal reason, Count count, Instant now) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", reason.code());
        detail.put("messages", count.since);
        detail.put("since", count.lastWritten.map(Instant::toString).orElse("start"));
        detail.put("example", Untrusted.text(count.example));
        audit.append(now, actor, "commands-refused-unauthenticated", reason.code(), detail);
        count.since = 0;
        count.lastWritten = Optional.of(now);
    }
}
