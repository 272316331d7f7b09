package io.holdfast.sync.downstream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.holdfast.sync.SyncJson;
import io.holdfast.store.StrictJson;

/**
 * One message of a downstream stream: {@code {"generation": 7, "sequence": 3, "kind": "CHUNK",
 * "chunks": 100, "rows": [...]}}. A snapshot is generation G's chunks, sequences 1 to
 * {@code chunks}; changes follow in the same generation with the next sequences.
 *
 * @param chunks how many chunks the snapshot has (for a CHANGE, 0)
 * @param rows   each row as JSON text, for the stream's applier
 */
public record StreamMessage(long generation, long sequence, Kind kind, long chunks, List<String> rows) {

    public enum Kind { CHUNK, CHANGE }

    private static final ObjectMapper JSON = SyncJson.MAPPER;

    public StreamMessage {
        rows = List.copyOf(rows);
    }

    /** Reads a message; a malformed one is refused with the reason. */
    public static StreamMessage parse(byte[] payload) {
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (node == null || !node.path("kind").isTextual() || !node.path("rows").isArray()) {
            throw new IllegalArgumentException("needs generation, sequence, kind and rows");
        }
        Kind kind;
        try {
            kind = Kind.valueOf(node.get("kind").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown kind '" + node.get("kind").asText() + "'");
        }
        long generation = StrictJson.wholeNumber(node.get("generation"), "generation");
        long sequence = StrictJson.wholeNumber(node.get("sequence"), "sequence");
        long chunks = node.has("chunks") ? StrictJson.wholeNumber(node.get("chunks"), "chunks") : 0;
        if (sequence < 1 || kind == Kind.CHUNK && (chunks < 1 || sequence > chunks)) {
            throw new IllegalArgumentException("sequence " + sequence + " does not fit " + chunks + " chunks");
        }
        List<String> rows = new ArrayList<>();
        node.get("rows").forEach(row -> rows.add(row.toString()));
        return new StreamMessage(generation, sequence, kind, chunks, rows);
    }
}
