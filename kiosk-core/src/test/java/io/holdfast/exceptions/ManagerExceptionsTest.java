package io.holdfast.exceptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.audit.AuditLog;
import io.holdfast.mode.Capability;
import io.holdfast.outbox.Outbox;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.SteppingClock;
import io.holdfast.testing.TestClocks;

/** The exceptions workflow over a real store: assign, notes, the actions that fit each kind, and the history kept. */
class ManagerExceptionsTest {

    @TempDir
    Path folder;
    private final SteppingClock clock = new SteppingClock(TestClocks.START);
    private Database database;
    private Outbox outbox;
    private ManagerExceptions exceptions;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        outbox = new Outbox(database);
        exceptions = new ManagerExceptions(database, outbox, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anOverdrawnCardIsAssignedWorkedAndWrittenOffWithItsWholeHistoryKeptAndCentralTold() {
        String id = raise(ExceptionKind.GIFT_CARD_OVERDRAWN, "GCR-1");

        clock.advance(Duration.ofMinutes(5));
        assertThat(exceptions.assign(id, "S1001", "S2001")).isInstanceOfSatisfying(ManagerExceptions.Outcome.Done.class,
                done -> assertThat(done.exception().assignedTo()).contains("S1001"));
        clock.advance(Duration.ofMinutes(5));
        assertThat(exceptions.note(id, "Customer's number is on the loyalty account.", "S1001"))
                .isInstanceOf(ManagerExceptions.Outcome.Done.class);
        assertThat(exceptions.act(id, ExceptionAction.CONTACT_CUSTOMER, "Rang twice, no answer.", "S1001"))
                .as("not an action for a card").isEqualTo(new ManagerExceptions.Outcome.ActionNotFitting(
                        ExceptionKind.GIFT_CARD_OVERDRAWN, ExceptionAction.CONTACT_CUSTOMER));
        clock.advance(Duration.ofMinutes(5));
        ManagerExceptions.Outcome written = exceptions.act(id, ExceptionAction.WRITE_OFF, "£12.50, not worth chasing.",
                "S2001");

        assertThat(written).isInstanceOfSatisfying(ManagerExceptions.Outcome.Done.class, done -> {
            assertThat(done.exception().open()).isFalse();
            assertThat(done.exception().resolution().orElseThrow().note()).isEqualTo("WRITE_OFF: £12.50, not worth chasing.");
        });
        assertThat(exceptions.history(id)).extracting(ExceptionHistory::entry).containsExactly(
                ExceptionHistory.Entry.RAISED, ExceptionHistory.Entry.ASSIGNED, ExceptionHistory.Entry.NOTE,
                ExceptionHistory.Entry.ACTION, ExceptionHistory.Entry.RESOLVED);
        assertThat(exceptions.history(id).get(3).action()).contains(ExceptionAction.WRITE_OFF);
        assertThat(outbox.eventsFor("GCR-1")).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(ManagerExceptions.SETTLED_EVENT);
            assertThat(event.capability()).isEqualTo(Capability.GIFT_CARDS);
            assertThat(event.payloadJson()).contains("\"action\":\"WRITE_OFF\"");
        });
        assertThat(exceptions.assign(id, "S1002", "S2001")).isInstanceOf(ManagerExceptions.Outcome.AlreadyResolved.class);
        assertThat(exceptions.act(id, ExceptionAction.RECOVER, "late", "S2001"))
                .isInstanceOf(ManagerExceptions.Outcome.AlreadyResolved.class);
        assertThat(exceptions.note(id, "Head office agreed.", "S2001")).as("notes go on after")
                .isInstanceOf(ManagerExceptions.Outcome.Done.class);
        assertThat(outbox.eventsFor("GCR-1")).as("settled once").hasSize(1);
        assertThat(new AuditLog(database).verify()).isInstanceOf(AuditLog.Verification.Intact.class);
    }

    @Test
    void contactingTheCustomerIsAStepThatLeavesItOpenAndEachKindHasItsOwnActions() {
        String id = raise(ExceptionKind.ORDER_CANCELLED_AFTER_COLLECTION, "CC-100001");

        assertThat(exceptions.act(id, ExceptionAction.CONTACT_CUSTOMER, "Left a message.", "S1001"))
                .isInstanceOfSatisfying(ManagerExceptions.Outcome.Done.class,
                        done -> assertThat(done.exception().open()).isTrue());
        assertThat(outbox.eventsFor("CC-100001")).as("a step is not news for central").isEmpty();
        assertThat(ExceptionKind.ORDER_CANCELLED_AFTER_COLLECTION.actions())
                .containsExactly(ExceptionAction.CONTACT_CUSTOMER, ExceptionAction.WRITE_OFF);
        assertThat(ExceptionKind.GIFT_CARD_OVERDRAWN.actions())
                .containsExactly(ExceptionAction.BLOCK, ExceptionAction.RECOVER, ExceptionAction.WRITE_OFF);
        assertThat(ExceptionKind.REFUND_DECLINED.actions()).contains(ExceptionAction.REFUND_ANOTHER_WAY);
        assertThat(exceptions.assign("EX-nope", "S1001", "S2001"))
                .isEqualTo(new ManagerExceptions.Outcome.NotFound("EX-nope"));
        assertThat(exceptions.resolve(id, "S2001", "Customer kept the goods; head office agreed.")).isPresent();
        assertThat(exceptions.history(id)).extracting(ExceptionHistory::entry).containsExactly(
                ExceptionHistory.Entry.RAISED, ExceptionHistory.Entry.ACTION, ExceptionHistory.Entry.RESOLVED);
    }

    private String raise(ExceptionKind kind, String aggregate) {
        database.inTransaction("raise", connection -> {
            ManagerExceptions.raise(connection, kind, aggregate, "what happened", clock.instant());
            return null;
        });
        List<ManagerException> open = exceptions.open(kind);
        assertThat(open).hasSize(1);
        return open.getFirst().exceptionId();
    }
}
