package io.holdfast.gateway.config;

import java.security.PublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;

import io.holdfast.order.CollectionCodes;
import io.holdfast.staff.DeviceCredential;
import io.holdfast.staff.Role;
import io.holdfast.store.Keys;

/**
 * What the collection desk needs beyond the store: central's key for collection QR codes, how
 * often the manifest is refreshed, and the device tokens of the kiosks ({@code holdfast.kiosks}) and
 * tills ({@code holdfast.tills}).
 *
 * @param devices device id to its role and the SHA-256 (hex) of its token
 */
public record DeskSettings(Optional<PublicKey> centralSigningKey, Duration manifestRefresh,
                           Map<String, DeviceCredential> devices, Optional<CollectionCodes> collectionCodes) {

    public static final Duration DEFAULT_MANIFEST_REFRESH = Duration.ofSeconds(60);

    public DeskSettings {
        Objects.requireNonNull(centralSigningKey, "central signing key");
        if (manifestRefresh.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("holdfast.central.manifest-refresh must be at least 1 s, but was "
                    + manifestRefresh);
        }
        devices = Map.copyOf(devices);
        Objects.requireNonNull(collectionCodes, "collection codes");
    }

    public static DeskSettings defaults() {
        return new DeskSettings(Optional.empty(), DEFAULT_MANIFEST_REFRESH, Map.of(), Optional.empty());
    }

    static DeskSettings from(Config holdfast) {
        Config central = holdfast.get("central");
        Optional<PublicKey> key = central.get("signing-public-key").asString().asOptional()
                .filter(text -> !text.isBlank()).map(Keys::ed25519PublicKey);
        Map<String, DeviceCredential> devices = new HashMap<>();
        readDevices(holdfast.get("kiosks"), Role.KIOSK, devices);
        readDevices(holdfast.get("tills"), Role.TILL, devices);
        Optional<CollectionCodes> codes = central.get("collection-code-key").asString().asOptional()
                .filter(text -> !text.isBlank()).map(text -> new CollectionCodes(base64(text)));
        return new DeskSettings(key,
                central.get("manifest-refresh").as(Duration.class).orElse(DEFAULT_MANIFEST_REFRESH),
                devices, codes);
    }

    private static byte[] base64(String text) {
        try {
            return java.util.Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("holdfast.central.collection-code-key must be Base64", e);
        }
    }

    private static void readDevices(Config list, Role role, Map<String, DeviceCredential> devices) {
        for (Config device : list.asNodeList().orElse(java.util.List.of())) {
            String id = device.get("id").asString().orElseThrow(() -> new ConfigException(device.key() + ".id is missing"));
            String hash = device.get("token-sha256").asString()
                    .orElseThrow(() -> new ConfigException(device.key() + ".token-sha256 is missing"));
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new ConfigException(device.key() + ".token-sha256 must be 64 lower-case hex digits");
            }
            if (devices.putIfAbsent(id, new DeviceCredential(role, hash)) != null) {
                throw new ConfigException(device.key() + ".id '" + id + "' is already another kiosk's or till's id");
            }
        }
    }

    public DeskSettings withCentralSigningKey(PublicKey key) {
        return new DeskSettings(Optional.of(key), manifestRefresh, devices, collectionCodes);
    }

    /** The secret this store shares with central for collection codes (at least 32 bytes). */
    public DeskSettings withCollectionCodeKey(byte[] key) {
        return new DeskSettings(centralSigningKey, manifestRefresh, devices, Optional.of(new CollectionCodes(key)));
    }

    public DeskSettings withDevice(String id, Role role, String tokenSha256) {
        Map<String, DeviceCredential> more = new HashMap<>(devices);
        more.put(id, new DeviceCredential(role, tokenSha256));
        return new DeskSettings(centralSigningKey, manifestRefresh, more, collectionCodes);
    }
}
