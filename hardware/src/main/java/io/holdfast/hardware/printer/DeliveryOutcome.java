package io.holdfast.hardware.printer;

/** What happened when a job was sent to a printer. */
sealed interface DeliveryOutcome {

    /** The printer took the whole job and answered its status afterwards. */
    record Printed() implements DeliveryOutcome {
    }

    record PaperOut() implements DeliveryOutcome {
    }

    /** Refused, timed out, or the connection dropped. */
    record Offline(String reason) implements DeliveryOutcome {
    }

    /** The printer answered something that is not an ESC/POS status. */
    record Garbage(String reason) implements DeliveryOutcome {
    }
}
