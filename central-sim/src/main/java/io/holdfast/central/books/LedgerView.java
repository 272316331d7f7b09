package io.holdfast.central.books;

import java.util.ArrayList;
import java.util.List;

import io.holdfast.money.Money;
import io.holdfast.store.Timestamps;

/**
 * Central's books at a glance, for {@code /sim/ledger} and its page: events applied and duplicates
 * refused per store and capability, the latest events, refunds paid, and the gift cards central
 * changed. Each event appears once however often a store sent it: that is what the page proves.
 */
public record LedgerView(String books, List<Flow> flows, List<RecentEvent> recent, Refunds refunds,
                         List<Card> giftCards) {

    public LedgerView {
        flows = List.copyOf(flows);
        recent = List.copyOf(recent);
        giftCards = List.copyOf(giftCards);
    }

    /** One store's events in one capability. */
    public record Flow(String store, String capability, long applied, long duplicatesRefused, long lastSequence,
                       String lastAppliedAt) {
    }

    public record RecentEvent(String store, long sequence, String capability, String type, String aggregate,
                              String appliedAt, String verdict) {
    }

    public record Refunds(long paid, List<Money> totals) {
        public Refunds {
            totals = List.copyOf(totals);
        }
    }

    public record Card(String lastFour, Money balance, boolean blocked, String changedAt) {
    }

    static LedgerView read(CentralBooks books, int recentEvents) {
        List<Flow> flows = new ArrayList<>();
        books.query("""
                SELECT e.store, e.capability, count(*), max(e.sequence), max(e.applied_at),
                       coalesce((SELECT refused FROM refused_duplicates d
                                 WHERE d.store = e.store AND d.capability = e.capability), 0)
                FROM applied_events e GROUP BY e.store, e.capability
                UNION ALL
                SELECT d.store, d.capability, 0, 0, NULL, d.refused FROM refused_duplicates d
                WHERE NOT EXISTS (SELECT 1 FROM applied_events e WHERE e.store = d.store AND e.capability = d.capability)
                ORDER BY 1, 2""", row -> flows.add(new Flow(row.getString(1), row.getString(2), row.getLong(3),
                row.getLong(6), row.getLong(4), instant(row.getString(5)))));
        List<RecentEvent> recent = new ArrayList<>();
        books.query("""
                SELECT store, sequence, capability, type, aggregate, applied_at, coalesce(verdict, '')
                FROM applied_events ORDER BY rowid DESC LIMIT ?""", row -> recent.add(new RecentEvent(
                row.getString(1), row.getLong(2), row.getString(3), row.getString(4), row.getString(5),
                instant(row.getString(6)), row.getString(7))), recentEvents);
        long[] paid = {0};
        List<Money> totals = new ArrayList<>();
        books.query("SELECT currency, count(*), sum(amount) FROM refunds_paid GROUP BY currency ORDER BY currency",
                row -> {
                    paid[0] += row.getLong(2);
                    totals.add(Money.of(row.getLong(3), row.getString(1)));
                });
        List<Card> cards = books.cards().stream().map(card -> new Card(card.lastFour(),
                Money.of(card.balance(), card.currency()), card.blocked(), card.changedAt().toString())).toList();
        return new LedgerView(books.where(), flows, recent, new Refunds(paid[0], totals), cards);
    }

    /** ISO-8601 as browsers read it; empty when there is none. */
    private static String instant(String stored) {
        return stored == null ? "" : Timestamps.parse(stored).toString();
    }
}
