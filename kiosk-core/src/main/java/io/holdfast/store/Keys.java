package io.holdfast.store;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Public keys as configuration carries them: base64 of the X.509 SubjectPublicKeyInfo. */
public final class Keys {

    private Keys() {
    }

    public static PublicKey ed25519PublicKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519")
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
