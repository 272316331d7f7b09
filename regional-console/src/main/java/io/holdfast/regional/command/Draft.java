package io.holdfast.regional.command;

import java.util.Optional;
import java.util.Set;

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

    public Draft withEnvelope(byte[] signed) {
        return new Draft(id, type, store, signed, capabilities, expect);
    }
}
