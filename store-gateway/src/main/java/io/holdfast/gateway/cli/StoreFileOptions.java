package io.holdfast.gateway.cli;

import java.nio.file.Path;
import java.util.Optional;

import io.holdfast.gateway.config.GatewayConfig;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.store.DatabaseSettings;
import picocli.CommandLine.Option;

/** The options of the commands that work on a store file: the gateway's configuration, or the file itself. */
final class StoreFileOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "The gateway's configuration, to find the store.")
    Path config;

    @Option(names = "--database", paramLabel = "DB", description = "The store file (overrides configuration).")
    Path database;

    /** The gateway's settings from {@code --config}, or the defaults. */
    GatewaySettings gateway() {
        return GatewaySettings.from(GatewayConfig.load(Optional.ofNullable(config)));
    }

    /** The store file: {@code --database}, else the configuration's (read only when needed). */
    DatabaseSettings settings() {
        return database != null ? DatabaseSettings.of(database) : gateway().database();
    }

    /** The store file: {@code --database}, else that of {@code gateway}, the settings already read. */
    DatabaseSettings settings(GatewaySettings gateway) {
        return database != null ? DatabaseSettings.of(database) : gateway.database();
    }
}
