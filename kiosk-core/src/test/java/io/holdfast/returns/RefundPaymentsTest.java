package io.holdfast.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.money.Money;
import io.holdfast.outbox.Outbox;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.SteppingClock;

/** Owed refunds are paid each on its own: a slow or silent one keeps none of the others waiting. */
class RefundPaymentsTest {

    @TempDir
    Path folder;
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-24T10:00:00Z"));
    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        for (String id : new String[]{"R1", "R2", "R3"}) {
            owe(id);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aRefundCentralDoesNotAnswerForWaitsItsTurnAndTheOthersArePaid() {
        Set<String> silentFor = ConcurrentHashMap.newKeySet();
        silentFor.add("R1");
        Map<String, Integer> asked = new ConcurrentHashMap<>();
        CentralRefunds central = instruction -> {
            asked.merge(instruction.refundId(), 1, Integer::sum);
            return silentFor.contains(instruction.refundId())
                    ? new CentralRefunds.Answer.Unavailable("read timed out after 800 ms")
                    : new CentralRefunds.Answer.Paid("CR-" + instruction.refundId());
        };
        RefundPayments payments = new RefundPayments(database, new Outbox(database), central, clock);

        RefundPayments.Run first = payments.payDue(10);

        assertThat(first.paid()).isEqualTo(2);
        assertThat(first.stillDue()).isEqualTo(1);
        assertThat(first.stoppedBecause()).isEmpty();
        payments.payDue(10);
        assertThat(asked.get("R1")).as("not asked again before its wait is over").isEqualTo(1);

        clock.advance(RefundPayments.FIRST_WAIT);
        silentFor.clear();
        assertThat(payments.payDue(10).paid()).isEqualTo(1);
        assertThat(asked).containsEntry("R1", 2).containsEntry("R2", 1).containsEntry("R3", 1);
        assertThat(RefundPayments.wait(3)).isEqualTo(RefundPayments.FIRST_WAIT.multipliedBy(4));
        assertThat(RefundPayments.wait(40)).isEqualTo(RefundPayments.LONGEST_WAIT);
    }

    @Test
    void whenTheBreakerRefusesWithoutAskingTheRunStopsAtOnce() {
        Map<String, Integer> asked = new ConcurrentHashMap<>();
        CentralRefunds central = instruction -> {
            asked.merge(instruction.refundId(), 1, Integer::sum);
            return new CentralRefunds.Answer.Unavailable("the REFUNDS breaker is open", false);
        };

        RefundPayments.Run run = new RefundPayments(database, new Outbox(database), central, clock).payDue(10);

        assertThat(run.stoppedBecause()).hasValueSatisfying(why -> assertThat(why).contains("breaker is open"));
        assertThat(asked).containsOnlyKeys("R1");
    }

    @Test
    void aSlowRefundDoesNotKeepAnotherWaiting() throws Exception {
        CountDownLatch slowAsked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CentralRefunds central = instruction -> {
            if (instruction.refundId().equals("R1")) {
                slowAsked.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new CentralRefunds.Answer.Paid("CR-" + instruction.refundId());
        };
        RefundPayments payments = new RefundPayments(database, new Outbox(database), central, clock);
        try (ExecutorService tills = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<RefundStatus> slow = tills.submit(() -> payments.pay("R1"));
            assertThat(slowAsked.await(5, TimeUnit.SECONDS)).isTrue();

            Future<RefundStatus> quick = tills.submit(() -> payments.pay("R2"));

            assertThat(quick.get(2, TimeUnit.SECONDS).state()).as("paid while R1 still waits for central")
                    .isEqualTo(RefundStatus.State.PAID);
            assertThat(slow.isDone()).isFalse();
            release.countDown();
            assertThat(slow.get(5, TimeUnit.SECONDS).state()).isEqualTo(RefundStatus.State.PAID);
        }
    }

    private void owe(String refundId) {
        database.inTransaction("owe " + refundId, connection -> {
            try (var insert = connection.prepareStatement("""
                    INSERT INTO returns (return_id, purchase_id, purchase_kind, channel, actor, returned_at,
                        refund_method, amount_minor, currency, offline, customer_key)
                    VALUES (?, 'P-1', 'RECEIPT', 'KIOSK', 'kiosk-1', '2026-11-24T10:00:00.000000000Z',
                        'DEFERRED_TO_ORIGINAL_TENDER', 1000, 'GBP', 1, 'c')""")) {
                insert.setString(1, "RET-" + refundId);
                insert.executeUpdate();
            }
            return RefundPayments.owe(connection, refundId, "RET-" + refundId, Money.of(1000, "GBP"), "card-4242",
                    clock.instant());
        });
    }
}
