package io.holdfast.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseFilesTest {

    @TempDir
    Path folder;

    @Test
    void aStagedFolderMatchesTheManifestMadeFromItUntilAFileIsCutShortOrChanged() throws IOException {
        Files.writeString(folder.resolve("holdfast.jar"), "the gateway");
        Files.createDirectories(folder.resolve("libs"));
        Files.writeString(folder.resolve("libs/helidon.jar"), "a library");
        ReleaseManifest manifest = new ReleaseManifest("1.1.0", 2, ReleaseFiles.describe(folder), 20,
                io.holdfast.testing.TestClocks.START.plus(java.time.Duration.ofDays(30)), new ReleaseAudience.AllStores(), false);

        assertThat(manifest.files()).extracting(ReleaseFile::path).containsExactly("holdfast.jar", "libs/helidon.jar");
        assertThat(manifest.files().getFirst()).as("sha256sum of 'the gateway'")
                .isEqualTo(new ReleaseFile("holdfast.jar", "a7a3df34da03c320f8364464cb81f6fcc164245209646b63f5c3991be821be14", 11));
        assertThat(ReleaseFiles.mismatch(manifest, folder)).isEmpty();

        Files.writeString(folder.resolve("libs/helidon.jar"), "a librar");
        assertThat(ReleaseFiles.mismatch(manifest, folder)).hasValue("libs/helidon.jar has 8 bytes, the manifest says 9");
        Files.writeString(folder.resolve("libs/helidon.jar"), "a LIBRARY");
        assertThat(ReleaseFiles.mismatch(manifest, folder)).hasValue("libs/helidon.jar does not have the hash the manifest says");
        Files.delete(folder.resolve("libs/helidon.jar"));
        assertThat(ReleaseFiles.mismatch(manifest, folder)).hasValue("libs/helidon.jar is missing");
    }
}
