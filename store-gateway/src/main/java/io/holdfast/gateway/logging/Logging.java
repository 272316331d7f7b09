package io.holdfast.gateway.logging;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Sets up java.util.logging once, at start-up: one handler to standard error, one line per event. */
public final class Logging {

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
        Logger.getLogger("org.flywaydb").setLevel(Level.WARNING);
    }
}
