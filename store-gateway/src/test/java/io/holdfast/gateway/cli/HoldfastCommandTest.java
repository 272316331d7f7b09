package io.holdfast.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.audit.AuditLog;
import io.holdfast.gateway.TestStores;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import picocli.CommandLine;

class HoldfastCommandTest {

    @TempDir
    Path folder;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    /** The clock every command in these tests is given, as main gives the machine's. */
    private static final java.time.Clock CLOCK = io.holdfast.testing.TestClocks.TICKING;

    @Test
    void helpListsTheCommands() {
        int exit = run("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("serve").contains("backup");
    }

    @Test
    void theUpdateCommandsExplainThemselves() {
        assertThat(run("release", "--help")).isZero();
        assertThat(run("release", "build", "--help")).isZero();
        assertThat(run("update", "--help")).isZero();
        assertThat(run("update", "install", "--help")).isZero();
        assertThat(run("supervise", "--help")).isZero();

        assertThat(out.toString()).contains("build", "sign", "--sign-with", "--jvm-option", "--release",
                "--minimum-schema", "--stores", "--cohort", "--fix", "install", "status", "maintenance window",
                "holdfast.updates.health-window", "previous release");
    }

    @Test
    void helpEndsEachCommandsLineWithASentenceNotAComma() {
        run("--help");

        // Each command's summary, with picocli's wrapped lines joined back on.
        List<String> summaries = new java.util.ArrayList<>();
        for (String line : out.toString().lines().toList()) {
            if (line.startsWith("            ") && !summaries.isEmpty()) {
                summaries.set(summaries.size() - 1, summaries.getLast() + " " + line.strip());
            } else if (line.startsWith("  ")) {
                summaries.add(line.strip());
            }
        }
        assertThat(summaries).hasSizeGreaterThan(4).allMatch(summary -> summary.endsWith("."));
    }

    @Test
    void signAgainstABrokerThatIsNotThereSaysSoInOneLine() throws IOException {
        io.holdfast.sync.command.KeyFiles.create(folder, "regional-it-1");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        int exit = run("sign", "--type", "SET_NOTICE", "--text", "Collections are open as usual.",
                "--key-id", "regional-it-1", "--key", folder.resolve("regional-it-1.key").toString(),
                "--broker", "tcp://127.0.0.1:" + closedPort);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("holdfast: sign: could not publish").contains("127.0.0.1:" + closedPort);
    }

    @Test
    void signSendsANoticeThatTheStoreVerifies() throws IOException {
        io.holdfast.sync.command.KeyFiles.create(folder, "regional-it-1");
        try (io.holdfast.central.mqtt.EmbeddedBroker broker = io.holdfast.central.mqtt.EmbeddedBroker.start()) {
            java.util.concurrent.BlockingQueue<byte[]> received = new java.util.concurrent.LinkedBlockingQueue<>();
            try (org.eclipse.paho.client.mqttv3.MqttClient listener = new org.eclipse.paho.client.mqttv3.MqttClient(
                    broker.uri().toString(), "listener", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence())) {
                listener.connect();
                listener.subscribe(io.holdfast.sync.Topics.commands("0421"), 1,
                        (topic, message) -> received.add(message.getPayload()));

                int exit = run("sign", "--type", "SET_NOTICE", "--notice-capability", "REFUNDS", "--state", "ISOLATED",
                        "--audience", "CUSTOMER", "--text", "Refunds to cards come later; store credit is instant.",
                        "--key-id", "regional-it-1", "--key", folder.resolve("regional-it-1.key").toString(),
                        "--broker", broker.uri().toString());

                assertThat(exit).as(err.toString()).isZero();
                byte[] envelope = received.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(envelope).isNotNull();
                TestStores.seed(folder.resolve("store.db"), List.of());
                try (Database database = Database.open(DatabaseSettings.of(folder.resolve("store.db")))) {
                    // `sign` stamps its command with the test's clock, so the store's check reads that clock too.
                    var verifier = new io.holdfast.sync.command.CommandVerifier(io.holdfast.sync.command.TrustedKeys.of(
                            Map.of("regional-it-1", io.holdfast.sync.command.KeyFiles.readPublicText(
                                    folder.resolve("regional-it-1.pub")))), "0421",
                            new io.holdfast.sync.command.CommandSequences(database), CLOCK,
                            java.time.Duration.ofMinutes(5));
                    assertThat(verifier.verify(envelope)).isInstanceOfSatisfying(
                            io.holdfast.sync.command.Verdict.Accepted.class, accepted ->
                                    assertThat(accepted.command().instruction()).isEqualTo(
                                            new io.holdfast.sync.command.Instruction.SetNotice(
                                                    io.holdfast.mode.Capability.REFUNDS,
                                                    io.holdfast.mode.CapabilityState.ISOLATED,
                                                    io.holdfast.mode.Audience.CUSTOMER,
                                                    "Refunds to cards come later; store credit is instant.")));
                }
                listener.disconnect();
            } catch (org.eclipse.paho.client.mqttv3.MqttException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aStoreThatCannotBeOpenedStopsServeWithOneLineNamingTheFile() throws IOException {
        Path notADatabase = Files.writeString(folder.resolve("holdfast.db"), "not a database");
        Path config = Files.writeString(folder.resolve("store.yaml"),
                "server:\n  port: 0\nholdfast:\n  store:\n    database: " + notADatabase + "\n");

        int exit = run("serve", "--config", config.toString());

        assertThat(exit).isEqualTo(HoldfastCommand.STORE_FAILED);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("holdfast: Store database " + notADatabase)
                .contains("is not a SQLite database");
        assertThat(notADatabase).hasContent("not a database");
    }

    @Test
    void aBadSettingStopsServeWithOneLine() throws IOException {
        Path config = Files.writeString(folder.resolve("store.yaml"), "holdfast:\n  log:\n    format: xml\n");

        int exit = run("serve", "--config", config.toString());

        assertThat(exit).isEqualTo(HoldfastCommand.BAD_CONFIGURATION);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .contains("log format must be 'text' or 'json', but was 'xml'");
    }

    @Test
    void aPortInUseStopsServeWithOneLineAndReleasesTheStore() throws IOException {
        Path store = folder.resolve("holdfast.db");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = Files.writeString(folder.resolve("store.yaml"), "server:\n  host: 127.0.0.1\n  port: "
                    + taken.getLocalPort() + "\nholdfast:\n  store:\n    database: " + store + "\n");

            int exit = run("serve", "--config", config.toString());

            assertThat(exit).isEqualTo(HoldfastCommand.STORE_FAILED);
            assertThat(err.toString().lines().toList()).singleElement().asString()
                    .contains("Cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
        TestStores.seed(store, List.of(TestStores.anOrder("CC-100001")));
    }

    @Test
    void backupCopiesAStoreAndSaysWhere() {
        Path store = folder.resolve("holdfast.db");
        TestStores.seed(store, List.of(TestStores.anOrder("CC-100001")));
        Path copy = folder.resolve("copy.db");

        int exit = run("backup", "--database", store.toString(), copy.toString());

        assertThat(exit).isZero();
        assertThat(copy).exists();
        assertThat(out.toString()).contains("Backed up " + store).contains("integrity check");
    }

    @Test
    void backupRefusesToOverwrite() throws IOException {
        Path store = folder.resolve("holdfast.db");
        TestStores.seed(store, List.of());
        Path existing = Files.writeString(folder.resolve("existing.db"), "keep me");

        int exit = run("backup", "--database", store.toString(), existing.toString());

        assertThat(exit).isEqualTo(HoldfastCommand.STORE_FAILED);
        assertThat(err.toString()).contains("already exists");
        assertThat(existing).hasContent("keep me");
    }

    @Test
    void auditVerifySaysTheChainIsIntactAndExportWritesIt() {
        Path store = folder.resolve("holdfast.db");
        try (Database database = Database.open(DatabaseSettings.of(store))) {
            new AuditLog(database).append(Instant.parse("2026-11-21T09:00:00Z"), "S2001", "capability.isolated",
                    "PAYMENTS", Map.of("reason", "test"));
        }

        assertThat(run("audit", "verify", "--database", store.toString())).isZero();
        assertThat(out.toString()).contains("is intact: 1 entries");
        assertThat(run("audit", "export", "--database", store.toString(), folder.resolve("audit.jsonl").toString())).isZero();
        assertThat(folder.resolve("audit.jsonl")).content().contains("\"action\":\"capability.isolated\"");
    }

    @Test
    void reportDayPrintsTheDayFromTheStoreFileAndRefusesADayNotYetBegun() {
        Path store = folder.resolve("holdfast.db");
        java.time.LocalDate today = io.holdfast.testing.TestClocks.today();
        try (Database database = Database.open(DatabaseSettings.of(store))) {
            new AuditLog(database).append(today.atTime(8, 0).atZone(io.holdfast.testing.TestClocks.ZONE).toInstant(),
                    "regional-it", "capability.isolated", "REFUNDS", Map.of("from", "ONLINE", "to", "ISOLATED"));
        }

        assertThat(run("report", "day", "--database", store.toString(), today.minusDays(1).toString())).isZero();
        assertThat(out.toString()).contains("Day report").contains("Refunds: online all day")
                .contains("Hand-overs offline: 0 of 0").contains("Not signed off");
        assertThat(run("report", "day", "--database", store.toString(), "today")).isZero();
        assertThat(out.toString()).contains("Refunds: offline ");

        assertThat(run("report", "day", "--database", store.toString(), today.plusDays(1).toString()))
                .isEqualTo(HoldfastCommand.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("has not begun yet");
        assertThat(run("report", "day", "--database", store.toString(), "yesterday"))
                .isEqualTo(HoldfastCommand.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("'yesterday' is not a day");
    }

    @Test
    void purgeDryRunSaysWhatWouldGoAndPurgeRemovesIt() {
        Path store = folder.resolve("holdfast.db");
        TestStores.seed(store, List.of(TestStores.anOrder("CC-100001"), TestStores.anOrder("CC-100002")));
        try (Database database = Database.open(DatabaseSettings.of(store))) {
            database.inTransaction("finish an order long ago", connection -> connection.createStatement().executeUpdate(
                    "UPDATE orders SET status = 'COLLECTED', updated_at = '"
                            + io.holdfast.store.Timestamps.format(CLOCK.instant().minus(java.time.Duration.ofDays(40)))
                            + "' WHERE order_id = 'CC-100001'"));
        }

        assertThat(run("purge", "--dry-run", "--database", store.toString())).isZero();
        assertThat(out.toString()).contains("Would remove from")
                .containsPattern("orders \\(name, postcode, contact\\) +1\n");
        assertThat(run("purge", "--database", store.toString())).isZero();
        assertThat(out.toString()).contains("Removed from");
        try (Database database = Database.openReadOnly(DatabaseSettings.of(store))) {
            assertThat(database.readLong("purged orders", "SELECT count(*) FROM orders WHERE customer_name = ''")).isOne();
            assertThat(new AuditLog(database).verify()).isInstanceOf(AuditLog.Verification.Intact.class);
        }
        assertThat(run("purge", "--dry-run", "--database", store.toString(), "--retention", "P60D")).isZero();
        assertThat(out.toString()).containsPattern("orders \\(name, postcode, contact\\) +0\n");
    }

    @Test
    void auditVerifyNamesTheFirstBrokenEntryAndExitsThree() throws Exception {
        Path store = folder.resolve("holdfast.db");
        try (Database database = Database.open(DatabaseSettings.of(store))) {
            AuditLog log = new AuditLog(database);
            log.append(Instant.parse("2026-11-21T09:00:00Z"), "S2001", "capability.isolated", "PAYMENTS", Map.of());
            log.append(Instant.parse("2026-11-21T09:05:00Z"), "S2001", "capability.restored", "PAYMENTS", Map.of());
        }
        try (var raw = java.sql.DriverManager.getConnection("jdbc:sqlite:" + store); var s = raw.createStatement()) {
            s.execute("DROP TRIGGER audit_log_no_update");
            s.executeUpdate("UPDATE audit_log SET actor = 'S9999' WHERE sequence = 1");
        }

        assertThat(run("audit", "verify", "--database", store.toString())).isEqualTo(AuditCommand.CHAIN_BROKEN);
        assertThat(err.toString()).contains("broken at entry 1").contains("was changed after it was written");
    }

    @Test
    void releaseBuildAndTwoSignaturesMakeABundleAStoreTakes() throws IOException {
        java.security.KeyPair one = io.holdfast.sync.command.KeyFiles.create(folder, "release-1");
        java.security.KeyPair two = io.holdfast.sync.command.KeyFiles.create(folder, "release-2");
        Path jar = java.nio.file.Files.writeString(folder.resolve("store-gateway.jar"), "a gateway");
        Path libs = java.nio.file.Files.createDirectories(folder.resolve("libs"));
        java.nio.file.Files.writeString(libs.resolve("helidon.jar"), "a library");
        Path bundle = folder.resolve("holdfast-1.5.0.zip");

        assertThat(run("release", "build", "--jar", jar.toString(), "--libs", libs.toString(), "--version", "1.5.0",
                "--release", "15", "--minimum-schema", "21", "--cohort", "pilot", "--out", bundle.toString()))
                .as(err.toString()).isZero();
        assertThat(run("release", "sign", "--key", folder.resolve("release-1.key").toString(), "--key-id", "release-1",
                bundle.toString())).as(err.toString()).isZero();
        assertThat(run("release", "sign", "--key", folder.resolve("release-2.key").toString(), "--key-id", "release-2",
                bundle.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).contains("release 1.5.0 (number 15, 2 files) written to").contains("2 signature(s)");
        io.holdfast.release.ReleaseBundle.Contents contents = io.holdfast.release.ReleaseBundle.read(bundle);
        io.holdfast.release.ReleaseVerdict verdict = new io.holdfast.release.ReleaseCheck(new io.holdfast.release.ReleaseTrust(
                java.util.Map.of("release-1", one.getPublic(), "release-2", two.getPublic()), 2))
                .judge(contents.manifestJson(), contents.signatures(), new io.holdfast.release.ReleaseCheck.StoreFacts(
                        // The command read the test's clock for the expiry; judging on it, a minute on, is consistent.
                        "0421", List.of("pilot"), 14, 21), CLOCK.instant().plusSeconds(60));
        assertThat(verdict).isInstanceOfSatisfying(io.holdfast.release.ReleaseVerdict.Accepted.class, accepted ->
                assertThat(accepted.manifest().files()).extracting(io.holdfast.release.ReleaseFile::path)
                        .containsExactly("holdfast.jar", "libs/helidon.jar"));
    }

    private int run(String... args) {
        CommandLine commandLine = HoldfastCommand.commandLine(CLOCK);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
