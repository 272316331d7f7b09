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

    @Test
    void helpListsTheCommands() {
        int exit = run("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("serve").contains("backup");
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

    private int run(String... args) {
        CommandLine commandLine = HoldfastCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
