package io.holdfast.regional.fleet;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/**
 * What changed at a store, as its heartbeats told it: capability transitions, going offline and
 * coming back, and states it cannot be in. Written only on a change, so a quiet fleet writes nothing.
 */
public final class StoreEvents {

    /** One line of a store's page. */
    public record Event(String at, String what) {
    }

    private final Database database;

    public StoreEvents(Database database) {
        this.database = database;
    }

    /** Observes a report (see {@link FleetView#observe}). */
    public void observe(Optional<StoreReport> before, StoreReport now) {
        List<String> changes = new ArrayList<>();
        boolean wasOnline = before.map(StoreReport::online).orElse(false);
        if (wasOnline != now.online()) {
            changes.add(now.online() ? "online" : "offline (last will or goodbye)");
        }
        now.capabilities().forEach((capability, report) -> {
            String was = before.flatMap(b -> b.state(capability)).orElse("");
            if (!was.isEmpty() && !was.equals(report.state())) {
                changes.add(capability + " " + was + " → " + report.state());
            }
        });
        if (!now.flags().isEmpty() && !now.flags().equals(before.map(StoreReport::flags).orElse(List.of()))) {
            changes.add("flagged: " + String.join("; ", now.flags()));
        }
        if (changes.isEmpty()) {
            return;
        }
        database.inTransaction("record what changed at " + now.store(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO store_events (store, at, what) VALUES (?, ?, ?)")) {
                for (String change : changes) {
                    insert.setString(1, now.store());
                    insert.setString(2, Timestamps.format(now.heardAt()));
                    insert.setString(3, change);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    public List<Event> recent(String store, int limit) {
        return database.read("what changed at " + store, connection -> {
            List<Event> events = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT at, what FROM store_events WHERE store = ? ORDER BY sequence DESC LIMIT ?")) {
                select.setString(1, store);
                select.setInt(2, limit);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        events.add(new Event(row.getString(1), row.getString(2)));
                    }
                }
            }
            return events;
        });
    }
}
