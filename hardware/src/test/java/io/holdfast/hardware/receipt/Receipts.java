package io.holdfast.hardware.receipt;

/** A receipt with one of everything: test data shared by the receipt and printer tests. */
public final class Receipts {

    private Receipts() {
    }

    public static ReceiptDocument collectionReceipt() {
        return ReceiptDocument.builder()
                .title("HOLDFAST LEEDS")
                .centred("Click & collect")
                .divider()
                .line("Order CC-104233")
                .columns("Linen shirt, blue, M  x2", "£59.00")
                .columns("Canvas tote", "£12.00")
                .total("Total", "£71.00")
                .divider()
                .bold("Handed over: 2 of 2 parcels")
                .barcode("R04210320261121004217")
                .qr("HFR1.eyJyIjoiMDQyMSJ9.c2ln")
                .build();
    }
}
