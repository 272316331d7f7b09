package io.holdfast.regional.command;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.sync.SyncJson;

/**
 * A command signed and not yet published: its id, the store (or {@code all}) it names, the signed
 * envelope, and what obeying it looks like in the stores' heartbeats.
 *
 * @param capabilities the capabilities whose state shows it was obeyed
 * @param expect       the state those capabilities reach, if a heartbeat can show it
 */
public record Draft(String id, String type, String store, byte[] envelope, Set<String> capabilities,
                    Optional<String> expect) {

    public Draft {
        capabilities = Set.copyOf(capabilities);
    }

    /** When the signed command expires, read from the envelope's signed bytes. */
    public Instant expiresAt() {
        try {
            JsonNode envelope = SyncJson.MAPPER.readTree(this.envelope);
            JsonNode command = SyncJson.MAPPER.readTree(Base64.getDecoder().decode(envelope.path("command").asText()));
            return Instant.parse(command.path("expiresAt").asText());
        } catch (IOException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new IllegalStateException("command " + id + " has no readable expiry in its envelope", e);
        }
    }
}
