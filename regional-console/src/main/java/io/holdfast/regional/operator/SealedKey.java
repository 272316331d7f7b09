package io.holdfast.regional.operator;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An operator's private key sealed with their passphrase: AES-256-GCM under a key derived with
 * PBKDF2-HMAC-SHA256, all in the JDK. The passphrase is never stored; a wrong one fails the
 * GCM tag, which is also how a sign-in is checked.
 *
 * @param sealed Base64 of the 12-byte nonce followed by the ciphertext and tag
 */
public record SealedKey(String sealed, String salt, int iterations) {

    public static final int ITERATIONS = 210_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static SealedKey seal(PrivateKey key, char[] passphrase) {
        byte[] salt = new byte[16];
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, derive(passphrase, salt, ITERATIONS), new GCMParameterSpec(128, nonce));
            byte[] body = cipher.doFinal(key.getEncoded());
            byte[] out = new byte[nonce.length + body.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(body, 0, out, nonce.length, body.length);
            return new SealedKey(Base64.getEncoder().encodeToString(out), Base64.getEncoder().encodeToString(salt),
                    ITERATIONS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot seal a key with AES-GCM", e);
        }
    }

    /** The private key, or empty when the passphrase is not the one it was sealed with. */
    public Optional<PrivateKey> open(char[] passphrase) {
        byte[] all = Base64.getDecoder().decode(sealed);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, derive(passphrase, Base64.getDecoder().decode(salt), iterations),
                    new GCMParameterSpec(128, all, 0, 12));
            byte[] pkcs8 = cipher.doFinal(all, 12, all.length - 12);
            return Optional.of(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed operator key cannot be opened: " + e.getMessage(), e);
        }
    }

    private static SecretKeySpec derive(char[] passphrase, byte[] salt, int iterations)
            throws GeneralSecurityException {
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(passphrase, salt, iterations, 256)).getEncoded();
        return new SecretKeySpec(key, "AES");
    }
}
