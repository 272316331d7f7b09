package io.holdfast.sync.command;

import java.time.Instant;

/**
 * A command that passed every check: signed by a trusted key, for this store (or all), in its
 * validity window; then claimed as newer than the last one accepted from that key.
 *
 * @param store the store it names, or {@code all}
 */
public record SignedCommand(String id, String keyId, String store, long sequence, Instant issuedAt, Instant expiresAt,
                            Instruction instruction) {

    /**
     * Whether the key's sequence orders this command. A policy has its own order, its version (a
     * policy signed before an ISOLATE but delivered after it still installs; an older version never
     * does), so it neither claims nor needs a sequence of its key.
     */
    public boolean orderedBySequence() {
        return !(instruction instanceof Instruction.ReplacePolicy);
    }
}
