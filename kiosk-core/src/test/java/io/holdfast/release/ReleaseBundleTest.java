package io.holdfast.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.store.Keys;

class ReleaseBundleTest {

    private static final Instant NOW = io.holdfast.testing.TestClocks.START;

    @TempDir
    Path folder;

    @Test
    void aBuiltBundleSignedByTwoKeysIsAcceptedAndItsFilesComeOutIntact() throws IOException {
        Path source = Files.createDirectories(folder.resolve("build"));
        Files.writeString(source.resolve("holdfast.jar"), "the gateway, version B");
        Files.createDirectories(source.resolve("libs"));
        Files.writeString(source.resolve("libs/helidon.jar"), "a library");
        ReleaseManifest manifest = new ReleaseManifest("1.2.0", 3, ReleaseFiles.describe(source), 20,
                NOW.plusSeconds(86_400), new ReleaseAudience.AllStores(), false);
        Path bundle = folder.resolve("holdfast-1.2.0.zip");
        KeyPair one = Keys.newEd25519Pair();
        KeyPair two = Keys.newEd25519Pair();

        ReleaseBundle.build(manifest, source, bundle);
        ReleaseBundle.sign(bundle, "one", one.getPrivate());
        ReleaseBundle.sign(bundle, "two", two.getPrivate());
        ReleaseBundle.sign(bundle, "two", two.getPrivate());

        ReleaseBundle.Contents contents = ReleaseBundle.read(bundle);
        assertThat(contents.signatures()).extracting(ReleaseSignature::keyId).as("a key signs once")
                .containsExactly("one", "two");
        ReleaseVerdict verdict = new ReleaseCheck(new ReleaseTrust(Map.of("one", one.getPublic(), "two", two.getPublic()), 2))
                .judge(contents.manifestJson(), contents.signatures(),
                        new ReleaseCheck.StoreFacts("0421", List.of(), 2, 20), NOW);
        assertThat(verdict).isInstanceOf(ReleaseVerdict.Accepted.class);
        Path staged = ReleaseBundle.extract(bundle, manifest, Files.createDirectories(folder.resolve("releases/1.2.0")));
        assertThat(ReleaseFiles.mismatch(manifest, staged)).isEmpty();
        assertThat(Files.readString(staged.resolve("holdfast.jar"))).isEqualTo("the gateway, version B");
    }
}
