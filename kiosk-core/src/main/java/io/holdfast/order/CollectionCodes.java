package io.holdfast.order;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.holdfast.store.Hashes;

/**
 * The store keeps a collection code only as a keyed hash (HMAC-SHA256 under a secret this store
 * shares with central, which hashes the codes it sends in the manifest), so codes never show on
 * screens, in logs or in exports, and a copy of the store file gives none of them away: a plain hash
 * of six digits was reversed by trying the million codes in a second. The hash is not salted per
 * order, so the desk can find an order by the code alone.
 */
public final class CollectionCodes {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "hmac:";

    private final SecretKeySpec key;

    /** @param key this store's collection-code secret, at least 32 bytes */
    public CollectionCodes(byte[] key) {
        Objects.requireNonNull(key, "collection-code key");
        if (key.length < 32) {
            throw new IllegalArgumentException("a collection-code key must be at least 32 bytes, but was " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    public String hash(String code) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(("holdfast-collection-code:" + code.strip())
                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK, yet failed", e);
        }
    }

    /**
     * What a typed code may be stored as: its keyed hash, and the plain hash stores kept before
     * (rows the manifest has not refreshed since; central sends keyed hashes now).
     */
    List<String> storedForms(String code) {
        return List.of(hash(code), "sha256:" + Hashes.sha256Hex("holdfast-collection-code:" + code.strip()));
    }
}
