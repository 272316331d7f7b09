package io.holdfast.sync;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.holdfast.mqtt.Broker;

/**
 * How the store syncs with central over MQTT ({@code holdfast.sync.*}). Without a broker the store
 * keeps everything in its outbox and syncs nothing, which is a valid way to run a store.
 *
 * @param broker        the broker's node or nodes and the store's user on it; none, and nothing is synced
 * @param trustedKeys   regional IT's key id to its Base64 X.509 Ed25519 public key
 * @param commandSkew   how far the store's clock and regional IT's may disagree about a command's window
 * @param heartbeatEvery how often the retained status is published
 * @param retention      how long events central acknowledged are kept before they are purged
 */
public record SyncConfig(Optional<Broker> broker, Map<String, String> trustedKeys, Duration commandSkew,
                         Duration heartbeatEvery, int eventsPerSecond, Duration resyncSpread, Duration ackTimeout,
                         Duration retention) {

    public static final Duration DEFAULT_COMMAND_SKEW = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    public static final int DEFAULT_EVENTS_PER_SECOND = 500;
    public static final Duration DEFAULT_RESYNC_SPREAD = Duration.ofSeconds(30);
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    public SyncConfig {
        Objects.requireNonNull(broker, "broker");
        trustedKeys = Map.copyOf(trustedKeys);
        if (eventsPerSecond < 1) {
            throw new IllegalArgumentException("holdfast.sync.events-per-second must be positive, but was "
                    + eventsPerSecond);
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("holdfast.sync.retention must not be negative, but was " + retention);
        }
        if (heartbeatEvery.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("holdfast.sync.heartbeat must be at least 1 s, but was "
                    + heartbeatEvery);
        }
    }

    public static SyncConfig off() {
        return new SyncConfig(Optional.empty(), Map.of(), DEFAULT_COMMAND_SKEW, DEFAULT_HEARTBEAT,
                DEFAULT_EVENTS_PER_SECOND, DEFAULT_RESYNC_SPREAD, DEFAULT_ACK_TIMEOUT, DEFAULT_RETENTION);
    }


    public SyncConfig withBroker(URI broker) {
        return withBroker(Broker.at(broker));
    }

    public SyncConfig withBroker(Broker broker) {
        return new SyncConfig(Optional.of(broker), trustedKeys, commandSkew, heartbeatEvery, eventsPerSecond,
                resyncSpread, ackTimeout, retention);
    }

    public SyncConfig withTrustedKey(String id, String base64PublicKey) {
        Map<String, String> more = new LinkedHashMap<>(trustedKeys);
        more.put(id, base64PublicKey);
        return new SyncConfig(broker, more, commandSkew, heartbeatEvery, eventsPerSecond, resyncSpread, ackTimeout,
                retention);
    }

    public SyncConfig withTrustedKeys(Map<String, String> keys) {
        SyncConfig more = this;
        for (Map.Entry<String, String> key : keys.entrySet()) {
            more = more.withTrustedKey(key.getKey(), key.getValue());
        }
        return more;
    }

    /** The most events a second the relay sends to central. */
    public SyncConfig withRate(int perSecond) {
        return new SyncConfig(broker, trustedKeys, commandSkew, heartbeatEvery, perSecond, resyncSpread, ackTimeout,
                retention);
    }

    public SyncConfig withTiming(Duration heartbeat, Duration spread, Duration ackTimeout) {
        return new SyncConfig(broker, trustedKeys, commandSkew, heartbeat, eventsPerSecond, spread, ackTimeout,
                retention);
    }
}
