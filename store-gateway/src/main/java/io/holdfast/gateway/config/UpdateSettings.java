package io.holdfast.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.helidon.config.Config;
import io.holdfast.release.ReleaseTrust;
import io.holdfast.release.UpdatePolicy;
import io.holdfast.store.Keys;

/**
 * {@code holdfast.updates.*}: where releases live, where they come from, whom to trust, and the
 * gate's policy. With no release keys, updates are off: nothing is fetched or installed.
 *
 * @param server      the release server's base URL; empty: releases only arrive from a USB stick
 * @param releaseKeys the public keys of regional IT's release keys, by id (Base64 X.509 Ed25519)
 */
public record UpdateSettings(Path folder, Optional<URI> server, Map<String, String> releaseKeys, int threshold,
                             List<String> cohorts, LocalTime windowStart, LocalTime windowEnd, Duration quietFor,
                             long backlogLimit, Duration healthWindow, Duration healthSoak, Duration checkEvery) {

    public static final Path DEFAULT_FOLDER = Path.of("data", "releases");

    public UpdateSettings {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(server, "server");
        releaseKeys = Map.copyOf(releaseKeys);
        cohorts = List.copyOf(cohorts);
        if (!releaseKeys.isEmpty() && (threshold < 1 || threshold > releaseKeys.size())) {
            throw new IllegalArgumentException("holdfast.updates.threshold must be 1 to the number of release keys ("
                    + releaseKeys.size() + "), but was " + threshold);
        }
        if (healthWindow.compareTo(healthSoak) <= 0) {
            throw new IllegalArgumentException("holdfast.updates.health-window (" + healthWindow
                    + ") must be longer than health-soak (" + healthSoak + ")");
        }
        if (checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("holdfast.updates.check-every must be positive, but was " + checkEvery);
        }
    }

    /** Updates off: no keys, the default folder. */
    public static final UpdateSettings OFF = new UpdateSettings(DEFAULT_FOLDER, Optional.empty(), Map.of(), 2, List.of(),
            LocalTime.of(21, 0), LocalTime.of(6, 0), Duration.ofSeconds(60), 1_000, Duration.ofSeconds(120),
            Duration.ofSeconds(10), Duration.ofSeconds(1));

    public static UpdateSettings from(Config updates) {
        return new UpdateSettings(
                Path.of(updates.get("folder").asString().orElse(DEFAULT_FOLDER.toString())),
                updates.get("server").asString().asOptional().filter(text -> !text.isBlank())
                        .map(text -> URI.create(text.endsWith("/") ? text : text + "/")),
                ConfiguredKeys.read(updates.get("release-keys")),
                updates.get("threshold").asInt().orElse(OFF.threshold()),
                updates.get("cohorts").asList(String.class).orElse(List.of()),
                updates.get("window-start").asString().map(LocalTime::parse).orElse(OFF.windowStart()),
                updates.get("window-end").asString().map(LocalTime::parse).orElse(OFF.windowEnd()),
                updates.get("quiet-for").as(Duration.class).orElse(OFF.quietFor()),
                updates.get("backlog-limit").asLong().orElse(OFF.backlogLimit()),
                updates.get("health-window").as(Duration.class).orElse(OFF.healthWindow()),
                updates.get("health-soak").as(Duration.class).orElse(OFF.healthSoak()),
                updates.get("check-every").as(Duration.class).orElse(OFF.checkEvery()));
    }

    public boolean enabled() {
        return !releaseKeys.isEmpty();
    }

    public ReleaseTrust trust() {
        Map<String, java.security.PublicKey> keys = new LinkedHashMap<>();
        releaseKeys.forEach((id, text) -> keys.put(id, Keys.ed25519PublicKey(text)));
        return new ReleaseTrust(keys, threshold);
    }

    /** The store's own update policy, in force until regional IT's policy carries an {@code updates} section. */
    public UpdatePolicy policy() {
        return new UpdatePolicy(windowStart, windowEnd, quietFor, backlogLimit);
    }
}
