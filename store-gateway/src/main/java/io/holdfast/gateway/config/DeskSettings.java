package io.holdfast.gateway.config;

import java.security.PublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;

import io.holdfast.store.Keys;

/**
 * What the collection desk needs beyond the store: central's key for collection QR codes, how
 * often the manifest is refreshed, and the kiosks' device tokens.
 *
 * @param kioskTokenHashes kiosk device id to the SHA-256 (hex) of its token
 */
public record DeskSettings(Optional<PublicKey> centralSigningKey, Duration manifestRefresh,
                           Map<String, String> kioskTokenHashes) {

    public static final Duration DEFAULT_MANIFEST_REFRESH = Duration.ofSeconds(60);

    public DeskSettings {
        Objects.requireNonNull(centralSigningKey, "central signing key");
        if (manifestRefresh.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("holdfast.central.manifest-refresh must be at least 1 s, but was "
                    + manifestRefresh);
        }
        kioskTokenHashes = Map.copyOf(kioskTokenHashes);
    }

    public static DeskSettings defaults() {
        return new DeskSettings(Optional.empty(), DEFAULT_MANIFEST_REFRESH, Map.of());
    }

    static DeskSettings from(Config holdfast) {
        Config central = holdfast.get("central");
        Optional<PublicKey> key = central.get("signing-public-key").asString().asOptional()
                .filter(text -> !text.isBlank()).map(Keys::ed25519PublicKey);
        Map<String, String> kiosks = new HashMap<>();
        for (Config kiosk : holdfast.get("kiosks").asNodeList().orElse(java.util.List.of())) {
            String id = kiosk.get("id").asString().orElseThrow(() -> new ConfigException(kiosk.key() + ".id is missing"));
            String hash = kiosk.get("token-sha256").asString()
                    .orElseThrow(() -> new ConfigException(kiosk.key() + ".token-sha256 is missing"));
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new ConfigException(kiosk.key() + ".token-sha256 must be 64 lower-case hex digits");
            }
            kiosks.put(id, hash);
        }
        return new DeskSettings(key,
                central.get("manifest-refresh").as(Duration.class).orElse(DEFAULT_MANIFEST_REFRESH),
                kiosks);
    }

    public DeskSettings withCentralSigningKey(PublicKey key) {
        return new DeskSettings(Optional.of(key), manifestRefresh, kioskTokenHashes);
    }

    public DeskSettings withKiosk(String id, String tokenSha256) {
        Map<String, String> more = new HashMap<>(kioskTokenHashes);
        more.put(id, tokenSha256);
        return new DeskSettings(centralSigningKey, manifestRefresh, more);
    }
}
