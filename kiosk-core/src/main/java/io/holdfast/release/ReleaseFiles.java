package io.holdfast.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.holdfast.store.Hashes;

/**
 * A release's files on disk, against its manifest: describing a folder to make a manifest's file list,
 * and checking a staged folder before it may be installed. Files are read as streams, never whole.
 */
public final class ReleaseFiles {

    private ReleaseFiles() {
    }

    /** Every regular file under {@code folder}, with its hash and size, in path order. */
    public static List<ReleaseFile> describe(Path folder) throws IOException {
        List<ReleaseFile> files = new ArrayList<>();
        try (var walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String path = folder.relativize(file).toString().replace('\\', '/');
                files.add(new ReleaseFile(path, sha256(file), Files.size(file)));
            }
        }
        return files;
    }

    /**
     * Why {@code folder} does not hold exactly what the manifest names (a file missing, of another size
     * or hash); empty when it does. Files the manifest does not name are ignored: they are not run.
     */
    public static Optional<String> mismatch(ReleaseManifest manifest, Path folder) throws IOException {
        for (ReleaseFile expected : manifest.files()) {
            Path file = folder.resolve(expected.path()).normalize();
            if (!file.startsWith(folder.normalize()) || !Files.isRegularFile(file)) {
                return Optional.of(expected.path() + " is missing");
            }
            long size = Files.size(file);
            if (size != expected.size()) {
                return Optional.of(expected.path() + " has " + size + " bytes, the manifest says " + expected.size());
            }
            if (!sha256(file).equals(expected.sha256())) {
                return Optional.of(expected.path() + " does not have the hash the manifest says");
            }
        }
        return Optional.empty();
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = Hashes.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
