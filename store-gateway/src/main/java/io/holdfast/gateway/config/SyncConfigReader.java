package io.holdfast.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.helidon.config.Config;

import io.holdfast.mqtt.Broker;
import io.holdfast.sync.SyncConfig;

/** Reads {@code holdfast.sync.*} into the sync module's {@link SyncConfig}. */
final class SyncConfigReader {

    private SyncConfigReader() {
    }

    static SyncConfig read(Config sync) {
        Optional<Broker> broker = sync.get("broker").asString().asOptional().filter(text -> !text.isBlank())
                .map(nodes -> Broker.configured("holdfast.sync", nodes, sync.get("username").asString().asOptional(),
                        sync.get("password-file").asString().asOptional().map(Path::of),
                        sync.get("tls-issuer").asString().asOptional().map(Path::of)));
        return new SyncConfig(broker, ConfiguredKeys.read(sync.get("trusted-keys")),
                sync.get("command-skew").as(Duration.class).orElse(SyncConfig.DEFAULT_COMMAND_SKEW),
                sync.get("heartbeat").as(Duration.class).orElse(SyncConfig.DEFAULT_HEARTBEAT),
                sync.get("events-per-second").asInt().orElse(SyncConfig.DEFAULT_EVENTS_PER_SECOND),
                sync.get("resync-spread").as(Duration.class).orElse(SyncConfig.DEFAULT_RESYNC_SPREAD),
                sync.get("ack-timeout").as(Duration.class).orElse(SyncConfig.DEFAULT_ACK_TIMEOUT),
                sync.get("retention").as(Duration.class).orElse(SyncConfig.DEFAULT_RETENTION));
    }
}
