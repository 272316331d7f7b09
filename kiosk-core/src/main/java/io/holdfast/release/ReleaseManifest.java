package io.holdfast.release;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a release bundle says of itself; regional IT's release keys sign its exact JSON bytes.
 *
 * @param version        the version people read ("1.4.0")
 * @param release        a number that only goes up from one release to the next: what the store's
 *                       ratchet compares, never the version text
 * @param files          every file of the bundle with its hash and size
 * @param minimumSchema  the lowest schema version this release can run on
 * @param expires        after this the release is refused, so an old signed release cannot be replayed
 * @param audience       which stores it is for
 * @param fix            a fix, allowed through a freeze
 */
public record ReleaseManifest(String version, long release, List<ReleaseFile> files, int minimumSchema, Instant expires,
                              ReleaseAudience audience, boolean fix) {

    public ReleaseManifest {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(audience, "audience");
        files = List.copyOf(files);
        if (version.isBlank()) {
            throw new IllegalArgumentException("a release needs a version");
        }
        if (release < 1) {
            throw new IllegalArgumentException("a release number must be positive, but was " + release);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("release " + version + " names no files");
        }
        if (files.stream().map(ReleaseFile::path).distinct().count() != files.size()) {
            throw new IllegalArgumentException("release " + version + " names a file twice");
        }
        if (minimumSchema < 1) {
            throw new IllegalArgumentException("a release's minimum schema must be positive, but was " + minimumSchema);
        }
    }
}
