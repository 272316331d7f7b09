package io.holdfast.demo;

import java.time.Clock;

import io.holdfast.gateway.cli.HoldfastCommand;

/**
 * What {@code ./holdfast} runs: the gateway's own commands plus {@code demo}, which needs the
 * central simulator and so lives outside the production gateway.
 */
public final class HoldfastLauncher {

    private HoldfastLauncher() {
    }

    public static void main(String[] args) {
        // The machine's clock, read once here: every command that needs the time is given it.
        Clock clock = Clock.systemUTC();
        int exitCode = HoldfastCommand.commandLine(clock)
                .addSubcommand("regional", new io.holdfast.regional.cli.RegionalCommand(clock))
                .addSubcommand("fleet", new io.holdfast.regional.cli.FleetCommand())
                .addSubcommand("demo", new DemoCommand())
                .addSubcommand("bench", new BenchCommand())
                .addSubcommand("bench-failover", new FailoverBenchCommand())
                .addSubcommand("bench-sync", new SyncBenchCommand())
                .addSubcommand("bench-giftcards", new GiftCardBenchCommand())
                .addSubcommand("bench-console", new ConsoleBenchCommand(clock))
                .addSubcommand("bench-fleet", new FleetBenchCommand(clock))
                .execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
