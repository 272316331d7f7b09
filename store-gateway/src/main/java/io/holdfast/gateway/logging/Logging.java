package io.holdfast.gateway.logging;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Sets up java.util.logging once, at start-up: one handler to standard error, one line per event. */
public final class Logging {

    /**
     * Quieter than INFO: Flyway's every migration step, and Helidon's notice that this build uses its
     * preview features (observability), which we chose knowingly. Held here so the levels hold: a
     * logger nobody references may be collected and come back at the default level.
     */
    private static final java.util.List<Logger> QUIETER = java.util.List.of(
            Logger.getLogger("org.flywaydb"), Logger.getLogger("io.helidon.common.features.HelidonFeatures"));

    private Logging() {
    }

    public static void configure(LogFormat format) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new OneLineFormatter(format));
        console.setLevel(Level.ALL);
        root.addHandler(console);
        root.setLevel(Level.INFO);
        QUIETER.forEach(logger -> logger.setLevel(Level.WARNING));
    }
}
