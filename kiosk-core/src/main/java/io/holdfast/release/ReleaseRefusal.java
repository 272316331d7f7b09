package io.holdfast.release;

/** Why a store will not take a release: each a stable code, for the audit log, the report and the page. */
public enum ReleaseRefusal {
    /** The manifest or its signatures cannot be read. */
    MALFORMED("release-malformed"),
    /** No trusted release key signed it. */
    UNSIGNED("release-unsigned"),
    /** Fewer trusted keys signed it than the threshold asks. */
    UNDER_THRESHOLD("release-under-threshold"),
    /** Its expiry has passed. */
    EXPIRED("release-expired"),
    /** It is for other stores. */
    NOT_FOR_THIS_STORE("release-not-for-store"),
    /** Its release number is not above the highest this store has accepted. */
    NOT_NEWER("release-not-newer"),
    /** It needs a schema newer than this store's migrations reach. */
    SCHEMA_TOO_NEW("release-schema-too-new"),
    /** A file's hash or size is not what the manifest says. */
    FILE_MISMATCH("release-file-mismatch"),
    /** The bundle fetched is not the one announced (its SHA-256 differs), three times running. */
    BUNDLE_MISMATCH("release-bundle-mismatch"),
    /** Its files could not be written (a full disk): the running release goes on. */
    STAGING_FAILED("release-staging-failed");

    private final String code;

    ReleaseRefusal(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
