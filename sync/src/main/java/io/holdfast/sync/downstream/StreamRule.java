package io.holdfast.sync.downstream;

import java.time.Instant;
import java.util.Optional;

/**
 * Decides what a downstream message does to a stream's position. A new generation starts only at
 * its first chunk; within the followed generation the next sequence applies, an earlier one is a
 * duplicate, and a later one is a gap. A message from an older generation, a gap, or joining a
 * snapshot midway all ask for a fresh snapshot.
 */
public final class StreamRule {

    private StreamRule() {
    }

    public static StreamDecision decide(String stream, Optional<StreamPosition> current, StreamMessage message,
                                        Instant now) {
        boolean startsSnapshot = message.kind() == StreamMessage.Kind.CHUNK && message.sequence() == 1;
        if (current.isEmpty() || message.generation() > current.get().generation()) {
            if (!startsSnapshot) {
                return new StreamDecision.RequestSnapshot("generation " + message.generation() + " joined at sequence "
                        + message.sequence() + ", not at the start of its snapshot");
            }
            return new StreamDecision.Apply(new StreamPosition(stream, message.generation(), 1, 1, message.chunks(),
                    message.chunks() == 1, now));
        }
        StreamPosition position = current.get();
        if (message.generation() < position.generation()) {
            return new StreamDecision.RequestSnapshot("generation " + message.generation() + " is older than "
                    + position.generation());
        }
        if (message.sequence() <= position.sequence()) {
            return new StreamDecision.Duplicate("sequence " + message.sequence() + " applied before");
        }
        if (message.sequence() > position.sequence() + 1) {
            return new StreamDecision.RequestSnapshot("gap: sequence " + message.sequence() + " after "
                    + position.sequence());
        }
        if (message.kind() == StreamMessage.Kind.CHANGE && !position.complete()) {
            return new StreamDecision.RequestSnapshot("a change arrived before the snapshot was complete");
        }
        long done = message.kind() == StreamMessage.Kind.CHUNK ? position.chunksDone() + 1 : position.chunksDone();
        return new StreamDecision.Apply(new StreamPosition(stream, position.generation(), message.sequence(), done,
                position.chunksTotal(), done >= position.chunksTotal(), now));
    }
}
