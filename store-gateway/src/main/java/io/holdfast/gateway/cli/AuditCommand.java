package io.holdfast.gateway.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.holdfast.audit.AuditLog;
import io.holdfast.gateway.config.GatewayConfig;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdfast audit verify} and {@code holdfast audit export FILE}: the audit log of a store file. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check or export a store's hash-chained audit log; safe while the gateway runs.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
public final class AuditCommand {

    /** Exit code for an audit chain that does not verify. */
    public static final int CHAIN_BROKEN = 3;

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Walk the chain from the first entry; name the first entry that was changed or removed.")
    static final class Verify implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StoreFileOptions store = new StoreFileOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = Database.openReadOnly(store.settings())) {
                return switch (new AuditLog(database).verify()) {
                    case AuditLog.Verification.Intact intact -> {
                        spec.commandLine().getOut().printf("Audit log of %s is intact: %,d entries.%n",
                                database.file(), intact.entries());
                        yield 0;
                    }
                    case AuditLog.Verification.Broken broken -> {
                        spec.commandLine().getErr().printf("holdfast: audit log of %s is broken at entry %d: %s%n",
                                database.file(), broken.sequence(), broken.reason());
                        yield CHAIN_BROKEN;
                    }
                };
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write every entry to FILE as one JSON object per line, oldest first.")
    static final class Export implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StoreFileOptions store = new StoreFileOptions();

        @Parameters(paramLabel = "FILE", description = "Where to write; must not exist yet.")
        Path target;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Database database = Database.openReadOnly(store.settings());
                 Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW)) {
                long entries = new AuditLog(database).export(out);
                spec.commandLine().getOut().printf("Exported %,d audit entries of %s to %s.%n", entries,
                        database.file(), target.toAbsolutePath());
                return 0;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the audit export to " + target, e);
            }
        }
    }
}
