package io.holdfast.regional.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import io.holdfast.regional.RegionalConsole;
import io.holdfast.regional.RegionalSettings;
import io.holdfast.regional.operator.Operator;
import io.holdfast.regional.operator.Operators;
import io.holdfast.regional.operator.Role;
import io.holdfast.store.Database;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdfast regional}: runs regional IT's console, and manages its operators. A passphrase is
 * read from {@code HOLDFAST_PASSPHRASE} or, without it, from the first line of standard input.
 */
@Command(name = "regional", mixinStandardHelpOptions = true,
        description = {"Run regional IT's console (the fleet page at /fleet) with --config FILE,",
                "or manage its operators: 'regional operator-add', 'regional operators'."})
public final class RegionalCommand implements Callable<Integer> {

    private final Clock clock;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML with holdfast.regional.{broker,port,database,register,admitted-rate,...}.")
    Path config;

    @Spec
    CommandSpec spec;

    public RegionalCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (config == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "the console needs --config FILE");
        }
        RegionalSettings settings = settings(config);
        RegionalConsole console = RegionalConsole.start(settings, clock);
        Runtime.getRuntime().addShutdownHook(new Thread(console::close, "holdfast-console-shutdown"));
        spec.commandLine().getOut().printf("Regional console on http://%s:%d/fleet for the stores in %s%n",
                settings.host(), console.port(), settings.register());
        spec.commandLine().getOut().flush();
        new CountDownLatch(1).await();
        return 0;
    }

    @Command(name = "operator-add", mixinStandardHelpOptions = true,
            description = "Add an operator with a new key sealed by their passphrase; prints what stores must trust.")
    int operatorAdd(@Option(names = "--config", required = true, paramLabel = "FILE") Path file,
                    @Option(names = "--id", required = true) String id,
                    @Option(names = "--role", required = true, description = "VIEWER, OPERATOR or APPROVER") Role role)
            throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (Database database = RegionalConsole.openDatabase(settings(file))) {
            Operator added = new Operators(database, clock).add(id, role, passphrase(), "console-cli");
            out.printf("Added %s (%s). Every store trusts the key in its configuration:%n", added.id(),
                    added.role().name().toLowerCase());
            out.printf("holdfast:%n  sync:%n    trusted-keys:%n      - id: %s%n        public-key: %s%n", added.id(),
                    added.publicKey());
        }
        return 0;
    }

    @Command(name = "operators", mixinStandardHelpOptions = true, description = "List operators and their public keys.")
    int operators(@Option(names = "--config", required = true, paramLabel = "FILE") Path file) {
        PrintWriter out = spec.commandLine().getOut();
        try (Database database = RegionalConsole.openDatabase(settings(file))) {
            for (Operator operator : new Operators(database, clock).all()) {
                out.printf("%-16s %-9s %s%n", operator.id(), operator.role(), operator.publicKey());
            }
        }
        return 0;
    }

    static RegionalSettings settings(Path file) {
        Config loaded = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.file(file).build()).build();
        return RegionalSettings.from(loaded.get("holdfast.regional"));
    }

    private static char[] passphrase() throws IOException {
        String given = System.getenv("HOLDFAST_PASSPHRASE");
        if (given == null) {
            given = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (given == null) {
            throw new IllegalArgumentException("give the passphrase in HOLDFAST_PASSPHRASE or on standard input");
        }
        return given.toCharArray();
    }
}
