package io.holdfast.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.mode.Capability;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;

class OutboxTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    Path folder;
    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aFullOutboxRefusesNewWorkAndKeepsEveryStoredEvent() {
        Outbox small = new Outbox(database, 2048);
        append(small, event("e1", Capability.ORDERS, 600));
        append(small, event("e2", Capability.ORDERS, 600));

        assertThatThrownBy(() -> append(small, event("e3", Capability.ORDERS, 600)))
                .isInstanceOf(OutboxFullException.class).hasMessageContaining("nothing was lost");

        assertThat(small.unacknowledgedKeys(Capability.ORDERS, 10)).containsExactly("e1", "e2");
        assertThat(small.usage().alarm()).as("over 80% full").isTrue();
        small.acknowledge(List.of("e1"), NOW);
        append(small, event("e3", Capability.ORDERS, 600));
        assertThat(small.unacknowledgedKeys(Capability.ORDERS, 10)).containsExactly("e2", "e3");
    }

    @Test
    void theUsageSurvivesAReopen() {
        Outbox outbox = new Outbox(database, 1_000_000);
        append(outbox, event("e1", Capability.REFUNDS, 1000));

        assertThat(new Outbox(database, 1_000_000).usage().usedBytes()).isEqualTo(outbox.usage().usedBytes())
                .isEqualTo(1000 + Outbox.PER_EVENT_BYTES);
    }

    @Test
    void theRelaySeesDrainableEventsInSequenceOrderAndNotThoseInFlight() {
        Outbox outbox = new Outbox(database);
        append(outbox, event("o1", Capability.ORDERS, 10));
        append(outbox, event("r1", Capability.REFUNDS, 10));
        append(outbox, event("o2", Capability.ORDERS, 10));
        append(outbox, event("l1", Capability.LOYALTY, 10));

        assertThat(keys(outbox.relayCandidates(EnumSet.of(Capability.ORDERS, Capability.LOYALTY), Map.of(), 10)))
                .containsExactly("o1", "o2", "l1");
        long o1 = outbox.relayCandidates(EnumSet.of(Capability.ORDERS), Map.of(), 1).getFirst().sequence();
        long r1 = outbox.relayCandidates(EnumSet.of(Capability.REFUNDS), Map.of(), 1).getFirst().sequence();
        assertThat(keys(outbox.relayCandidates(EnumSet.allOf(Capability.class),
                Map.of(Capability.ORDERS, o1, Capability.REFUNDS, r1), 10))).as("o1 and r1 in flight").containsExactly("o2", "l1");
        assertThat(keys(outbox.relayCandidates(EnumSet.allOf(Capability.class), Map.of(), 2))).containsExactly("o1", "r1");
        assertThat(outbox.relayCandidates(Set.of(), Map.of(), 10)).isEmpty();
    }

    @Test
    void sentEventsStayCandidatesUntilAcknowledgedThenArePurgedAfterTheirRetention() {
        Outbox outbox = new Outbox(database);
        append(outbox, event("o1", Capability.ORDERS, 10));
        append(outbox, event("o2", Capability.ORDERS, 10));

        long o1 = outbox.relayCandidates(EnumSet.of(Capability.ORDERS), Map.of(), 1).getFirst().sequence();
        assertThat(keys(outbox.relayCandidates(EnumSet.allOf(Capability.class), Map.of(Capability.ORDERS, o1), 10)))
                .as("in flight: not offered again").containsExactly("o2");
        assertThat(keys(outbox.relayCandidates(EnumSet.allOf(Capability.class), Map.of(), 10)))
                .as("a restarted relay sends both again").containsExactly("o1", "o2");
        assertThat(outbox.acknowledge(List.of("o1", "o2", "never-sent"), NOW)).isEqualTo(2);
        assertThat(outbox.acknowledge(List.of("o1"), NOW)).as("acknowledging twice changes nothing").isZero();
        assertThat(outbox.purgeAcknowledged(NOW.minus(Duration.ofDays(1)))).isZero();
        assertThat(outbox.purgeAcknowledged(NOW.plusSeconds(1))).isEqualTo(2);
        assertThat(outbox.eventsFor("agg")).isEmpty();
    }

    private void append(Outbox outbox, OutboxEvent event) {
        database.inTransaction("append", c -> outbox.append(c, event));
    }

    private static OutboxEvent event(String key, Capability capability, int payloadBytes) {
        String padding = "x".repeat(Math.max(0, payloadBytes - 8));
        return new OutboxEvent(key, capability, "Test", "agg", NOW, "{\"p\":\"" + padding + "\"}");
    }

    private static List<String> keys(List<PendingEvent> pending) {
        return pending.stream().map(p -> p.event().idempotencyKey()).toList();
    }
}
