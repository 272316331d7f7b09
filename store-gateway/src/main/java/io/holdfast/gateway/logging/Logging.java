package io.holdfast.gateway.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sets up java.util.logging once, at start-up: one handler to standard error, one line per event,
 * written in batches off the logging thread (see {@link BatchingLineHandler}) and flushed at exit.
 */
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
        // Standard error's file descriptor itself, as the log's own stream (ConsoleHandler wrote to it
        // through System.err): the batching handler buffers, so System.err's own lock is not wanted.
        configure(format, new FileOutputStream(FileDescriptor.err));
    }

    /** The same, to another stream: a benchmark keeps the access log on without filling the terminal. */
    public static void configure(LogFormat format, OutputStream to) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
            handler.close();
        }
        BatchingLineHandler lines = new BatchingLineHandler(to, new OneLineFormatter(format));
        lines.setLevel(Level.ALL);
        root.addHandler(lines);
        Runtime.getRuntime().addShutdownHook(new Thread(lines::flush, "log-flush"));
        root.setLevel(Level.INFO);
        QUIETER.forEach(logger -> logger.setLevel(Level.WARNING));
    }
}
