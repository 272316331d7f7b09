package io.holdfast.sync.command;

import java.time.Instant;
import java.util.List;

/**
 * A command that passed every check: signed by a trusted key, for this store (or all), in its
 * validity window; then claimed as newer than the last one accepted from that key.
 *
 * @param store      the store it names, or {@code all}
 * @param approvedBy the other trusted keys that signed the same bytes (an approver's), in the envelope's order
 */
public record SignedCommand(String id, String keyId, String store, long sequence, Instant issuedAt, Instant expiresAt,
                            Instruction instruction, List<String> approvedBy) {

    public SignedCommand {
        approvedBy = List.copyOf(approvedBy);
    }

    /**
     * Whether a command needs two people: restoring the whole fleet at once, or any release. One
     * person may contain anything; bringing things back and changing the software need a second.
     */
    public static boolean needsApproval(String store, Instruction instruction) {
        return instruction instanceof Instruction.UpdateAvailable
                || (instruction instanceof Instruction.Restore && store.equals("all"));
    }

    /**
     * Whether the key's sequence orders this command. A policy has its own order, its version (a
     * policy signed before an ISOLATE but delivered after it still installs; an older version never
     * does), so it neither claims nor needs a sequence of its key.
     */
    public boolean orderedBySequence() {
        return !(instruction instanceof Instruction.ReplacePolicy);
    }
}
