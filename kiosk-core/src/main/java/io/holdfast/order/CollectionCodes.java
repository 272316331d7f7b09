package io.holdfast.order;

import io.holdfast.store.Hashes;

/**
 * The store keeps a collection code only as a hash, so codes never show on screens, in logs or in
 * exports. A six-digit code cannot resist guessing whatever the hash; what protects it is that
 * the desk checks it against the order in front of the customer. The hash is not salted per
 * order, so the desk can find an order by the code alone.
 */
public final class CollectionCodes {

    private CollectionCodes() {
    }

    public static String hash(String code) {
        return "sha256:" + Hashes.sha256Hex("holdfast-collection-code:" + code.strip());
    }
}
