package io.holdfast.sync;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import io.holdfast.mqtt.Broker;

/**
 * How the store talks to central over MQTT.
 *
 * @param broker          the broker's node or nodes, and the store's user on it
 * @param batchBytes      the most a batch message may carry
 * @param batchEvents     the most events in one batch
 * @param window          batches in flight, waiting for central's acknowledgement
 * @param ackTimeout      a batch not acknowledged by then is sent again
 * @param reconnectFirst  the first reconnect delay (full jitter up to it)
 * @param reconnectCap    the longest reconnect delay
 * @param eventsPerSecond the most events a second the relay sends (central may lower it)
 * @param resyncSpread    a restore starts its resync after a random delay up to this, so stores do not all send at once
 */
public record SyncSettings(Broker broker, String storeId, int batchBytes, int batchEvents, int window, Duration ackTimeout,
                           Duration reconnectFirst, Duration reconnectCap, int eventsPerSecond, Duration resyncSpread) {

    public SyncSettings {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(storeId, "store id");
        if (batchBytes < 1024 || batchEvents < 1 || window < 1 || eventsPerSecond < 1) {
            throw new IllegalArgumentException("batch bytes (>= 1024), batch events, window and rate must be positive");
        }
    }

    public static SyncSettings defaults(URI broker, String storeId) {
        return defaults(Broker.at(broker), storeId);
    }

    public static SyncSettings defaults(Broker broker, String storeId) {
        return new SyncSettings(broker, storeId, 64 * 1024, 200, 4, Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofMinutes(5), 500, Duration.ofSeconds(30));
    }

    public SyncSettings withAckTimeout(Duration timeout) {
        return new SyncSettings(broker, storeId, batchBytes, batchEvents, window, timeout, reconnectFirst, reconnectCap,
                eventsPerSecond, resyncSpread);
    }

    public SyncSettings withReconnect(Duration first, Duration cap) {
        return new SyncSettings(broker, storeId, batchBytes, batchEvents, window, ackTimeout, first, cap,
                eventsPerSecond, resyncSpread);
    }

    public SyncSettings withResyncSpread(Duration spread) {
        return new SyncSettings(broker, storeId, batchBytes, batchEvents, window, ackTimeout, reconnectFirst,
                reconnectCap, eventsPerSecond, spread);
    }

    /** How many batches may wait for central's acknowledgement at once. */
    public SyncSettings withWindow(int batches) {
        return new SyncSettings(broker, storeId, batchBytes, batchEvents, batches, ackTimeout, reconnectFirst,
                reconnectCap, eventsPerSecond, resyncSpread);
    }

    public SyncSettings withRate(int perSecond) {
        return new SyncSettings(broker, storeId, batchBytes, batchEvents, window, ackTimeout, reconnectFirst,
                reconnectCap, perSecond, resyncSpread);
    }
}
