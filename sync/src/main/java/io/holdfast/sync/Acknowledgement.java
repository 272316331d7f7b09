package io.holdfast.sync;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.outbox.CentralVerdict;

/**
 * Central's acknowledgement of a store's events, as it arrives on the store's acknowledgement topic:
 * {@code {"acknowledged": [keys], "verdicts": [{"key", "result", "detail"}]}}.
 *
 * @param keys     the events central has applied (or had applied already), by idempotency key
 * @param verdicts what central decided about some of them, to be recorded before they count as done
 */
record Acknowledgement(List<String> keys, List<CentralVerdict> verdicts) {

    Acknowledgement {
        keys = List.copyOf(keys);
        verdicts = List.copyOf(verdicts);
    }

    /**
     * Reads one acknowledgement.
     *
     * @throws IllegalArgumentException saying what is wrong with it: malformed JSON, or no list of keys
     */
    static Acknowledgement parse(byte[] payload) {
        JsonNode ack;
        try {
            ack = SyncJson.MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed JSON", e);
        }
        JsonNode named = ack == null ? null : ack.get("acknowledged");
        if (named == null || !named.isArray()) {
            throw new IllegalArgumentException("not an acknowledgement");
        }
        List<String> keys = new ArrayList<>(named.size());
        named.forEach(key -> keys.add(key.asText()));
        return new Acknowledgement(keys, verdicts(ack.path("verdicts")));
    }

    private static List<CentralVerdict> verdicts(JsonNode array) {
        List<CentralVerdict> verdicts = new ArrayList<>();
        if (!array.isArray()) {
            return verdicts;
        }
        for (JsonNode verdict : array) {
            if (verdict.path("key").isTextual() && verdict.path("result").isTextual()) {
                verdicts.add(new CentralVerdict(verdict.get("key").asText(), verdict.get("result").asText(),
                        verdict.path("detail").isObject() ? verdict.get("detail").toString() : "{}"));
            }
        }
        return verdicts;
    }
}
