package io.holdfast.outbox;

/** An event still to be acknowledged, with its store-wide sequence. */
public record PendingEvent(long sequence, OutboxEvent event) {

    /** What it costs in the outbox's byte budget: its payload and a fixed allowance for the rest. */
    public long bytes() {
        return Outbox.footprint(event);
    }
}
