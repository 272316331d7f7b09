package io.holdfast.outbox;

import java.time.Instant;
import java.util.Objects;

import io.holdfast.mode.Capability;

/**
 * A change the store made, for central.
 *
 * @param idempotencyKey unique per event, so central applies it once whatever is retried
 * @param payloadJson    the event's content, as JSON
 */
public record OutboxEvent(String idempotencyKey, Capability capability, String type, String aggregateId,
                          Instant occurredAt, String payloadJson) {

    public OutboxEvent {
        Objects.requireNonNull(idempotencyKey, "idempotency key");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateId, "aggregate id");
        Objects.requireNonNull(occurredAt, "occurred at");
        Objects.requireNonNull(payloadJson, "payload");
    }
}
