package io.holdfast.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.holdfast.central.mqtt.EmbeddedBroker;

/**
 * The broker the sync tests run against: Moquette in this JVM by default, or Debian's Mosquitto as a
 * process when {@code HOLDFAST_TEST_BROKER=mosquitto} (CI runs the suite both ways). Both listen on
 * 127.0.0.1 only, and both can be restarted on the same port.
 */
interface TestBroker extends AutoCloseable {

    URI uri();

    /** The broker goes away and comes back, empty. */
    void restart();

    @Override
    void close();

    static TestBroker start(Path folder) {
        String chosen = System.getenv().getOrDefault("HOLDFAST_TEST_BROKER",
                System.getProperty("holdfast.test.broker", "embedded"));
        return "mosquitto".equals(chosen) ? Mosquitto.start(folder) : new Embedded(EmbeddedBroker.start());
    }

    record Embedded(EmbeddedBroker broker) implements TestBroker {
        @Override
        public URI uri() {
            return broker.uri();
        }

        @Override
        public void restart() {
            broker.restart();
        }

        @Override
        public void close() {
            broker.close();
        }
    }

    /** Mosquitto with {@code max_queued_messages 0}: its default drops QoS 1 messages for a slow subscriber. */
    final class Mosquitto implements TestBroker {
        private final Path config;
        private final int port;
        private Process process;

        private Mosquitto(Path config, int port) {
            this.config = config;
            this.port = port;
        }

        static Mosquitto start(Path folder) {
            try {
                int port;
                try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                    port = probe.getLocalPort();
                }
                Path config = folder.resolve("mosquitto.conf");
                Files.writeString(config, String.join("\n",
                        "listener " + port + " 127.0.0.1",
                        "allow_anonymous true",
                        "persistence false",
                        "max_queued_messages 0",
                        "max_inflight_messages 0",
                        "log_dest stderr",
                        "log_type error", ""));
                Mosquitto mosquitto = new Mosquitto(config, port);
                mosquitto.launch();
                return mosquitto;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start mosquitto", e);
            }
        }

        @Override
        public URI uri() {
            return URI.create("tcp://127.0.0.1:" + port);
        }

        @Override
        public void restart() {
            stop();
            launch();
        }

        @Override
        public void close() {
            stop();
        }

        private void launch() {
            try {
                process = new ProcessBuilder(binary(), "-c", config.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(config.resolveSibling("mosquitto.log").toFile())
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run mosquitto (apt-get install mosquitto)", e);
            }
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (Instant.now().isBefore(deadline)) {
                try (Socket ignored = new Socket("127.0.0.1", port)) {
                    return;
                } catch (IOException notYet) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            throw new IllegalStateException("mosquitto did not listen on " + port + " within 10 s");
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

        private static String binary() {
            for (String candidate : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto"}) {
                if (Files.isExecutable(Path.of(candidate))) {
                    return candidate;
                }
            }
            return "mosquitto";
        }
    }
}
