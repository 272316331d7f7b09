package io.holdfast.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The store keeps a collection code only as a hash, salted with the order id so that two orders
 * with the same code do not share a hash.
 */
public final class CollectionCodes {

    private CollectionCodes() {
    }

    public static String hash(OrderId order, String code) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest((order.value() + ":" + code.strip()).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK, yet is missing", e);
        }
    }
}
