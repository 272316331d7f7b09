package io.holdfast.sync.downstream;

import java.util.List;

/**
 * Writes one message's rows into the store. Must be idempotent: a message applied and then
 * delivered again (the position is saved after the rows) changes nothing the second time.
 */
@FunctionalInterface
public interface StreamApplier {

    /** @throws IllegalArgumentException when a row is malformed; nothing of the message is kept */
    void apply(List<String> rowsJson);
}
