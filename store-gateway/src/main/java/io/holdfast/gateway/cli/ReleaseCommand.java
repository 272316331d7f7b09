package io.holdfast.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.concurrent.Callable;

import io.holdfast.release.ReleaseAudience;
import io.holdfast.release.ReleaseBundle;
import io.holdfast.release.ReleaseFiles;
import io.holdfast.release.ReleaseManifest;
import io.holdfast.sync.command.KeyFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code holdfast release build} and {@code holdfast release sign}: regional IT makes a gateway release
 * as one file and signs it with its release keys (a store wants two of them by default).
 */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = "Make a gateway release as one file and sign it with a release key.",
        subcommands = {ReleaseCommand.Build.class, ReleaseCommand.Sign.class})
public final class ReleaseCommand {

    @Command(name = "build",
            description = "Make a release bundle of the gateway jar and its libraries, unsigned unless --sign-with.")
    static final class Build implements Callable<Integer> {
        /** Help by hand: picocli's standard --version would clash with the release's. */
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        private final Clock clock;

        Build(Clock clock) {
            this.clock = clock;
        }

        @Option(names = "--jar", required = true, paramLabel = "FILE", description = "The gateway jar.")
        Path jar;

        @Option(names = "--libs", paramLabel = "DIR", description = "Its libraries' folder (each *.jar goes in libs/).")
        Path libs;

        @Option(names = "--version", required = true, description = "The version people read, such as 1.4.0.")
        String version;

        @Option(names = "--release", required = true,
                description = "The release number: above every earlier release's, as stores refuse any other.")
        long release;

        @Option(names = "--minimum-schema", required = true, description = "The lowest schema version it runs on.")
        int minimumSchema;

        @Option(names = "--valid-for", defaultValue = "P30D",
                description = "How long stores may take it (default: ${DEFAULT-VALUE}); after that it is refused.")
        Period validFor;

        @ArgGroup(exclusive = true)
        Audience audience = new Audience();

        static final class Audience {
            @Option(names = "--stores", split = ",", description = "Only these stores, such as 0421,0512.")
            List<String> stores;

            @Option(names = "--cohort", description = "Only stores carrying this cohort label.")
            String cohort;
        }

        @Option(names = "--fix", description = "A fix: allowed through a freeze.")
        boolean fix;

        @Option(names = "--jvm-option", paramLabel = "OPTION",
                description = "A JVM option the supervisor starts this release with, such as -Xmx512m (repeatable).")
        List<String> jvmOptions = List.of();

        @Option(names = "--sign-with", paramLabel = "ID=FILE",
                description = "Sign it straight away with this release key (repeatable), as 'release sign' would.")
        java.util.Map<String, Path> signWith = new java.util.LinkedHashMap<>();

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The bundle to write (not overwritten).")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Path folder = Files.createTempDirectory("holdfast-release");
            try {
                Files.copy(jar, folder.resolve("holdfast.jar"));
                if (libs != null) {
                    Path target = Files.createDirectories(folder.resolve("libs"));
                    try (var jars = Files.list(libs)) {
                        for (Path lib : jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                            Files.copy(lib, target.resolve(lib.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                        }
                    }
                }
                if (!jvmOptions.isEmpty()) {
                    Files.writeString(folder.resolve("release.options"), String.join("\n", jvmOptions) + "\n");
                }
                Instant expires = clock.instant().plus(validFor);
                ReleaseManifest manifest = new ReleaseManifest(version, release, ReleaseFiles.describe(folder),
                        minimumSchema, expires, audience(), fix);
                ReleaseBundle.build(manifest, folder, out);
                for (var key : signWith.entrySet()) {
                    ReleaseBundle.sign(out, key.getKey(), KeyFiles.readPrivate(key.getValue()));
                }
                PrintWriter printed = spec.commandLine().getOut();
                printed.printf("release %s (number %d, %d files) written to %s, %s; valid until %s%n", version,
                        release, manifest.files().size(), out, signWith.isEmpty() ? "unsigned"
                                : "signed with " + String.join(", ", signWith.keySet()), expires);
                printed.flush();
                return 0;
            } finally {
                try (var walk = Files.walk(folder)) {
                    for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }

        private ReleaseAudience audience() {
            if (audience.stores != null) {
                return new ReleaseAudience.Stores(audience.stores);
            }
            return audience.cohort != null ? new ReleaseAudience.Cohort(audience.cohort) : new ReleaseAudience.AllStores();
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Add one release key's signature to a release bundle.")
    static final class Sign implements Callable<Integer> {

        @Option(names = "--key", required = true, paramLabel = "FILE",
                description = "The release key's private key file (./holdfast sign --keygen DIR --key-id ID).")
        Path key;

        @Option(names = "--key-id", required = true, description = "The key's id, as stores trust it.")
        String keyId;

        @Parameters(paramLabel = "BUNDLE", description = "The release bundle to sign.")
        Path bundle;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ReleaseBundle.sign(bundle, keyId, KeyFiles.readPrivate(key));
            PrintWriter printed = spec.commandLine().getOut();
            printed.printf("%s signed with %s; it now carries %d signature(s)%n", bundle, keyId,
                    ReleaseBundle.read(bundle).signatures().size());
            printed.flush();
            return 0;
        }
    }
}
