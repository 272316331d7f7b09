package io.holdfast.outbox;

/** How full the outbox is: unacknowledged events against the configured capacity. */
public record OutboxUsage(long usedBytes, long capacityBytes) {

    /** At this share the alarm goes off: on the status page, in metrics and in the log. */
    public static final double ALARM_AT = 0.8;

    public double fraction() {
        return capacityBytes == 0 ? 0 : (double) usedBytes / capacityBytes;
    }

    public boolean alarm() {
        return fraction() >= ALARM_AT;
    }
}
