package io.holdfast.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.holdfast.store.Keys;

/**
 * A release as one file: a zip holding {@code manifest.json} (the exact bytes the keys sign),
 * {@code signatures.json} ({@code [{"keyId", "signature"}]}, base64) and the release's files under
 * {@code files/}. Only files the manifest names are ever read out of it, and only to where it says.
 */
public final class ReleaseBundle {

    static final String MANIFEST = "manifest.json";
    static final String SIGNATURES = "signatures.json";
    static final String FILES = "files/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a bundle says before anything in it is believed. */
    public record Contents(byte[] manifestJson, List<ReleaseSignature> signatures) {
        public Contents {
            manifestJson = manifestJson.clone();
            signatures = List.copyOf(signatures);
        }

        @Override
        public byte[] manifestJson() {
            return manifestJson.clone();
        }
    }

    private ReleaseBundle() {
    }

    /** Writes a bundle of {@code folder}'s files under {@code manifest}, unsigned; refuses to overwrite. */
    public static void build(ReleaseManifest manifest, Path folder, Path bundle) throws IOException {
        write(bundle, ReleaseManifestJson.write(manifest), List.of(), manifest, folder);
    }

    /** Adds one release key's signature; the bundle is rewritten whole beside itself and moved over. */
    public static void sign(Path bundle, String keyId, PrivateKey key) throws IOException {
        Contents contents = read(bundle);
        List<ReleaseSignature> signatures = new ArrayList<>(contents.signatures().stream()
                .filter(signature -> !signature.keyId().equals(keyId)).toList());
        signatures.add(new ReleaseSignature(keyId, Keys.sign(key, contents.manifestJson(), "release with key " + keyId)));
        ReleaseManifest manifest = ReleaseManifestJson.read(contents.manifestJson());
        Path staged = Files.createTempDirectory(bundle.toAbsolutePath().getParent(), ".sign-");
        try {
            extract(bundle, manifest, staged);
            Path signed = staged.resolve("signed.zip");
            write(signed, contents.manifestJson(), signatures, manifest, staged.resolve("content"));
            Files.move(signed, bundle, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(staged);
        }
    }

    /** The manifest's bytes and the signatures, read without trusting either. */
    public static Contents read(Path bundle) throws IOException {
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            ZipEntry manifest = zip.getEntry(MANIFEST);
            if (manifest == null) {
                throw new IOException(bundle + " holds no " + MANIFEST);
            }
            byte[] manifestJson;
            try (InputStream in = zip.getInputStream(manifest)) {
                manifestJson = in.readNBytes(1024 * 1024);
            }
            List<ReleaseSignature> signatures = new ArrayList<>();
            ZipEntry signed = zip.getEntry(SIGNATURES);
            if (signed != null) {
                try (InputStream in = zip.getInputStream(signed)) {
                    JsonNode array = JSON.readTree(in.readNBytes(64 * 1024));
                    for (JsonNode signature : array == null ? JSON.createArrayNode() : array) {
                        signatures.add(new ReleaseSignature(signature.path("keyId").asText(),
                                Base64.getDecoder().decode(signature.path("signature").asText())));
                    }
                } catch (IllegalArgumentException e) {
                    throw new IOException(bundle + " has a signature that is not base64", e);
                }
            }
            return new Contents(manifestJson, signatures);
        }
    }

    /**
     * Copies the files the manifest names into {@code folder}/content (each to its own path, nothing
     * outside it). Their hashes are checked afterwards with {@link ReleaseFiles#mismatch}.
     */
    public static Path extract(Path bundle, ReleaseManifest manifest, Path folder) throws IOException {
        Path content = folder.resolve("content");
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            for (ReleaseFile file : manifest.files()) {
                ZipEntry entry = zip.getEntry(FILES + file.path());
                if (entry == null) {
                    throw new IOException(bundle + " does not hold " + file.path());
                }
                Path target = content.resolve(file.path()).normalize();
                if (!target.startsWith(content)) {
                    throw new IOException(file.path() + " would land outside the release's folder");
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return content;
    }

    private static void write(Path bundle, byte[] manifestJson, List<ReleaseSignature> signatures,
                              ReleaseManifest manifest, Path folder) throws IOException {
        try (OutputStream out = Files.newOutputStream(bundle, java.nio.file.StandardOpenOption.CREATE_NEW);
             ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(manifestJson);
            zip.closeEntry();
            ArrayNode array = JSON.createArrayNode();
            signatures.forEach(signature -> array.addObject().put("keyId", signature.keyId())
                    .put("signature", Base64.getEncoder().encodeToString(signature.signature())));
            zip.putNextEntry(new ZipEntry(SIGNATURES));
            zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(array));
            zip.closeEntry();
            for (ReleaseFile file : manifest.files()) {
                zip.putNextEntry(new ZipEntry(FILES + file.path()));
                Files.copy(folder.resolve(file.path()), zip);
                zip.closeEntry();
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var walk = Files.walk(folder)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
