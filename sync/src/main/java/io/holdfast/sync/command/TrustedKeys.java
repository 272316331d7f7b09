package io.holdfast.sync.command;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The Ed25519 public keys of regional IT the store trusts, by key id, from configuration. */
public final class TrustedKeys {

    private final Map<String, PublicKey> keys;

    private TrustedKeys(Map<String, PublicKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    /** @param encoded key id to the Base64 of the X.509 (SubjectPublicKeyInfo) encoding */
    public static TrustedKeys of(Map<String, String> encoded) {
        Map<String, PublicKey> keys = new TreeMap<>();
        encoded.forEach((id, base64) -> keys.put(id, decode(id, base64)));
        return new TrustedKeys(keys);
    }

    public static TrustedKeys none() {
        return new TrustedKeys(Map.of());
    }

    public Optional<PublicKey> find(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    public int size() {
        return keys.size();
    }

    private static PublicKey decode(String id, String base64) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("trusted key '" + id + "' is not a Base64 X.509 Ed25519 public key", e);
        }
    }
}
