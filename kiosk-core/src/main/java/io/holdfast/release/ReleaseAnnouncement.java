package io.holdfast.release;

import java.util.Objects;

/**
 * A release the store was told of: by regional IT's signed {@code UPDATE_AVAILABLE}, or by a manager
 * installing a bundle from a USB stick. Nothing in it is trusted: the bundle is checked when it arrives.
 *
 * @param bundle the bundle's file name on the release server, or its path for a USB install
 * @param sha256 the bundle's SHA-256 as announced (hex), checked before the bundle is opened
 * @param urgent installs outside the maintenance window (nothing else in the gate is waived)
 * @param source who announced it: {@code regional-it:<key>} or {@code usb}
 */
public record ReleaseAnnouncement(long release, String bundle, String sha256, boolean urgent, String source) {
    public ReleaseAnnouncement {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(source, "source");
        if (release < 1) {
            throw new IllegalArgumentException("a release number is positive, not " + release);
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a bundle's sha256 is 64 lower-case hex digits");
        }
        if (bundle.isBlank() || bundle.length() > 500) {
            throw new IllegalArgumentException("a bundle is named in 1 to 500 characters");
        }
    }

    /** Whether the bundle is fetched from the release server (not a file the manager brought). */
    public boolean download() {
        return !source.equals("usb");
    }
}
