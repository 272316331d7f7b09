package io.holdfast.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.holdfast.store.Keys;

class ReleaseCheckTest {

    private static final Instant NOW = io.holdfast.testing.TestClocks.START;
    private static final KeyPair ONE = Keys.newEd25519Pair();
    private static final KeyPair TWO = Keys.newEd25519Pair();
    private static final KeyPair THREE = Keys.newEd25519Pair();
    private static final KeyPair STRANGER = Keys.newEd25519Pair();
    private static final ReleaseCheck CHECK = new ReleaseCheck(new ReleaseTrust(
            Map.of("one", ONE.getPublic(), "two", TWO.getPublic(), "three", THREE.getPublic()), 2));
    private static final ReleaseCheck.StoreFacts STORE = new ReleaseCheck.StoreFacts("0421", List.of("pilot"), 7, 20);

    @Test
    void twoOfThreeTrustedKeysOnAFreshReleaseForThisStoreAreEnough() {
        byte[] manifest = manifest(8, NOW.plusSeconds(3600), new ReleaseAudience.Cohort("pilot"), 20);

        assertThat(CHECK.judge(manifest, List.of(sign("one", ONE, manifest), sign("three", THREE, manifest)), STORE, NOW))
                .isInstanceOfSatisfying(ReleaseVerdict.Accepted.class, accepted -> {
                    assertThat(accepted.manifest().release()).isEqualTo(8);
                    assertThat(accepted.signers()).containsExactly("one", "three");
                });
    }

    @Test
    void eachRefusalHasItsCode() {
        byte[] good = manifest(8, NOW.plusSeconds(3600), new ReleaseAudience.AllStores(), 20);
        assertThat(refusal(good, List.of())).isEqualTo("release-unsigned");
        assertThat(refusal(good, List.of(sign("one", STRANGER, good), sign("stranger", STRANGER, good))))
                .as("a key that is not trusted, and a signature by the wrong key").isEqualTo("release-unsigned");
        assertThat(refusal(good, List.of(sign("one", ONE, good), sign("one", ONE, good))))
                .as("one key twice is one signer").isEqualTo("release-under-threshold");

        byte[] expired = manifest(8, NOW, new ReleaseAudience.AllStores(), 20);
        assertThat(refusal(expired, both(expired))).isEqualTo("release-expired");
        byte[] elsewhere = manifest(8, NOW.plusSeconds(3600), new ReleaseAudience.Stores(List.of("0512")), 20);
        assertThat(refusal(elsewhere, both(elsewhere))).isEqualTo("release-not-for-store");
        byte[] old = manifest(7, NOW.plusSeconds(3600), new ReleaseAudience.AllStores(), 20);
        assertThat(refusal(old, both(old))).isEqualTo("release-not-newer");
        byte[] ahead = manifest(8, NOW.plusSeconds(3600), new ReleaseAudience.AllStores(), 21);
        assertThat(refusal(ahead, both(ahead))).isEqualTo("release-schema-too-new");
        byte[] garbage = "{\"version\": \"1.0\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(refusal(garbage, both(garbage))).isEqualTo("release-malformed");
    }

    @Test
    void aSignatureCoversTheExactBytes() {
        byte[] manifest = manifest(8, NOW.plusSeconds(3600), new ReleaseAudience.AllStores(), 20);
        byte[] changed = new String(manifest, StandardCharsets.UTF_8).replace("\"release\" : 8", "\"release\" : 99")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(changed).isNotEqualTo(manifest);
        assertThat(refusal(changed, both(manifest))).isEqualTo("release-unsigned");
    }

    @Test
    void aManifestReadsBackAsItWasWritten() {
        ReleaseManifest written = new ReleaseManifest("1.4.0", 8, List.of(new ReleaseFile("holdfast.jar", "a".repeat(64), 10),
                new ReleaseFile("libs/x.jar", "b".repeat(64), 20)), 20, NOW, new ReleaseAudience.Stores(List.of("0421")), true);

        assertThat(ReleaseManifestJson.read(ReleaseManifestJson.write(written))).isEqualTo(written);
    }

    private static String refusal(byte[] manifest, List<ReleaseSignature> signatures) {
        ReleaseVerdict verdict = CHECK.judge(manifest, signatures, STORE, NOW);
        assertThat(verdict).isInstanceOf(ReleaseVerdict.Refused.class);
        return ((ReleaseVerdict.Refused) verdict).refusal().code();
    }

    private static List<ReleaseSignature> both(byte[] manifest) {
        return List.of(sign("one", ONE, manifest), sign("two", TWO, manifest));
    }

    private static ReleaseSignature sign(String keyId, KeyPair pair, byte[] manifest) {
        return new ReleaseSignature(keyId, Keys.sign(pair.getPrivate(), manifest, "a test release"));
    }

    private static byte[] manifest(long release, Instant expires, ReleaseAudience audience, int schema) {
        return ReleaseManifestJson.write(new ReleaseManifest("1." + release + ".0", release,
                List.of(new ReleaseFile("holdfast.jar", "0".repeat(64), 1234)), schema, expires, audience, false));
    }
}
