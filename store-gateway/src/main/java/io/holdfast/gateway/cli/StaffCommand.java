package io.holdfast.gateway.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.holdfast.gateway.config.GatewayConfig;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.staff.Role;
import io.holdfast.staff.SignInPolicy;
import io.holdfast.staff.StaffDirectory;
import io.holdfast.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdfast staff add}: a store manager adds a colleague or supervisor to the store, or changes
 * one's name, role or PIN. The PIN is read from standard input (one line), never from the command
 * line where the process list would show it; only its hash is kept. Safe while the gateway runs.
 */
@Command(name = "staff", mixinStandardHelpOptions = true,
        description = "Add a colleague or supervisor to the store, or change one (PIN from standard input).",
        subcommands = StaffCommand.Add.class)
public final class StaffCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add or change one member of staff; reads the PIN (4 to 8 digits) from standard input.")
    static final class Add implements Callable<Integer> {

        private final Clock clock;

        Add(Clock clock) {
            this.clock = clock;
        }

        @Option(names = "--config", paramLabel = "FILE", description = "The store's configuration, as for serve.")
        Path config;

        @Option(names = "--id", required = true, description = "The staff id they sign in with, such as S1001.")
        String staffId;

        @Option(names = "--name", required = true, description = "Their name, as the pages show it.")
        String name;

        @Option(names = "--role", defaultValue = "COLLEAGUE",
                description = "COLLEAGUE or SUPERVISOR (default: ${DEFAULT-VALUE}).")
        Role role;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (!staffId.matches("[A-Z0-9][A-Z0-9-]{1,15}")) {
                throw new IllegalArgumentException("a staff id is 2 to 16 capital letters, digits or dashes, not '"
                        + staffId + "'");
            }
            String pin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (pin == null) {
                throw new IllegalArgumentException("give the PIN on standard input: printf '1234\\n' | holdfast staff add ...");
            }
            GatewaySettings settings = GatewaySettings.from(GatewayConfig.load(Optional.ofNullable(config)));
            try (Database database = Database.open(settings.database())) {
                new StaffDirectory(database, SignInPolicy.DEFAULT, Map.of(), clock)
                        .provision(staffId, name.strip(), role, pin.strip());
            }
            spec.commandLine().getOut().printf("%s (%s, %s) can sign in at store %s.%n", staffId, name.strip(),
                    role.name().toLowerCase(java.util.Locale.ROOT), settings.storeId());
            return 0;
        }
    }
}
