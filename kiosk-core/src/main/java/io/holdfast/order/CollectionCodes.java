package io.holdfast.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest(("holdfast-collection-code:" + code.strip()).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK, yet is missing", e);
        }
    }
}
