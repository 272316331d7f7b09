package io.holdfast.release;

import java.security.PublicKey;
import java.util.Map;

/**
 * The release keys a store trusts, by key id, and how many of them must sign a manifest (by default
 * 2 of 3): one stolen key cannot push a release on its own.
 */
public record ReleaseTrust(Map<String, PublicKey> keys, int threshold) {

    public ReleaseTrust {
        keys = Map.copyOf(keys);
        if (threshold < 1 || threshold > keys.size()) {
            throw new IllegalArgumentException("the release threshold must be 1 to the number of trusted release keys ("
                    + keys.size() + "), but was " + threshold);
        }
    }
}
