package io.holdfast.sync;

import java.time.Instant;
import java.util.Optional;

/**
 * How the relay is doing, for the status page, metrics and the heartbeat.
 *
 * @param batchesInFlight published, waiting for central's acknowledgement
 * @param eventsAcknowledged since the relay started
 * @param resends batches sent again after their acknowledgement timed out
 * @param dropped malformed, unknown or oversized messages dropped on arrival
 * @param lastContact when central last acknowledged anything
 * @param refusedBecause why the relay stays off the broker: another gateway for this store is on it
 */
public record RelayStatus(boolean connected, int batchesInFlight, long eventsPublished, long eventsAcknowledged,
                          long resends, long dropped, int eventsPerSecond, Optional<Instant> lastContact,
                          Optional<Instant> holdingUntil, Optional<String> refusedBecause) {
}
