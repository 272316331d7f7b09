package io.holdfast.regional.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.audit.AuditLog;
import io.holdfast.regional.RegionalConsole;
import io.holdfast.regional.Refused;
import io.holdfast.regional.command.Approvals;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.sync.command.TrustedKeys;
import io.holdfast.testing.TestClocks;

class OperatorsTest {

    private static final char[] PASSPHRASE = "correct horse battery".toCharArray();

    @TempDir
    Path folder;
    private Database database;
    private Operators operators;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.of(folder.resolve("console.db")), RegionalConsole.SCHEMA);
        operators = new Operators(database, TestClocks.TICKING);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aKeyIsSealedAtRestAndOpensOnlyWithThePassphrase() throws Exception {
        Operator alice = operators.add("alice", Role.OPERATOR, PASSPHRASE, "test");

        assertThat(operators.unlock("alice", "wrong passphrase!!".toCharArray())).isEmpty();
        assertThat(operators.unlock("nobody", PASSPHRASE)).isEmpty();
        Operators.Unlocked unlocked = operators.unlock("alice", PASSPHRASE).orElseThrow();
        byte[] envelope = unlocked.signer().envelope("{\"id\":\"x\"}");
        String signature = new com.fasterxml.jackson.databind.ObjectMapper().readTree(envelope).path("signature").asText();
        assertThat(io.holdfast.store.Keys.verifies(TrustedKeys.of(Map.of("alice", alice.publicKey())).find("alice")
                .orElseThrow(), "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8), Base64.getDecoder().decode(signature)))
                .isTrue();
        database.close();
        String file = new String(Files.readAllBytes(folder.resolve("console.db")), StandardCharsets.ISO_8859_1);
        assertThat(file).doesNotContain("correct horse battery");
        database = Database.open(DatabaseSettings.of(folder.resolve("console.db")), RegionalConsole.SCHEMA);
    }

    @Test
    void aShortPassphraseABadIdOrATakenIdIsRefused() {
        assertThatThrownBy(() -> operators.add("alice", Role.OPERATOR, "short".toCharArray(), "test"))
                .hasMessageContaining("at least 12");
        assertThatThrownBy(() -> operators.add("Alice!", Role.OPERATOR, PASSPHRASE, "test"))
                .hasMessageContaining("operator id");
        operators.add("alice", Role.OPERATOR, PASSPHRASE, "test");
        assertThatThrownBy(() -> operators.add("alice", Role.APPROVER, PASSPHRASE, "test"))
                .hasMessageContaining("exists already");
    }

    @Test
    void anApproverCannotApproveWhatTheyAskedForAndEveryDecisionIsInTheChainedAuditLog() {
        operators.add("bea", Role.APPROVER, PASSPHRASE, "test");
        database.inTransaction("request", c -> {
            Approvals.request(c, "waves-1", "WAVES", "restore ORDERS", "bea", TestClocks.START);
            return null;
        });

        assertThatThrownBy(() -> database.inTransaction("decide", c -> Approvals.decide(c, "waves-1", "bea", true,
                TestClocks.TICKING))).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.code()).isEqualTo("approval-by-requester"));
        String requester = database.inTransaction("decide", c -> Approvals.decide(c, "waves-1", "cat", true,
                TestClocks.TICKING));
        assertThat(requester).isEqualTo("bea");
        assertThatThrownBy(() -> database.inTransaction("decide again", c -> Approvals.decide(c, "waves-1", "dan", true,
                TestClocks.TICKING))).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.code()).isEqualTo("approval-decided"));
        assertThat(new AuditLog(database).verify()).isInstanceOf(AuditLog.Verification.Intact.class);
        assertThat(new AuditLog(database).latest(10)).extracting(e -> e.action())
                .contains("OPERATOR_ADDED", "APPROVAL_REQUESTED", "APPROVED");
    }

    @Test
    void rolesAllowWhatTheRolesBeforeThemAllow() {
        assertThat(Role.APPROVER.allows(Role.OPERATOR)).isTrue();
        assertThat(Role.OPERATOR.allows(Role.APPROVER)).isFalse();
        assertThat(Role.VIEWER.allows(Role.OPERATOR)).isFalse();
    }
}
