package io.holdfast.order;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.holdfast.exceptions.ExceptionKind;
import io.holdfast.exceptions.ManagerExceptions;
import io.holdfast.store.Database;

/**
 * Applies central's manifest to the store's copy without losing what the store did: quantities
 * collected here stay (central may not know them yet), an order the store expired or returned
 * keeps that status, and an order central cancelled after this store handed some of it over is
 * kept as handed over and raised to the manager. An order already past its pickup-by date is
 * expired in the same transaction, so the desk never sees it as ready.
 */
public final class ManifestImport {

    /** What an import changed. */
    public record Report(int added, int updated, int unchanged, int conflicts, int expired) {
    }

    private final Database database;
    private final Clock clock;
    private final OrderExpiry expiry;

    /** @param expiry runs in each import's transaction, so an order past its pickup-by date never lands as ready */
    public ManifestImport(Database database, Clock clock, OrderExpiry expiry) {
        this.database = database;
        this.clock = clock;
        this.expiry = expiry;
    }

    public Report apply(Collection<Order> fromCentral) {
        Instant now = clock.instant();
        return database.inTransaction("import " + fromCentral.size() + " orders from central", connection -> {
            int added = 0;
            int updated = 0;
            int unchanged = 0;
            int conflicts = 0;
            List<Order> toInsert = new ArrayList<>();
            for (Order central : fromCentral) {
                Optional<Order> local = SqliteOrderRepository.load(connection, central.id());
                if (local.isEmpty()) {
                    toInsert.add(central);
                    added++;
                    continue;
                }
                Merge merge = merge(local.get(), central, now);
                if (merge.conflict()) {
                    conflicts++;
                    ManagerExceptions.raise(connection, ExceptionKind.ORDER_CANCELLED_AFTER_COLLECTION,
                            central.id().value(), "Head office cancelled order " + central.id() + " after this store"
                                    + " handed over " + local.get().unitsCollected() + " of its items. Check with the customer"
                                    + " and head office.", now);
                }
                if (merge.order().equals(local.get())) {
                    unchanged++;
                } else {
                    SqliteOrderRepository.upsert(connection, List.of(merge.order()));
                    updated++;
                }
            }
            SqliteOrderRepository.upsert(connection, toInsert);
            int expired = expiry.expireOverdue(connection).size();
            return new Report(added, updated, unchanged, conflicts, expired);
        });
    }

    private record Merge(Order order, boolean conflict) {
    }

    private static Merge merge(Order local, Order central, Instant now) {
        boolean collectedHere = local.unitsCollected() > 0;
        boolean cancelled = central.status() == OrderStatus.CANCELLED;
        List<OrderLine> lines = new ArrayList<>();
        for (OrderLine line : central.lines()) {
            int here = local.line(line.lineNumber()).map(OrderLine::quantityCollected).orElse(0);
            int collected = Math.min(line.quantity(), Math.max(here, line.quantityCollected()));
            // Units the desk set aside (declined, damaged, missing) are the store's record: central's manifest
            // does not carry them, so they stay, within what is not collected.
            int setAside = Math.min(line.quantity() - collected,
                    local.line(line.lineNumber()).map(OrderLine::quantityNotCollected).orElse(0));
            lines.add(new OrderLine(line.lineNumber(), line.sku(), line.description(), line.quantity(), collected,
                    line.unitPrice(), setAside));
        }
        OrderStatus status = status(local, central, lines);
        Order merged = new Order(central.id(), central.customer(), lines, central.parcels(), central.pickupBy(), status,
                central.collectionCodeHash(), local.updatedAt(), local.version());
        boolean conflict = cancelled && collectedHere;
        if (merged.equals(local)) {
            return new Merge(local, conflict);
        }
        return new Merge(new Order(merged.id(), merged.customer(), merged.lines(), merged.parcels(), merged.pickupBy(),
                merged.status(), merged.collectionCodeHash(), now, local.version() + 1), conflict);
    }

    private static OrderStatus status(Order local, Order central, List<OrderLine> lines) {
        if (local.status() == OrderStatus.EXPIRED || local.status() == OrderStatus.RETURNED_TO_SENDER) {
            return local.status();
        }
        int collected = lines.stream().mapToInt(OrderLine::quantityCollected).sum();
        int waiting = lines.stream().mapToInt(OrderLine::quantityWaiting).sum();
        if (central.status() == OrderStatus.CANCELLED && collected == 0) {
            return OrderStatus.CANCELLED;
        }
        if (collected > 0) {
            return waiting == 0 ? OrderStatus.COLLECTED : OrderStatus.PARTLY_COLLECTED;
        }
        if (waiting == 0 && lines.stream().anyMatch(line -> line.quantityNotCollected() > 0)) {
            return OrderStatus.CANCELLED; // every unit set aside at the desk: nothing will be collected
        }
        return central.status();
    }
}
