package io.holdfast.sync.command;

import java.time.Instant;

/**
 * A command that passed every check: signed by a trusted key, for this store (or all), in its
 * validity window, newer than the last one accepted from that key.
 *
 * @param store the store it names, or {@code all}
 */
public record SignedCommand(String id, String keyId, String store, long sequence, Instant issuedAt, Instant expiresAt,
                            Instruction instruction) {
}
