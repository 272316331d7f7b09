package io.holdfast.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import io.helidon.config.Config;
import io.holdfast.gateway.config.GatewayConfig;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.gateway.config.UpdateSettings;
import io.holdfast.release.ReleaseBundle;
import io.holdfast.release.ReleaseManifest;
import io.holdfast.release.ReleaseManifestJson;
import io.holdfast.release.ReleaseRatchet;
import io.holdfast.release.UpdateOrders;
import io.holdfast.release.UpdateState;
import io.holdfast.release.UpdateStates;
import io.holdfast.release.UpdateStatus;
import io.holdfast.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code holdfast update install FILE} and {@code holdfast update status}: a store manager installs a
 * release from a USB stick while the store's link to head office is down. The bundle goes through the
 * same checks and the same gate as one regional IT announces; every step is audited.
 */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Install a gateway release from a file (a USB stick), or see where an update stands.",
        subcommands = {UpdateCommand.Install.class, UpdateCommand.Status.class})
public final class UpdateCommand {

    /** Exit code for a release the store refuses. */
    public static final int REFUSED = 3;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);
    private static final Set<UpdateState> ANSWERS = EnumSet.of(UpdateState.STAGED, UpdateState.WAITING,
            UpdateState.INSTALLING, UpdateState.CHECKING, UpdateState.INSTALLED, UpdateState.REFUSED);

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Check a release bundle against this store (signatures, expiry, store, release number,",
                    "schema) and hand it to the running gateway, which stages it and installs it when the gate",
                    "allows (maintenance window, a quiet store, nothing restoring, a small backlog, no freeze).",
                    "A refused bundle is audited and its code printed; the running release is not touched."})
    static final class Install implements Callable<Integer> {
        private final Clock clock;

        Install(Clock clock) {
            this.clock = clock;
        }

        @Parameters(paramLabel = "FILE", description = "The signed release bundle.")
        Path bundle;

        @Option(names = "--config", paramLabel = "FILE", description = "The gateway's configuration.")
        Path config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Config loaded = GatewayConfig.load(Optional.ofNullable(config));
            GatewaySettings settings = GatewaySettings.from(loaded);
            UpdateSettings updates = UpdateSettings.from(loaded.get("holdfast.updates"));
            PrintWriter out = spec.commandLine().getOut();
            if (!updates.enabled()) {
                spec.commandLine().getErr().println("holdfast: update: this store trusts no release keys"
                        + " (holdfast.updates.release-keys), so it installs no release");
                return REFUSED;
            }
            List<String> names = new ArrayList<>(List.of(bundle.getFileName().toString()));
            try {
                ReleaseManifest manifest = ReleaseManifestJson.read(ReleaseBundle.read(bundle).manifestJson());
                names.addAll(List.of(manifest.version(), "release " + manifest.release()));
            } catch (IOException | IllegalArgumentException e) {
                // Handed over all the same: the gateway refuses it, with its code, in the audit log.
            }
            // Copied off the stick first, so the stick can be pulled; renamed into place whole.
            Instant handed = clock.instant();
            Path inbox = Files.createDirectories(updates.folder().toAbsolutePath().resolve("usb"));
            String name = handed.toEpochMilli() + "-" + bundle.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            Path part = inbox.resolve(name + ".part");
            Files.copy(bundle, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, inbox.resolve(name.endsWith(".zip") ? name : name + ".zip"), StandardCopyOption.ATOMIC_MOVE);
            out.printf("Handed %s to the gateway, which checks it (signatures, expiry, store, release number, schema,"
                    + " files) and installs it when the gate allows.%n", bundle);
            out.flush();
            Optional<UpdateStatus> verdict = awaitVerdict(settings, names, handed);
            if (verdict.isEmpty()) {
                out.printf("The gateway has not answered within %d s (is it running?); it takes the release when it"
                        + " does. ./holdfast update status shows where it stands.%n", ANSWER_WITHIN.toSeconds());
                return 0;
            }
            UpdateStatus status = verdict.get();
            if (status.state() == UpdateState.REFUSED) {
                int colon = status.detail().indexOf(':');
                spec.commandLine().getErr().printf("holdfast: update: refused (%s):%s%n",
                        status.detail().substring(0, Math.max(colon, 0)), status.detail().substring(colon + 1));
                return REFUSED;
            }
            out.printf("%s: %s%n", status.state(), status.detail());
            return 0;
        }

        /** Reads the store beside the running gateway until it has judged the release handed over. */
        private Optional<UpdateStatus> awaitVerdict(GatewaySettings settings, List<String> names, Instant handed)
                throws InterruptedException {
            long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                Thread.sleep(250);
                try (Database database = Database.openReadOnly(settings.database())) {
                    UpdateStatus status = new UpdateStates(database).current();
                    if (!status.since().isBefore(handed.truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                            && names.contains(status.version()) && ANSWERS.contains(status.state())) {
                        return Optional.of(status);
                    }
                } catch (RuntimeException e) {
                    // The store is being created or migrated: asked again in a moment.
                }
            }
            return Optional.empty();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Where this store's update stands: its state, what it waits for, the freeze.")
    static final class Status implements Callable<Integer> {

        @Option(names = "--config", paramLabel = "FILE", description = "The gateway's configuration.")
        Path config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            GatewaySettings settings = GatewaySettings.from(GatewayConfig.load(Optional.ofNullable(config)));
            try (Database database = Database.openReadOnly(settings.database())) {
                UpdateStatus status = new UpdateStates(database).current();
                PrintWriter out = spec.commandLine().getOut();
                out.printf("update: %s %s since %s%n  %s%n", status.state(), status.version(), status.since(),
                        status.detail());
                out.printf("  highest release accepted: %d%n", new ReleaseRatchet(database).highestAccepted());
                new UpdateOrders(database).freezeUntil().ifPresent(until -> out.printf("  frozen until %s%n", until));
                out.flush();
                return 0;
            }
        }
    }
}
