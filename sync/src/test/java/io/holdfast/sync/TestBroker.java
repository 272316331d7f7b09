package io.holdfast.sync;

import java.net.URI;
import java.nio.file.Path;

import io.holdfast.central.mqtt.EmbeddedBroker;
import io.holdfast.central.mqtt.MosquittoProcess;

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
        if ("mosquitto".equals(chosen)) {
            MosquittoProcess mosquitto = MosquittoProcess.start(folder.resolve("mosquitto"));
            return new Of(mosquitto.uri(), mosquitto::restart, mosquitto::close);
        }
        EmbeddedBroker embedded = EmbeddedBroker.start();
        return new Of(embedded.uri(), embedded::restart, embedded::close);
    }

    record Of(URI uri, Runnable restarter, Runnable closer) implements TestBroker {
        @Override
        public void restart() {
            restarter.run();
        }

        @Override
        public void close() {
            closer.run();
        }
    }
}
