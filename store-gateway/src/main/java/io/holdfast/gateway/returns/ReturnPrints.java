package io.holdfast.gateway.returns;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

import io.holdfast.gateway.devices.StoreDevices;
import io.holdfast.giftcard.StoreCredit;
import io.holdfast.hardware.receipt.PrintTicket;
import io.holdfast.hardware.receipt.ReceiptDocument;
import io.holdfast.returns.MadeReturn;
import io.holdfast.staff.Role;
import io.holdfast.staff.Session;

/**
 * The return receipt the customer takes away: what came back and what happens to the money. Store
 * credit prints as a voucher whose QR code is the new card's number (the only place it appears);
 * a deferred refund prints as a promise with its reference.
 */
public final class ReturnPrints {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm");

    private final StoreDevices devices;
    private final String storeId;
    private final ZoneId zone;

    public ReturnPrints(StoreDevices devices, String storeId, ZoneId zone) {
        this.devices = devices;
        this.storeId = storeId;
        this.zone = zone;
    }

    /**
     * Prints where the return was made: a kiosk on its own printer ({@code <kiosk id>-printer}) and
     * nowhere else, so a customer is never told to take a receipt that came out at the desk; the desk
     * on the printer it names, or the store's first. Empty when there is no such printer.
     */
    Optional<PrintTicket> print(MadeReturn made, Optional<StoreCredit.Issued> credit, Session session,
                                Optional<String> printerId, KioskText text) {
        Optional<String> where = session.role() == Role.KIOSK ? Optional.of(ownPrinter(session))
                : printerId.or(devices::firstPrinterId);
        return where.flatMap(devices::printer).map(printer -> printer.print(document(made, credit, text)));
    }

    /** A kiosk's own receipt printer, by the store's naming of devices. */
    static String ownPrinter(Session session) {
        return session.principal() + "-printer";
    }

    /** The receipt, in the customer's language ({@code text}): the words are the bundle's {@code receipt.*}. */
    private ReceiptDocument document(MadeReturn made, Optional<StoreCredit.Issued> credit, KioskText text) {
        ReceiptDocument.Builder receipt = ReceiptDocument.builder()
                .title(text.text("receipt.title", Map.of()))
                .centred(text.text("receipt.store", Map.of("store", storeId)) + "  "
                        + WHEN.format(made.returnedAt().atZone(zone)))
                .centred(made.returnId())
                .divider()
                .line(text.text("receipt.against", Map.of("purchase", made.purchaseId())));
        for (MadeReturn.ReturnedLine line : made.lines()) {
            receipt.columns(line.description() + " x" + line.quantity(), text.format(line.amount()));
        }
        receipt.divider().total(text.text("receipt.refund", Map.of()), text.format(made.amount()));
        String outcome = text.outcome(made);
        switch (made.method()) {
            case STORE_CREDIT -> {
                receipt.bold(text.text("receipt.voucher", Map.of())).line(outcome);
                credit.ifPresent(card -> receipt.qr(card.cardNumber())
                        .centred(text.text("receipt.card", Map.of("number", spaced(card.cardNumber()))))
                        .centred(text.text("receipt.pin", Map.of("pin", card.pin()))));
            }
            case DEFERRED_TO_ORIGINAL_TENDER -> {
                // The whole reference, as a QR code and in words: a barcode cut to 20 characters found nothing.
                String reference = made.refund().orElseThrow().refundId();
                receipt.bold(text.text("receipt.promise", Map.of())).line(outcome).qr(reference)
                        .centred(text.text("receipt.reference", Map.of("reference", reference)));
            }
            case ORIGINAL_TENDER, CASH -> receipt.line(outcome);
        }
        if (made.offline()) {
            receipt.line(text.text("receipt.offline", Map.of()));
        }
        return receipt.centred(text.text("receipt.thanks", Map.of())).build();
    }

    private static String spaced(String number) {
        return number.replaceAll("(.{4})(?!$)", "$1 ");
    }
}
