package io.holdfast.gateway.order;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import io.holdfast.gateway.devices.StoreDevices;
import io.holdfast.hardware.receipt.PrintTicket;
import io.holdfast.hardware.receipt.ReceiptDocument;
import io.holdfast.order.Collection;
import io.holdfast.order.LineQuantity;
import io.holdfast.order.Order;
import io.holdfast.order.OrderLine;

/** The collection receipt: what was handed over, what is still waiting, and the collection's barcode. */
final class CollectionReceipts {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm");

    private final StoreDevices devices;
    private final String storeId;
    private final ZoneId zone;

    CollectionReceipts(StoreDevices devices, String storeId, ZoneId zone) {
        this.devices = devices;
        this.storeId = storeId;
        this.zone = zone;
    }

    /** Prints on the named printer, or the store's first; empty when the store has no printer. */
    Optional<PrintTicket> print(Collection collection, Order order, Optional<String> printerId) {
        return printerId.or(devices::firstPrinterId).flatMap(devices::printer)
                .map(printer -> printer.print(document(collection, order)));
    }

    private ReceiptDocument document(Collection collection, Order order) {
        ReceiptDocument.Builder receipt = ReceiptDocument.builder()
                .title("CLICK & COLLECT")
                .centred("Store " + storeId + "  " + WHEN.format(collection.collectedAt().atZone(zone)))
                .divider()
                .bold("Order " + order.id() + "  " + order.customer().displayName());
        for (LineQuantity handed : collection.lines()) {
            OrderLine line = order.line(handed.lineNumber()).orElseThrow();
            receipt.columns(line.description(), "x" + handed.quantity());
        }
        receipt.divider();
        int waiting = order.unitsWaiting();
        receipt.line(waiting == 0 ? "Everything in this order has been collected."
                : waiting + " item(s) still waiting for you in store.");
        if (collection.offline()) {
            receipt.line("Recorded in store while head office was unavailable.");
        }
        return receipt.barcode(collection.collectionId().substring(0, Math.min(40, collection.collectionId().length())))
                .centred("Thank you").build();
    }
}
