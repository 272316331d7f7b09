package io.holdfast.outbox;

/**
 * An event still to be acknowledged, with its store-wide sequence and the sequence of the event of
 * the same capability written before it (0 for the first), which central applies first.
 */
public record PendingEvent(long sequence, long previousInCapability, OutboxEvent event) {

    /** What it costs in the outbox's byte budget: its payload and a fixed allowance for the rest. */
    public long bytes() {
        return Outbox.footprint(event);
    }
}
