package io.holdfast.sync.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.mode.Capability;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;

class CommandVerifierTest {

    private static final String STORE = "store-0042";
    private static final Instant NOW = io.holdfast.testing.TestClocks.START;
    private static final Duration SKEW = Duration.ofSeconds(30);

    @TempDir
    Path folder;
    private Database database;
    private final KeyPair regional = CommandSigner.newKeyPair();
    private final CommandSigner signer = new CommandSigner("regional-it-1", regional.getPrivate());
    private final KeyPair approverPair = CommandSigner.newKeyPair();
    private final CommandSigner approver = new CommandSigner("regional-it-2", approverPair.getPrivate());

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aSignedCommandForThisStoreInItsWindowIsAccepted() {
        Verdict verdict = verifierAt(NOW).verify(signer.envelope(isolate(STORE, 1, NOW, NOW.plusSeconds(600))));

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Accepted.class, accepted -> {
            assertThat(accepted.command().sequence()).isEqualTo(1);
            assertThat(accepted.command().instruction())
                    .isEqualTo(new Instruction.Isolate(Set.of(Capability.ORDERS, Capability.PAYMENTS), "incident"));
        });
    }

    @Test
    void aCommandForAllStoresIsAccepted() {
        assertThat(verifierAt(NOW).verify(signer.envelope(isolate("all", 1, NOW, NOW.plusSeconds(60)))))
                .isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void aCommandForAnotherStoreIsRefused() {
        assertRefused(verifierAt(NOW).verify(signer.envelope(isolate("store-0043", 1, NOW, NOW.plusSeconds(60)))),
                Refusal.OTHER_STORE);
    }

    @Test
    void aTamperedCommandHasABadSignature() {
        byte[] envelope = signer.envelope(isolate(STORE, 1, NOW, NOW.plusSeconds(60)));
        String tampered = new String(envelope, StandardCharsets.UTF_8).replace(
                b64(isolate(STORE, 1, NOW, NOW.plusSeconds(60))), b64(isolate("all", 1, NOW, NOW.plusSeconds(60))));

        assertRefused(verifierAt(NOW).verify(tampered.getBytes(StandardCharsets.UTF_8)), Refusal.BAD_SIGNATURE);
    }

    @Test
    void aCommandSignedByAKeyTheStoreDoesNotTrustUnderATrustedNameHasABadSignature() {
        CommandSigner impostor = new CommandSigner("regional-it-1", CommandSigner.newKeyPair().getPrivate());

        assertRefused(verifierAt(NOW).verify(impostor.envelope(isolate(STORE, 1, NOW, NOW.plusSeconds(60)))),
                Refusal.BAD_SIGNATURE);
    }

    @Test
    void aCommandUnderAnUnknownKeyIdIsRefused() {
        CommandSigner stranger = new CommandSigner("someone-else", CommandSigner.newKeyPair().getPrivate());

        assertRefused(verifierAt(NOW).verify(stranger.envelope(isolate(STORE, 1, NOW, NOW.plusSeconds(60)))),
                Refusal.UNKNOWN_KEY);
    }

    @Test
    void theSameCommandTwiceIsAReplayAndSoIsAnOlderSequence() {
        CommandVerifier verifier = verifierAt(NOW);
        byte[] five = signer.envelope(isolate(STORE, 5, NOW, NOW.plusSeconds(60)));
        assertThat(verifier.verify(five)).isInstanceOf(Verdict.Accepted.class);

        assertRefused(verifier.verify(five), Refusal.REPLAY);
        assertRefused(verifier.verify(signer.envelope(isolate(STORE, 4, NOW, NOW.plusSeconds(60)))), Refusal.REPLAY);
        assertThat(verifier.verify(signer.envelope(isolate(STORE, 6, NOW, NOW.plusSeconds(60)))))
                .isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void aReplayIsRefusedAfterTheGatewayRestarts() {
        byte[] command = signer.envelope(isolate(STORE, 9, NOW, NOW.plusSeconds(60)));
        assertThat(verifierAt(NOW).verify(command)).isInstanceOf(Verdict.Accepted.class);
        database.close();
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));

        assertRefused(verifierAt(NOW).verify(command), Refusal.REPLAY);
    }

    @Test
    void anExpiredCommandIsRefusedJustPastTheSkewTolerance() {
        Instant expiry = NOW.plusSeconds(60);
        byte[] command = signer.envelope(isolate(STORE, 1, NOW, expiry));

        assertRefused(verifierAt(expiry.plus(SKEW).plusMillis(1)).verify(command), Refusal.EXPIRED);
    }

    @Test
    void aCommandJustWithinTheSkewToleranceAfterItsExpiryIsAccepted() {
        Instant expiry = NOW.plusSeconds(60);

        assertThat(verifierAt(expiry.plus(SKEW)).verify(signer.envelope(isolate(STORE, 1, NOW, expiry))))
                .isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void aCommandIssuedBeyondTheSkewInTheStoresFutureIsNotYetValid() {
        Instant issued = NOW.plus(SKEW).plusSeconds(1);

        assertRefused(verifierAt(NOW).verify(signer.envelope(isolate(STORE, 1, issued, issued.plusSeconds(60)))),
                Refusal.NOT_YET_VALID);
        assertThat(verifierAt(NOW).verify(signer.envelope(isolate(STORE, 2, NOW.plus(SKEW), NOW.plusSeconds(90)))))
                .isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void anUnknownTypeIsRefusedByName() {
        String wipe = command(STORE, 1, NOW, NOW.plusSeconds(60), "\"type\":\"WIPE_DATABASE\"");

        assertRefused(verifierAt(NOW).verify(signer.envelope(wipe)), Refusal.UNKNOWN_TYPE);
    }

    @Test
    void malformedEnvelopesAndCommandsAreRefusedAsMalformed() {
        CommandVerifier verifier = verifierAt(NOW);

        assertRefused(verifier.verify("{nope".getBytes(StandardCharsets.UTF_8)), Refusal.UNREADABLE);
        assertRefused(verifier.verify("{\"keyId\":\"regional-it-1\"}".getBytes(StandardCharsets.UTF_8)),
                Refusal.UNREADABLE);
        assertRefused(verifier.verify(new byte[CommandVerifier.MAX_ENVELOPE_BYTES + 1]), Refusal.UNREADABLE);
        assertRefused(verifier.verify(signer.envelope("[1, 2]")), Refusal.MALFORMED);
        assertRefused(verifier.verify(signer.envelope(command(STORE, 1, NOW, NOW.plusSeconds(60),
                "\"type\":\"ISOLATE\",\"capabilities\":[\"TELEPORT\"]"))), Refusal.MALFORMED);
        assertRefused(verifier.verify(signer.envelope(command(STORE, 1, NOW, NOW.plusSeconds(60),
                "\"type\":\"REPLACE_POLICY\",\"policy\":{\"caps\":1}"))), Refusal.MALFORMED);
        assertRefused(verifier.verify(signer.envelope(command(STORE, 0, NOW, NOW.plusSeconds(60),
                "\"type\":\"SET_RATE\",\"eventsPerSecond\":10"))), Refusal.MALFORMED);
        assertRefused(verifier.verify(signer.envelope(command(STORE, 1, NOW, NOW.plusSeconds(60),
                "\"type\":\"ISOLATE\",\"capabilities\":[\"ORDERS\"]").replace("\"sequence\":1,", "\"sequence\":100.5,"))),
                Refusal.MALFORMED);
        assertRefused(verifier.verify(signer.envelope(command(STORE, 2, NOW, NOW.plusSeconds(60),
                "\"type\":\"SET_RATE\",\"eventsPerSecond\":10.5"))), Refusal.MALFORMED);
    }

    @Test
    void anUpdateAnnouncementAndAFreezeAreReadWithWhatTheyCarryAndRefusedWithoutIt() {
        CommandVerifier verifier = verifierAt(NOW);
        String sha = "c".repeat(64);

        assertThat(verifier.verify(approver.approve(signer.envelope(command(STORE, 1, NOW, NOW.plusSeconds(60),
                "\"type\":\"UPDATE_AVAILABLE\",\"release\":7,\"bundle\":\"holdfast-1.7.0.zip\",\"sha256\":\"" + sha
                        + "\",\"urgent\":true")))))
                .isInstanceOfSatisfying(Verdict.Accepted.class, accepted -> assertThat(accepted.command().instruction())
                        .isEqualTo(new Instruction.UpdateAvailable(new io.holdfast.release.ReleaseAnnouncement(7,
                                "holdfast-1.7.0.zip", sha, true, "regional-it"))));
        assertThat(verifier.verify(signer.envelope(command(STORE, 2, NOW, NOW.plusSeconds(60),
                "\"type\":\"FREEZE\",\"until\":\"" + NOW.plusSeconds(7200) + "\",\"reason\":\"incident\""))))
                .isInstanceOfSatisfying(Verdict.Accepted.class, accepted -> assertThat(accepted.command().instruction())
                        .isEqualTo(new Instruction.Freeze(NOW.plusSeconds(7200), "incident")));

        assertRefused(verifier.verify(signer.envelope(command(STORE, 3, NOW, NOW.plusSeconds(60),
                "\"type\":\"UPDATE_AVAILABLE\",\"release\":7,\"bundle\":\"holdfast-1.7.0.zip\",\"sha256\":\"xyz\""))),
                Refusal.MALFORMED);
        assertRefused(verifier.verify(signer.envelope(command(STORE, 4, NOW, NOW.plusSeconds(60),
                "\"type\":\"UPDATE_AVAILABLE\",\"bundle\":\"holdfast-1.7.0.zip\",\"sha256\":\"" + sha + "\""))),
                Refusal.MALFORMED);
        assertRefused(verifier.verify(signer.envelope(command(STORE, 5, NOW, NOW.plusSeconds(60),
                "\"type\":\"FREEZE\",\"until\":\"tomorrow\""))), Refusal.MALFORMED);
    }

    @Test
    void aRefusedCommandDoesNotUseUpItsSequence() {
        CommandVerifier verifier = verifierAt(NOW);
        assertRefused(verifier.verify(signer.envelope(isolate("store-0043", 3, NOW, NOW.plusSeconds(60)))),
                Refusal.OTHER_STORE);

        assertThat(verifier.verify(signer.envelope(isolate(STORE, 3, NOW, NOW.plusSeconds(60)))))
                .isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void aFleetWideRestoreSignedByOneKeyIsRefusedAndOneApprovedByASecondKeyIsAccepted() {
        String restore = command("all", 1, NOW, NOW.plusSeconds(60),
                "\"type\":\"RESTORE\",\"capabilities\":[\"REFUNDS\"]");

        assertRefused(verifierAt(NOW).verify(signer.envelope(restore)), Refusal.APPROVAL_MISSING);
        Verdict approved = verifierAt(NOW).verify(approver.approve(signer.envelope(restore)));

        assertThat(approved).isInstanceOfSatisfying(Verdict.Accepted.class,
                accepted -> assertThat(accepted.command().approvedBy()).containsExactly("regional-it-2"));
    }

    @Test
    void aRestoreOfOneStoreNeedsNoApprovalButAReleaseAnnouncementDoes() {
        assertThat(verifierAt(NOW).verify(signer.envelope(command(STORE, 1, NOW, NOW.plusSeconds(60),
                "\"type\":\"RESTORE\",\"capabilities\":[\"REFUNDS\"]")))).isInstanceOf(Verdict.Accepted.class);
        assertRefused(verifierAt(NOW).verify(signer.envelope(command(STORE, 2, NOW, NOW.plusSeconds(60),
                "\"type\":\"UPDATE_AVAILABLE\",\"release\":7,\"bundle\":\"b.zip\",\"sha256\":\"" + "c".repeat(64)
                        + "\""))),
                Refusal.APPROVAL_MISSING);
    }

    @Test
    void anApprovalByTheSameKeyOrOneThatDoesNotVerifyIsRefused() {
        String restore = command("all", 1, NOW, NOW.plusSeconds(60),
                "\"type\":\"RESTORE\",\"capabilities\":[\"REFUNDS\"]");
        assertRefused(verifierAt(NOW).verify(signer.approve(signer.envelope(restore))), Refusal.BAD_SIGNATURE);

        CommandSigner impostor = new CommandSigner("regional-it-2", CommandSigner.newKeyPair().getPrivate());
        assertRefused(verifierAt(NOW).verify(impostor.approve(signer.envelope(restore))), Refusal.BAD_SIGNATURE);
    }

    private CommandVerifier verifierAt(Instant now) {
        TrustedKeys keys = TrustedKeys.of(Map.of(
                "regional-it-1", Base64.getEncoder().encodeToString(regional.getPublic().getEncoded()),
                "regional-it-2", Base64.getEncoder().encodeToString(approverPair.getPublic().getEncoded())));
        return new CommandVerifier(keys, STORE, new CommandSequences(database), Clock.fixed(now, ZoneOffset.UTC),
                SKEW);
    }

    private static String isolate(String store, long sequence, Instant issued, Instant expires) {
        return command(store, sequence, issued, expires,
                "\"type\":\"ISOLATE\",\"capabilities\":[\"ORDERS\",\"PAYMENTS\"],\"reason\":\"incident\"");
    }

    private static String command(String store, long sequence, Instant issued, Instant expires, String body) {
        return "{\"id\":\"cmd-" + sequence + "\",\"store\":\"" + store + "\",\"sequence\":" + sequence
                + ",\"issuedAt\":\"" + issued + "\",\"expiresAt\":\"" + expires + "\"," + body + "}";
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(Verdict verdict, Refusal reason) {
        assertThat(verdict).isInstanceOfSatisfying(Verdict.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(reason));
    }
}
