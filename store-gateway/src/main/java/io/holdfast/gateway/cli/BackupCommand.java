package io.holdfast.gateway.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.holdfast.gateway.config.GatewayConfig;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.store.BackupReport;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdfast backup FILE}: a consistent copy of the store, safe while the gateway runs. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Copy the store's database to FILE with SQLite's online backup; safe while the gateway runs.")
public final class BackupCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "Where to write the copy; must not exist yet.")
    Path target;

    @Option(names = "--config", paramLabel = "FILE", description = "The gateway's configuration, to find the store.")
    Path config;

    @Option(names = "--database", paramLabel = "DB", description = "The store file to copy (overrides configuration).")
    Path database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GatewaySettings settings = GatewaySettings.from(GatewayConfig.load(Optional.ofNullable(config)));
        DatabaseSettings source = database == null ? settings.database() : DatabaseSettings.of(database);
        BackupReport report = Database.backup(source, target);
        spec.commandLine().getOut().printf("Backed up %s to %s (%,d bytes in %d ms); the copy passed its integrity check.%n",
                source.file(), report.target(), report.bytes(), report.took().toMillis());
        return 0;
    }
}
