package io.holdfast.release;

import java.util.Objects;

/** One release key's Ed25519 signature over a manifest's exact bytes. */
public record ReleaseSignature(String keyId, byte[] signature) {

    public ReleaseSignature {
        Objects.requireNonNull(keyId, "keyId");
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
