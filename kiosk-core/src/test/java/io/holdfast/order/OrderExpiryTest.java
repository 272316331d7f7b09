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
        expiry = new OrderExpiry(database, outbox, clock);
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
