package io.holdfast.receipt;

/** What posting a sale to the journal did. */
public sealed interface PostingOutcome {

    /** Written now; with a loyalty id, its loyalty event is queued for central in the same transaction. */
    record Recorded(Receipt receipt, boolean loyaltyQueued) implements PostingOutcome {
    }

    /** The same receipt was posted before (a till retrying): nothing changed. */
    record AlreadyRecorded(Receipt receipt) implements PostingOutcome {
    }

    /** A different receipt with the same id is in the journal: refused, and why. */
    record Conflict(String reason) implements PostingOutcome {
    }
}
