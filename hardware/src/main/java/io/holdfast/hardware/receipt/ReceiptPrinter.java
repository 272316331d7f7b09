package io.holdfast.hardware.receipt;

/**
 * The port the business uses to print. Printing never fails or waits because of the printer:
 * the receipt is queued durably and printed as soon as the printer can take it.
 */
public interface ReceiptPrinter {

    /** Queues the receipt and returns at once; throws only if the queue itself cannot be written. */
    PrintTicket print(ReceiptDocument receipt);
}
