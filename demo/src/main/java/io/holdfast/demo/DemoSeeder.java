package io.holdfast.demo;

import java.time.Clock;
import java.util.List;

import io.holdfast.central.demo.DemoDataset;
import io.holdfast.central.GiftCardLedger;
import io.holdfast.central.books.CentralBooks;
import io.holdfast.giftcard.SqliteGiftCardBalances;
import io.holdfast.receipt.SqliteReceiptJournal;
import io.holdfast.staff.Role;
import io.holdfast.staff.SignInPolicy;
import io.holdfast.staff.StaffDirectory;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;

/**
 * Fills an empty demo store: the receipt journal and gift-card balances from central's demo
 * dataset, and two colleagues who can sign in. Orders are not seeded: the gateway loads them from
 * the central simulator's manifest, as a real store does. A store that already holds receipts is
 * left exactly as it is.
 */
final class DemoSeeder {

    /**
     * The demo fleet's gift-card key, shared with the central simulator. A real store's key comes
     * from configuration ({@code holdfast.gift-cards.key}); this one only ever fingerprints demo cards.
     */
    static final byte[] DEMO_GIFT_CARD_KEY = GiftCardLedger.DEMO_KEY;

    record Seeded(boolean freshlySeeded, long receipts, long giftCards) {
    }

    /** The demo's colleagues: what the welcome prints, so a newcomer can sign in at the desk. */
    record DemoStaff(String staffId, String name, Role role, String pin) {
    }

    static final List<DemoStaff> STAFF = List.of(
            new DemoStaff("S1001", "Alex", Role.COLLEAGUE, "1234"),
            new DemoStaff("S2001", "Sam", Role.SUPERVISOR, "9999"));

    /** The demo kiosk's device token; a real kiosk's token is configured as its SHA-256 only. */
    static final String KIOSK_ID = "kiosk-1";
    static final String KIOSK_TOKEN = "demo-kiosk-token";
    /** The demo till's device token: a till posts sales with it. */
    static final String TILL_ID = "till-1";
    static final String TILL_TOKEN = "demo-till-token";

    private DemoSeeder() {
    }

    static Seeded seedIfEmpty(DatabaseSettings settings, DemoDataset dataset, Clock clock) {
        try (Database database = Database.open(settings)) {
            var journal = new SqliteReceiptJournal(database);
            var balances = new SqliteGiftCardBalances(database);
            boolean empty = journal.count() == 0;
            if (empty) {
                StaffDirectory staff = new StaffDirectory(database, SignInPolicy.DEFAULT, java.util.Map.of(), clock);
                STAFF.forEach(s -> staff.provision(s.staffId(), s.name(), s.role(), s.pin()));
                dataset.receipts().forEach(journal::record);
                // As central's gift-card stream would send them: fingerprints, last four, PIN checks.
                try (CentralBooks fresh = CentralBooks.inMemory(clock)) {
                    balances.putAll(new GiftCardLedger(dataset.giftCards(), DEMO_GIFT_CARD_KEY, clock, fresh).balances());
                }
            }
            return new Seeded(empty, journal.count(), balances.count());
        }
    }
}
