package io.holdfast.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
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
                .map(Broker::parse).map(nodes -> signedIn(nodes, sync));
        return new SyncConfig(broker, ConfiguredKeys.read(sync.get("trusted-keys")),
                sync.get("command-skew").as(Duration.class).orElse(SyncConfig.DEFAULT_COMMAND_SKEW),
                sync.get("heartbeat").as(Duration.class).orElse(SyncConfig.DEFAULT_HEARTBEAT),
                sync.get("events-per-second").asInt().orElse(SyncConfig.DEFAULT_EVENTS_PER_SECOND),
                sync.get("resync-spread").as(Duration.class).orElse(SyncConfig.DEFAULT_RESYNC_SPREAD),
                sync.get("ack-timeout").as(Duration.class).orElse(SyncConfig.DEFAULT_ACK_TIMEOUT),
                sync.get("retention").as(Duration.class).orElse(SyncConfig.DEFAULT_RETENTION));
    }

    /**
     * The store's own user on the broker ({@code username}, and {@code password-file}: the password
     * is kept out of the config, in a file only the gateway reads) and the issuer of the broker's TLS
     * certificate ({@code tls-issuer}, PEM).
     */
    private static Broker signedIn(Broker nodes, Config sync) {
        Broker broker = nodes;
        Optional<String> user = sync.get("username").asString().asOptional().filter(text -> !text.isBlank());
        if (user.isPresent()) {
            Path file = sync.get("password-file").asString().asOptional().map(Path::of).orElseThrow(() ->
                    new IllegalArgumentException("holdfast.sync.username is set, so holdfast.sync.password-file must be"));
            try {
                broker = broker.withLogin(user.get(), Files.readString(file).strip());
            } catch (IOException e) {
                throw new IllegalArgumentException("holdfast.sync.password-file: cannot read " + file + ": "
                        + e.getMessage(), e);
            }
        }
        Optional<Path> issuer = sync.get("tls-issuer").asString().asOptional().filter(text -> !text.isBlank())
                .map(Path::of);
        if (issuer.isPresent()) {
            if (!Files.isReadable(issuer.get())) {
                throw new IllegalArgumentException("holdfast.sync.tls-issuer: cannot read " + issuer.get());
            }
            broker = broker.trusting(issuer.get());
        }
        return broker;
    }
}
