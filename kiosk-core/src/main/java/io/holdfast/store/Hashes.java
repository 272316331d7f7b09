package io.holdfast.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256, as the store keeps tokens, request fingerprints and the audit chain, and HMAC-SHA256, as
 * it keeps gift cards and collection codes under a secret.
 */
public final class Hashes {

    private static final String HMAC = "HmacSHA256";

    private Hashes() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK, yet is missing", e);
        }
    }

    /** HMAC-SHA256 of {@code text}'s UTF-8 bytes under {@code key}. */
    public static byte[] hmacSha256(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK, yet failed", e);
        }
    }

    /** A secret for {@link #hmacSha256}: at least 32 bytes, else what it is for is named. */
    public static SecretKeySpec hmacKey(byte[] key, String what) {
        Objects.requireNonNull(key, what);
        if (key.length < 32) {
            throw new IllegalArgumentException(what + " must be at least 32 bytes, but was " + key.length);
        }
        return new SecretKeySpec(key.clone(), HMAC);
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes, as 64 lower-case hex digits. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
