package io.holdfast.sync.downstream;

import java.time.Instant;

/**
 * Where a stream stands: the generation followed, the last sequence applied, and the snapshot's
 * progress. {@code complete} once every chunk of the snapshot is in.
 */
public record StreamPosition(String stream, long generation, long sequence, long chunksDone, long chunksTotal,
                             boolean complete, Instant updatedAt) {
}
