package io.holdfast.gateway.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.helidon.config.Config;
import io.holdfast.gateway.Gateway;
import io.holdfast.gateway.config.GatewayConfig;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.gateway.config.UpdateSettings;
import io.holdfast.gateway.update.Supervision;
import io.holdfast.gateway.update.Updates;
import io.holdfast.gateway.logging.Logging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code holdfast serve}: run the gateway until the process is told to stop. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway for this store (configuration from --config, environment and defaults).")
public final class ServeCommand implements Callable<Integer> {

    private final Clock clock;

    ServeCommand(Clock clock) {
        this.clock = clock;
    }

    @Option(names = "--config", paramLabel = "FILE", description = "A YAML file whose keys override the defaults.")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Config loaded = GatewayConfig.load(Optional.ofNullable(config));
        GatewaySettings settings = GatewaySettings.from(loaded);
        Logging.configure(settings.logFormat());
        Optional<Supervision> supervision = Supervision.from(System.getenv());
        // A gateway whose supervisor is gone (killed with it, say) stops too: the next supervisor starts one.
        supervision.flatMap(s -> ProcessHandle.of(s.supervisorPid()))
                .ifPresent(supervisor -> supervisor.onExit().thenRun(() -> System.exit(0)));
        Gateway gateway = Gateway.start(settings, clock, new Updates(
                UpdateSettings.from(loaded.get("holdfast.updates")), supervision, () -> System.exit(Supervision.HAND_OVER)));
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "holdfast-shutdown"));
        spec.commandLine().getOut().printf("Holdfast store %s is serving on port %d (Ctrl+C stops it).%n",
                settings.storeId(), gateway.port());
        spec.commandLine().getOut().flush();
        gateway.awaitStop();
        return 0;
    }
}
