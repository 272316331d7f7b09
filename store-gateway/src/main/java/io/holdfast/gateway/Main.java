package io.holdfast.gateway;

import java.time.Clock;

import io.holdfast.gateway.cli.HoldfastCommand;

/** The gateway's entry point: {@code java -jar store-gateway.jar serve}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // The machine's clock, read once here: every command that needs the time is given it.
        int exitCode = HoldfastCommand.commandLine(Clock.systemUTC()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
