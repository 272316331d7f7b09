package io.holdfast.gateway.cli;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.helidon.config.Config;
import io.holdfast.gateway.config.GatewayConfig;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.gateway.config.UpdateSettings;
import io.holdfast.gateway.logging.Logging;
import io.holdfast.gateway.update.ReleaseSupervisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdfast supervise}: what a store's systemd unit runs. Starts the release {@code current}
 * points at ({@code holdfast serve} from that release's jar), restarts it when it stops, and rolls a
 * new release back when it does not confirm its health in time.
 */
@Command(name = "supervise", mixinStandardHelpOptions = true,
        description = {"Run this store's gateway from its current release, and switch releases safely.",
                "Starts 'holdfast serve --config FILE' from the release 'current' points at, under",
                "holdfast.updates.folder. After a switch the new release must confirm its health within",
                "holdfast.updates.health-window; if it stops, hangs or fails, 'current' goes back to the",
                "previous release by itself. With no current release yet, the jar this runs from is",
                "installed as the first one. Run it from systemd (README: 'Gateway updates')."})
public final class SuperviseCommand implements Callable<Integer> {

    private final Clock clock;

    SuperviseCommand(Clock clock) {
        this.clock = clock;
    }

    @Option(names = "--config", paramLabel = "FILE", description = "The store's configuration, passed to serve.")
    Path config;

    @Option(names = "--first-version", defaultValue = "first",
            description = "The name of the first release, installed from this jar when none is current"
                    + " (default: ${DEFAULT-VALUE}).")
    String firstVersion;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Config loaded = GatewayConfig.load(Optional.ofNullable(config));
        Logging.configure(GatewaySettings.from(loaded).logFormat());
        UpdateSettings updates = UpdateSettings.from(loaded.get("holdfast.updates"));
        Path java = ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
        List<String> arguments = new ArrayList<>();
        if (config != null) {
            arguments.addAll(List.of("--config", config.toAbsolutePath().toString()));
        }
        ReleaseSupervisor supervisor = new ReleaseSupervisor(updates.folder().toAbsolutePath(), updates.healthWindow(),
                new ReleaseSupervisor.Launch(java, arguments), clock);
        Path jar = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0]).toAbsolutePath();
        supervisor.installFirst(jar, firstVersion).ifPresent(version -> {
            spec.commandLine().getOut().printf("Installed %s as release %s under %s.%n", jar, version,
                    updates.folder().toAbsolutePath());
            spec.commandLine().getOut().flush();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(supervisor::stop, "holdfast-supervisor-stop"));
        return supervisor.run();
    }
}
