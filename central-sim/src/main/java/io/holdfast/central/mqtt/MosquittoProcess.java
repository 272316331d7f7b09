package io.holdfast.central.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's Mosquitto as a child process on a free port of 127.0.0.1, for the sync tests and the
 * sync benchmark. Configured with {@code max_queued_messages 0}: its default (1000) silently drops
 * QoS 1 messages for a subscriber that falls behind. Can be restarted on the same port.
 */
public final class MosquittoProcess implements AutoCloseable {

    private final Path config;
    private final int port;
    private Process process;

    private MosquittoProcess(Path config, int port) {
        this.config = config;
        this.port = port;
    }

    /** @param folder where its configuration and log go */
    public static MosquittoProcess start(Path folder) {
        try {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            Files.createDirectories(folder);
            Path config = folder.resolve("mosquitto.conf");
            Files.writeString(config, String.join("\n",
                    "listener " + port + " 127.0.0.1",
                    "allow_anonymous true",
                    "persistence false",
                    "max_queued_messages 0",
                    "set_tcp_nodelay true",
                    "log_dest stderr",
                    "log_type error", ""));
            MosquittoProcess mosquitto = new MosquittoProcess(config, port);
            mosquitto.launch();
            return mosquitto;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure mosquitto in " + folder, e);
        }
    }

    /** Whether Debian's package is installed here. */
    public static boolean installed() {
        return binary().isPresent();
    }

    public URI uri() {
        return URI.create("tcp://127.0.0.1:" + port);
    }

    /** Stops it and starts it again on the same port, empty. */
    public void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() {
        String binary = binary().orElseThrow(() ->
                new IllegalStateException("mosquitto is not installed (apt-get install mosquitto)"));
        try {
            process = new ProcessBuilder(binary, "-c", config.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(config.resolveSibling("mosquitto.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary, e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket listening = new Socket(InetAddress.getLoopbackAddress(), port)) {
                if (listening.isConnected()) {
                    return;
                }
            } catch (IOException notYet) {
                pause();
            }
        }
        throw new IllegalStateException("mosquitto did not listen on 127.0.0.1:" + port + " within 10 s; see "
                + config.resolveSibling("mosquitto.log"));
    }

    private void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static java.util.Optional<String> binary() {
        for (String candidate : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
