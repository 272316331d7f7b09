package io.holdfast.gateway.returns;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
    private final KioskText text;

    public ReturnPrints(StoreDevices devices, String storeId, ZoneId zone, KioskText text) {
        this.devices = devices;
        this.storeId = storeId;
        this.zone = zone;
        this.text = text;
    }

    /**
     * Prints where the return was made: a kiosk on its own printer ({@code <kiosk id>-printer}) and
     * nowhere else, so a customer is never told to take a receipt that came out at the desk; the desk
     * on the printer it names, or the store's first. Empty when there is no such printer.
     */
    Optional<PrintTicket> print(MadeReturn made, Optional<StoreCredit.Issued> credit, Session session,
                                Optional<String> printerId) {
        Optional<String> where = session.role() == Role.KIOSK ? Optional.of(ownPrinter(session))
                : printerId.or(devices::firstPrinterId);
        return where.flatMap(devices::printer).map(printer -> printer.print(document(made, credit)));
    }

    /** A kiosk's own receipt printer, by the store's naming of devices. */
    static String ownPrinter(Session session) {
        return session.principal() + "-printer";
    }

    private ReceiptDocument document(MadeReturn made, Optional<StoreCredit.Issued> credit) {
        ReceiptDocument.Builder receipt = ReceiptDocument.builder()
                .title("RETURN")
                .centred("Store " + storeId + "  " + WHEN.format(made.returnedAt().atZone(zone)))
                .centred(made.returnId())
                .divider()
                .line("Against " + made.purchaseId());
        for (MadeReturn.ReturnedLine line : made.lines()) {
            receipt.columns(line.description() + " x" + line.quantity(), text.format(line.amount()));
        }
        receipt.divider().total("REFUND", text.format(made.amount()));
        String outcome = text.outcome(made);
        switch (made.method()) {
            case STORE_CREDIT -> {
                receipt.bold("STORE CREDIT VOUCHER").line(outcome);
                credit.ifPresent(card -> receipt.qr(card.cardNumber()).centred("Card " + spaced(card.cardNumber()))
                        .centred("PIN " + card.pin()));
            }
            case DEFERRED_TO_ORIGINAL_TENDER -> {
                // The whole reference, as a QR code and in words: a barcode cut to 20 characters found nothing.
                String reference = made.refund().orElseThrow().refundId();
                receipt.bold("REFUND PROMISE").line(outcome).qr(reference).centred("Reference " + reference);
            }
            case ORIGINAL_TENDER, CASH -> receipt.line(outcome);
        }
        if (made.offline()) {
            receipt.line("Recorded in store while head office was unavailable.");
        }
        return receipt.centred("Thank you").build();
    }

    private static String spaced(String number) {
        return number.replaceAll("(.{4})(?!$)", "$1 ");
    }
}
