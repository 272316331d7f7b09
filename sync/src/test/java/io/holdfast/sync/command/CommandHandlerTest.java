package io.holdfast.sync.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.audit.AuditEntry;
import io.holdfast.audit.AuditLog;
import io.holdfast.mode.Audience;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.IsolationSource;
import io.holdfast.mode.ModeBoard;
import io.holdfast.mode.Notices;
import io.holdfast.policy.StorePolicies;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.store.StoreException;

/** Accepted commands change the board, the notices and the relay; every decision is audited. */
class CommandHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

    @TempDir
    Path folder;
    private Database database;
    private ModeBoard board;
    private Notices notices;
    private AuditLog audit;
    private StorePolicies policies;
    private CommandHandler handler;
    private final KeyPair regional = CommandSigner.newKeyPair();
    private final CommandSigner signer = new CommandSigner("regional-it-1", regional.getPrivate());
    private final List<Integer> rates = new ArrayList<>();
    private final AtomicInteger resyncs = new AtomicInteger();
    private long sequence;

    @BeforeEach
    void open() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        board = new ModeBoard(database, clock, Duration.ofSeconds(30));
        notices = new Notices(database, clock);
        audit = new AuditLog(database);
        policies = new StorePolicies(database, clock);
        TrustedKeys keys = TrustedKeys.of(Map.of("regional-it-1",
                Base64.getEncoder().encodeToString(regional.getPublic().getEncoded())));
        handler = new CommandHandler(new CommandVerifier(keys, "0421", new CommandSequences(database), clock,
                Duration.ofSeconds(30)), board, notices, policies, audit, clock, rates::add,
                resyncs::incrementAndGet);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void isolateThenRestoreMovesTheBoardAndStartsASpreadResync() {
        handler.handle(signed("\"type\":\"ISOLATE\",\"capabilities\":[\"GIFT_CARDS\"],\"reason\":\"incident\""));
        assertThat(board.status(Capability.GIFT_CARDS).state()).isEqualTo(CapabilityState.ISOLATED);
        assertThat(board.status(Capability.GIFT_CARDS).isolatedBy()).contains(IsolationSource.REGIONAL_IT);
        assertThat(resyncs).hasValue(0);

        handler.handle(signed("\"type\":\"RESTORE\",\"capabilities\":[\"GIFT_CARDS\"]"));

        assertThat(board.status(Capability.GIFT_CARDS).state()).isEqualTo(CapabilityState.RESTORING);
        assertThat(resyncs).hasValue(1);
        assertThat(actions()).as("newest first: each command and the board's own transition")
                .containsExactly("command-accepted", "capability.restoring", "command-accepted", "capability.isolated");
    }

    @Test
    void setNoticeReplacesWhatCustomersAreTold() {
        handler.handle(signed("\"type\":\"SET_NOTICE\",\"capability\":\"GIFT_CARDS\",\"state\":\"ISOLATED\","
                + "\"audience\":\"CUSTOMER\",\"text\":\"Gift cards work up to £50 today.\""));

        assertThat(notices.text(Capability.GIFT_CARDS, CapabilityState.ISOLATED, Audience.CUSTOMER))
                .isEqualTo("Gift cards work up to £50 today.");
    }

    @Test
    void setRateGoesToTheRelay() {
        handler.handle(signed("\"type\":\"SET_RATE\",\"eventsPerSecond\":40"));

        assertThat(rates).containsExactly(40);
    }

    @Test
    void replacePolicyInstallsNewerVersionsOnlyAndARefusedDowngradeIsAuditedAndCounted() {
        handler.handle(signed("\"type\":\"REPLACE_POLICY\",\"policy\":{\"version\":2,\"giftCardOfflineCap\":5000}"));
        Verdict downgrade = handler.handle(
                signed("\"type\":\"REPLACE_POLICY\",\"policy\":{\"version\":1,\"giftCardOfflineCap\":99999}"));

        assertThat(policies.inForce().orElseThrow().version()).isEqualTo(2);
        assertThat(policies.inForce().orElseThrow().documentJson()).contains("5000");
        assertThat(downgrade).isInstanceOfSatisfying(Verdict.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(Refusal.POLICY_NOT_NEWER));
        assertThat(audit.latest(10).getFirst().action()).isEqualTo("command-refused");
        assertThat(audit.latest(10).getFirst().detail()).contains("policy-not-newer");
        assertThat(handler.refusedCount()).isEqualTo(1);
    }

    @Test
    void aPolicySignedBeforeAnIsolateButDeliveredAfterItStillInstalls() {
        byte[] policy = signed("\"type\":\"REPLACE_POLICY\",\"policy\":{\"version\":3}");
        byte[] isolate = signed("\"type\":\"ISOLATE\",\"capabilities\":[\"ORDERS\"]");

        assertThat(handler.handle(isolate)).isInstanceOf(Verdict.Accepted.class);
        assertThat(handler.handle(policy)).isInstanceOf(Verdict.Accepted.class);

        assertThat(policies.inForce().orElseThrow().version()).isEqualTo(3);
        assertThat(board.status(Capability.ORDERS).state()).isEqualTo(CapabilityState.ISOLATED);
    }

    @Test
    void aCommandWhoseAuditEntryCannotBeWrittenIsNotCarriedOutAndItsRedeliveryIs() {
        byte[] isolate = signed("\"type\":\"ISOLATE\",\"capabilities\":[\"PAYMENTS\"],\"reason\":\"incident\"");
        database.inTransaction("the disk fails for the command's audit entry", connection -> {
            try (var statement = connection.createStatement()) {
                return statement.executeUpdate("""
                        CREATE TRIGGER the_disk_fails BEFORE INSERT ON audit_log WHEN new.action = 'command-accepted'
                        BEGIN SELECT RAISE(ABORT, 'disk I/O error (made by the test)'); END""");
            }
        });

        assertThatThrownBy(() -> handler.handle(isolate)).isInstanceOf(StoreException.class);
        assertThat(board.status(Capability.PAYMENTS).state()).as("rolled back with it").isEqualTo(CapabilityState.ONLINE);
        assertThat(actions()).doesNotContain("capability.isolated");

        database.inTransaction("the disk is mended", connection -> {
            try (var statement = connection.createStatement()) {
                return statement.executeUpdate("DROP TRIGGER the_disk_fails");
            }
        });
        assertThat(handler.handle(isolate)).as("redelivered").isInstanceOf(Verdict.Accepted.class);

        assertThat(board.status(Capability.PAYMENTS).state()).isEqualTo(CapabilityState.ISOLATED);
        assertThat(actions()).containsExactly("command-accepted", "capability.isolated");
        assertThat(new ModeBoard(database, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO)
                .status(Capability.PAYMENTS).state()).as("after a restart").isEqualTo(CapabilityState.ISOLATED);
    }

    @Test
    void garbageFromTheBrokerIsCountedAndSummarisedOnceAMinutePerCodeNotAuditedOneByOne() {
        for (int i = 0; i < 500; i++) {
            handler.handle(("{garbage " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            handler.handle(("{\"keyId\":\"nobody\\nSEVERE store database deleted\",\"command\":\"e30=\","
                    + "\"signature\":\"AAAA\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        handler.oversized(300 * 1024);

        assertThat(handler.refusedCount()).isEqualTo(1001);
        assertThat(handler.unauthenticatedCount()).isEqualTo(1001);
        List<AuditEntry> written = audit.latest(100);
        assertThat(written).extracting(AuditEntry::action).containsOnly("commands-refused-unauthenticated");
        assertThat(written).extracting(AuditEntry::subject)
                .containsExactlyInAnyOrder("command-malformed", "command-unknown-key");
        assertThat(written.stream().filter(e -> e.subject().equals("command-unknown-key")).findFirst().orElseThrow()
                .detail()).contains("\\u000a");
    }

    @Test
    void aRefusedCommandChangesNothingAndIsAuditedWithItsCode() {
        byte[] restore = signed("\"type\":\"ISOLATE\",\"capabilities\":[\"ORDERS\"]");
        handler.handle(restore);
        board.restore(List.of(Capability.ORDERS), IsolationSource.REGIONAL_IT, "test", "back");

        handler.handle(restore);

        assertThat(board.status(Capability.ORDERS).state()).isEqualTo(CapabilityState.RESTORING);
        AuditEntry refused = audit.latest(10).stream().filter(e -> e.action().equals("command-refused"))
                .findFirst().orElseThrow();
        assertThat(refused.detail()).contains("command-replay");
        assertThat(handler.refusedCount()).isEqualTo(1);
    }

    private byte[] signed(String body) {
        sequence++;
        return signer.envelope("{\"id\":\"cmd-" + sequence + "\",\"store\":\"0421\",\"sequence\":" + sequence
                + ",\"issuedAt\":\"" + NOW + "\",\"expiresAt\":\"" + NOW.plusSeconds(60) + "\"," + body + "}");
    }

    private List<String> actions() {
        return audit.latest(10).stream().map(AuditEntry::action).toList();
    }
}
