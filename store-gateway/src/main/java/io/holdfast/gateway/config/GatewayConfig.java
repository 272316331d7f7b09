package io.holdfast.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;

/**
 * Loads configuration, first match wins: system properties, environment variables
 * ({@code HOLDFAST_STORE_DATABASE} for {@code holdfast.store.database}, {@code _dash_} for a dash),
 * the file given with {@code --config}, then the defaults in {@code application.yaml}.
 */
public final class GatewayConfig {

    private GatewayConfig() {
    }

    public static Config load(Optional<Path> file) {
        Config.Builder builder = Config.builder();
        file.ifPresent(path -> {
            if (!Files.isReadable(path)) {
                throw new ConfigException("Configuration file " + path.toAbsolutePath() + " does not exist or cannot be read");
            }
            builder.addSource(ConfigSources.file(path));
        });
        return builder.addSource(ConfigSources.classpath("application.yaml")).build();
    }
}
