package io.holdfast.gateway;

import io.holdfast.gateway.cli.HoldfastCommand;

/** The gateway's entry point: {@code java -jar store-gateway.jar serve}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int exitCode = HoldfastCommand.commandLine().execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
