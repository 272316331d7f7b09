package io.holdfast.sync;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import io.holdfast.outbox.PendingEvent;

/**
 * A batch of the store's events as central reads it: {@code {"store", "batch", "events": [{"sequence",
 * "previous", "key", "capability", "type", "aggregate", "at", "payload"}]}}.
 */
final class EventBatchMessage {

    private EventBatchMessage() {
    }

    static byte[] encode(String storeId, String batchId, List<PendingEvent> events) {
        ObjectNode message = SyncJson.MAPPER.createObjectNode();
        message.put("store", storeId);
        message.put("batch", batchId);
        ArrayNode array = message.putArray("events");
        for (PendingEvent pending : events) {
            ObjectNode event = array.addObject();
            event.put("sequence", pending.sequence());
            event.put("previous", pending.previousInCapability());
            event.put("key", pending.event().idempotencyKey());
            event.put("capability", pending.event().capability().name());
            event.put("type", pending.event().type());
            event.put("aggregate", pending.event().aggregateId());
            event.put("at", pending.event().occurredAt().toString());
            // Stored as valid JSON (the table checks it), so it goes out as it is, not parsed again.
            event.putRawValue("payload", new RawValue(pending.event().payloadJson()));
        }
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }
}
