package io.holdfast.release;

import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.holdfast.store.Keys;

/**
 * Decides whether this store takes a release, before anything is downloaded or staged: the signatures
 * first (nothing an untrusted party wrote is believed), then expiry, audience, the ratchet and the
 * schema. A pure rule: the caller saves the new ratchet only after every check has passed (tough's
 * CVE-2025-2888 saved trust state before its rollback check).
 */
public final class ReleaseCheck {

    /** What the store knows of itself when it judges a release. */
    public record StoreFacts(String storeId, List<String> cohorts, long highestAccepted, int schemaReach) {
        public StoreFacts {
            cohorts = List.copyOf(cohorts);
        }
    }

    private final ReleaseTrust trust;

    public ReleaseCheck(ReleaseTrust trust) {
        this.trust = trust;
    }

    public ReleaseVerdict judge(byte[] manifestJson, List<ReleaseSignature> signatures, StoreFacts store, Instant now) {
        Set<String> signers = new LinkedHashSet<>();
        for (ReleaseSignature signature : signatures) {
            PublicKey key = trust.keys().get(signature.keyId());
            if (key != null && Keys.verifies(key, manifestJson, signature.signature())) {
                signers.add(signature.keyId());
            }
        }
        if (signers.isEmpty()) {
            return refused(ReleaseRefusal.UNSIGNED, "no trusted release key signed this manifest");
        }
        if (signers.size() < trust.threshold()) {
            return refused(ReleaseRefusal.UNDER_THRESHOLD, signers.size() + " trusted release key(s) signed it "
                    + signers + "; " + trust.threshold() + " must");
        }
        ReleaseManifest manifest;
        try {
            manifest = ReleaseManifestJson.read(manifestJson);
        } catch (IllegalArgumentException e) {
            return refused(ReleaseRefusal.MALFORMED, e.getMessage());
        }
        if (!now.isBefore(manifest.expires())) {
            return refused(ReleaseRefusal.EXPIRED, "release " + manifest.version() + " expired at " + manifest.expires());
        }
        if (!manifest.audience().includes(store.storeId(), store.cohorts())) {
            return refused(ReleaseRefusal.NOT_FOR_THIS_STORE, "release " + manifest.version() + " is for "
                    + manifest.audience().words() + ", not store " + store.storeId());
        }
        if (manifest.release() <= store.highestAccepted()) {
            return refused(ReleaseRefusal.NOT_NEWER, "release " + manifest.version() + " is number " + manifest.release()
                    + "; this store has accepted number " + store.highestAccepted() + " already");
        }
        if (manifest.minimumSchema() > store.schemaReach()) {
            return refused(ReleaseRefusal.SCHEMA_TOO_NEW, "release " + manifest.version() + " needs schema "
                    + manifest.minimumSchema() + "; this store's migrations reach " + store.schemaReach());
        }
        return new ReleaseVerdict.Accepted(manifest, List.copyOf(signers));
    }

    private static ReleaseVerdict refused(ReleaseRefusal refusal, String reason) {
        return new ReleaseVerdict.Refused(refusal, reason);
    }
}
