package io.holdfast.store;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519, as every signed thing in Holdfast uses it (collection QR codes, e-receipts, regional
 * IT's commands): new key pairs, signing, checking, and public keys as configuration carries
 * them (base64 of the X.509 SubjectPublicKeyInfo). Ed25519 is in every JDK 15 and later.
 */
public final class Keys {

    private static final String ED25519 = "Ed25519";

    private Keys() {
    }

    public static KeyPair newEd25519Pair() {
        try {
            return KeyPairGenerator.getInstance(ED25519).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK 15+, yet is missing", e);
        }
    }

    /** Signs {@code data}; {@code what} names it in the error if the key is not an Ed25519 private key. */
    public static byte[] sign(PrivateKey key, byte[] data, String what) {
        try {
            Signature ed25519 = Signature.getInstance(ED25519);
            ed25519.initSign(key);
            ed25519.update(data);
            return ed25519.sign();
        } catch (GeneralSecurityException e) {
            throw new StoreException("Cannot sign " + what + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code signature} is {@code key}'s over {@code data}; a malformed signature is simply false. */
    public static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature ed25519 = Signature.getInstance(ED25519);
            ed25519.initVerify(key);
            ed25519.update(data);
            return ed25519.verify(signature);
        } catch (InvalidKeyException e) {
            throw new StoreException("A trusted key is not an Ed25519 key: " + e.getMessage(), e);
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new StoreException("Ed25519 is part of every JDK 15+, yet failed: " + e.getMessage(), e);
        }
    }

    public static PublicKey ed25519PublicKey(String base64) {
        try {
            return KeyFactory.getInstance(ED25519)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("an Ed25519 public key must be base64 of its X.509 encoding: "
                    + e.getMessage(), e);
        }
    }

    public static String base64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }
}
