package io.holdfast.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.outbox.Outbox;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.SteppingClock;
import io.holdfast.testing.TestClocks;

class OrderExpiryTest {

    @TempDir
    Path folder;
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-28T20:00:00Z"));
    private Database database;
    private OrderExpiry expiry;
    private Outbox outbox;

    @BeforeEach
    void openStore() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        outbox = new Outbox(database);
        expiry = new OrderExpiry(database, outbox, clock, TestClocks.ZONE);
        new SqliteOrderRepository(database).saveAll(List.of(OrderFixtures.anOrder("CC-100001")));
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    @Test
    void anOrderIsNotExpiredOnItsPickupByDay() {
        assertThat(expiry.expireOverdue()).isEmpty();
        assertThat(expiry.returnToSenderList()).isEmpty();
    }

    @Test
    void theDayAfterItGoesOnTheReturnToSenderListWithAnEvent() {
        clock.advance(Duration.ofHours(5));

        assertThat(expiry.expireOverdue()).containsExactly(new OrderId("CC-100001"));

        assertThat(expiry.returnToSenderList()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.EXPIRED);
            assertThat(o.pickupBy()).isEqualTo(LocalDate.parse("2026-11-28"));
        });
        assertThat(outbox.eventsFor("CC-100001")).extracting(e -> e.type()).containsExactly("OrderExpired");
        assertThat(expiry.expireOverdue()).as("expiring twice changes nothing").isEmpty();
    }

    @Test
    void inBritishSummerTimeAnOrderExpiresAtTheStoresMidnightNotUtcs() {
        Order summer = new Order(new OrderId("CC-200001"), OrderFixtures.anOrder("CC-200001").customer(),
                OrderFixtures.anOrder("CC-200001").lines(), OrderFixtures.anOrder("CC-200001").parcels(),
                LocalDate.parse("2026-07-10"), OrderStatus.READY, OrderFixtures.CODES.hash("123456"),
                Instant.parse("2026-07-01T09:00:00Z"), 1);
        new SqliteOrderRepository(database).saveAll(List.of(summer));
        SteppingClock july = new SteppingClock(Instant.parse("2026-07-10T22:59:00Z"));
        OrderExpiry inLondon = new OrderExpiry(database, outbox, july, TestClocks.ZONE);

        assertThat(inLondon.today()).isEqualTo(LocalDate.parse("2026-07-10"));
        assertThat(inLondon.untilNextMidnight()).isEqualTo(Duration.ofMinutes(1));
        assertThat(inLondon.expireOverdue()).as("23:59 in London: still the pickup-by day").isEmpty();

        july.advance(Duration.ofMinutes(2));

        assertThat(inLondon.today()).as("00:01 in London, 23:01 in UTC").isEqualTo(LocalDate.parse("2026-07-11"));
        assertThat(inLondon.expireOverdue()).containsExactly(new OrderId("CC-200001"));
    }

    @Test
    void anOrderReadForHandOverPastItsDateIsExpiredThenAndThere() {
        clock.advance(Duration.ofDays(1));

        assertThat(expiry.current(new OrderId("CC-100001")))
                .hasValueSatisfying(o -> assertThat(o.status()).isEqualTo(OrderStatus.EXPIRED));
        assertThat(expiry.returnToSenderList()).extracting(OrderSummary::orderId).containsExactly(new OrderId("CC-100001"));
        assertThat(outbox.eventsFor("CC-100001")).extracting(e -> e.type()).containsExactly("OrderExpired");
    }

    @Test
    void markingItReturnedTakesItOffTheList() {
        clock.advance(Duration.ofDays(2));
        expiry.expireOverdue();

        assertThat(expiry.markReturnedToSender(new OrderId("CC-100001"), "S2001"))
                .hasValueSatisfying(o -> assertThat(o.status()).isEqualTo(OrderStatus.RETURNED_TO_SENDER));

        assertThat(expiry.returnToSenderList()).isEmpty();
        assertThat(expiry.markReturnedToSender(new OrderId("CC-100001"), "S2001")).isEmpty();
        assertThat(outbox.eventsFor("CC-100001")).extracting(e -> e.type())
                .containsExactly("OrderExpired", "OrderReturnedToSender");
    }
}
