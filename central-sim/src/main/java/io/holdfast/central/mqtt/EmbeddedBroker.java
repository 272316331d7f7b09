package io.holdfast.central.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Properties;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;

/**
 * An MQTT 3.1.1 broker in this JVM (Moquette), bound to 127.0.0.1, for tests and the demo. It keeps
 * nothing on disk, like a broker that restarts empty; it can be stopped and started again on the
 * same port to play a broker restart.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** Large enough for a relay batch (64 KiB) and a snapshot chunk. */
    private static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    /** Moquette logs every MQTT packet at INFO; kept here so the level holds. */
    private static final java.util.logging.Logger MOQUETTE_LOG = quiet();

    private final Server server = new Server();
    private int port;
    private boolean running;

    private EmbeddedBroker(int port) {
        this.port = port;
    }

    /** A broker on a free port. */
    public static EmbeddedBroker start() {
        return start(freePort());
    }

    /** A broker on {@code port}; 0 picks a free one. */
    public static EmbeddedBroker start(int port) {
        EmbeddedBroker broker = new EmbeddedBroker(port == 0 ? freePort() : port);
        broker.startServer();
        return broker;
    }

    public URI uri() {
        return URI.create("tcp://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Stops the broker: every client loses its connection. */
    public synchronized void stop() {
        if (running) {
            server.stopServer();
            running = false;
        }
    }

    /** Starts the broker again on the same port, empty. */
    public synchronized void restart() {
        stop();
        startServer();
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startServer() {
        Properties properties = new Properties();
        properties.setProperty(IConfig.HOST_PROPERTY_NAME, "127.0.0.1");
        properties.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        properties.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        properties.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        properties.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        properties.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
        properties.setProperty("telemetry_enabled", "false");
        try {
            server.startServer(new MemoryConfig(properties));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded MQTT broker on 127.0.0.1:" + port, e);
        }
        running = true;
    }

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.moquette");
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** Moquette's own port-0 lookup is racy in 0.17, so the port is chosen here. */
    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1 for the embedded broker", e);
        }
    }
}
