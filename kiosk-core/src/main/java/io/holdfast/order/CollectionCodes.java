package io.holdfast.order;

import java.util.HexFormat;
import java.util.List;

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

    private static final String PREFIX = "hmac:";

    private final SecretKeySpec key;

    /** @param key this store's collection-code secret, at least 32 bytes */
    public CollectionCodes(byte[] key) {
        this.key = Hashes.hmacKey(key, "collection-code key");
    }

    public String hash(String code) {
        return PREFIX + HexFormat.of().formatHex(Hashes.hmacSha256(key, "holdfast-collection-code:" + code.strip()));
    }

    /**
     * What a typed code may be stored as: its keyed hash, and the plain hash stores kept before
     * (rows the manifest has not refreshed since; central sends keyed hashes now).
     */
    List<String> storedForms(String code) {
        return List.of(hash(code), "sha256:" + Hashes.sha256Hex("holdfast-collection-code:" + code.strip()));
    }
}
