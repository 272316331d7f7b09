package io.holdfast.sync.downstream;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Follows central's downstream streams (manifest, gift-card balances, ...): each message is read,
 * decided by {@link StreamRule}, applied by the stream's applier and then recorded as the stream's
 * position. What cannot be followed asks central for a fresh snapshot; what is malformed is
 * counted and dropped. Never throws for what arrived.
 */
public final class DownstreamStreams {

    private static final System.Logger LOG = System.getLogger(DownstreamStreams.class.getName());

    private final Map<String, StreamApplier> appliers;
    private final StreamPositions positions;
    private final BiConsumer<String, String> requestSnapshot;
    private final Clock clock;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong snapshotRequests = new AtomicLong();

    /**
     * @param appliers        by stream name (the last part of the topic)
     * @param requestSnapshot told the stream and why, to ask central for a fresh snapshot
     */
    public DownstreamStreams(Map<String, StreamApplier> appliers, StreamPositions positions,
                             BiConsumer<String, String> requestSnapshot, Clock clock) {
        this.appliers = Map.copyOf(appliers);
        this.positions = positions;
        this.requestSnapshot = requestSnapshot;
        this.clock = clock;
    }

    public java.util.Set<String> streams() {
        return appliers.keySet();
    }

    public StreamDecision handle(String stream, byte[] payload) {
        StreamApplier applier = appliers.get(stream);
        if (applier == null) {
            return drop(stream, "no such stream");
        }
        StreamMessage message;
        try {
            message = StreamMessage.parse(payload);
        } catch (IllegalArgumentException e) {
            return drop(stream, e.getMessage());
        }
        StreamDecision decision = StreamRule.decide(stream, positions.find(stream), message, clock.instant());
        switch (decision) {
            case StreamDecision.Apply apply -> {
                try {
                    applier.apply(message.rows());
                } catch (IllegalArgumentException e) {
                    drop(stream, "a malformed row: " + e.getMessage());
                    return ask(stream, "a malformed row in sequence " + message.sequence());
                }
                positions.save(apply.next());
            }
            case StreamDecision.RequestSnapshot request -> ask(stream, request.why());
            case StreamDecision.Duplicate duplicate -> {
                // Already applied.
            }
            case StreamDecision.Dropped dropped -> {
                // Not produced by the rule.
            }
        }
        return decision;
    }

    public List<StreamPosition> progress() {
        return positions.all();
    }

    public long dropped() {
        return dropped.get();
    }

    public long snapshotRequests() {
        return snapshotRequests.get();
    }

    private StreamDecision ask(String stream, String why) {
        snapshotRequests.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING, "asking central for a fresh {0} snapshot: {1}", stream, why);
        requestSnapshot.accept(stream, why);
        return new StreamDecision.RequestSnapshot(why);
    }

    private StreamDecision drop(String stream, String why) {
        dropped.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING, "dropped a message on stream {0}: {1}", stream, why);
        return new StreamDecision.Dropped(why);
    }
}
