package io.holdfast.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.helidon.config.Config;
import io.holdfast.gateway.config.GatewayConfig;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.gateway.config.UpdateSettings;
import io.holdfast.release.ReleaseAnnouncement;
import io.holdfast.release.ReleaseBundle;
import io.holdfast.release.ReleaseCheck;
import io.holdfast.release.ReleaseFiles;
import io.holdfast.release.ReleaseManifestJson;
import io.holdfast.release.ReleaseRatchet;
import io.holdfast.release.ReleaseVerdict;
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

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Check a release bundle against this store (signatures, expiry, store, release number,",
                    "schema) and hand it to the running gateway, which stages it and installs it when the gate",
                    "allows (maintenance window, a quiet store, nothing restoring, a small backlog, no freeze).",
                    "A refused bundle is audited and its code printed; the running release is not touched."})
    static final class Install implements Callable<Integer> {
        /** The machine's clock, read here once: this command is a composition root. */
        private final Clock clock = Clock.systemUTC();

        @Parameters(paramLabel = "FILE", description = "The signed release bundle.")
        Path bundle;

        @Option(names = "--config", paramLabel = "FILE", description = "The gateway's configuration.")
        Path config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Config loaded = GatewayConfig.load(Optional.ofNullable(config));
            GatewaySettings settings = GatewaySettings.from(loaded);
            UpdateSettings updates = UpdateSettings.from(loaded.get("holdfast.updates"));
            PrintWriter out = spec.commandLine().getOut();
            if (!updates.enabled()) {
                spec.commandLine().getErr().println("holdfast: update: this store trusts no release keys"
                        + " (holdfast.updates.release-keys), so it installs no release");
                return REFUSED;
            }
            try (Database database = Database.open(settings.database())) {
                ReleaseBundle.Contents contents = ReleaseBundle.read(bundle);
                ReleaseRatchet ratchet = new ReleaseRatchet(database);
                long schema = database.readLong("read the schema version", "SELECT coalesce(max(CAST(version AS"
                        + " INTEGER)), 0) FROM flyway_schema_history WHERE success = 1");
                ReleaseVerdict verdict = new ReleaseCheck(updates.trust()).judge(contents.manifestJson(),
                        contents.signatures(), new ReleaseCheck.StoreFacts(settings.storeId(), updates.cohorts(),
                                ratchet.highestAccepted(), (int) schema), clock.instant());
                if (verdict instanceof ReleaseVerdict.Refused refused) {
                    ratchet.refused(refused, bundle.getFileName().toString(), clock.instant());
                    new UpdateStates(database).move(UpdateState.REFUSED, bundle.getFileName().toString(),
                            refused.refusal().code() + ": " + refused.reason() + " (from USB)", clock.instant());
                    spec.commandLine().getErr().printf("holdfast: update: refused (%s): %s%n", refused.refusal().code(),
                            refused.reason());
                    return REFUSED;
                }
                long release = ReleaseManifestJson.read(contents.manifestJson()).release();
                // Copied off the stick first, so the stick can be pulled; renamed into place whole.
                Path folder = Files.createDirectories(updates.folder().toAbsolutePath().resolve("usb"));
                Path copy = folder.resolve("release-" + release + ".zip");
                Path part = folder.resolve("release-" + release + ".zip.part");
                Files.copy(bundle, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                boolean fresh = new UpdateOrders(database).announce(new ReleaseAnnouncement(release, copy.toString(),
                        ReleaseFiles.sha256(copy), false, "usb"), "manager", clock.instant());
                out.printf("Release number %d %s. The gateway checks its files, stages it and installs it when the"
                        + " gate allows; ./holdfast update status (or the status page) shows where it stands.%n", release,
                        fresh ? "is handed to the gateway" : "was handed to the gateway before");
                out.flush();
                return 0;
            }
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
            try (Database database = Database.open(settings.database())) {
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
