package io.holdfast.release;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a release bundle, as its manifest names it.
 *
 * @param path   relative to the release's folder, forward slashes, no {@code ..}
 * @param sha256 lower-case hex of the file's SHA-256
 * @param size   its length in bytes
 */
public record ReleaseFile(String path, String sha256, long size) {

    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public ReleaseFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        if (!SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            throw new IllegalArgumentException("a release file's path must be relative and plain, but was '" + path + "'");
        }
        if (!HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("a release file's sha256 must be 64 lower-case hex digits, for " + path);
        }
        if (size < 0) {
            throw new IllegalArgumentException("a release file's size must not be negative, for " + path);
        }
    }
}
