package io.holdfast.outbox;

import java.util.List;

/**
 * Takes central's verdicts before their events are marked acknowledged; it must be idempotent,
 * because central sends a verdict again with every repeated acknowledgement.
 */
@FunctionalInterface
public interface VerdictHandler {

    void settle(List<CentralVerdict> verdicts);
}
