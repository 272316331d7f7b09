package io.holdfast.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.holdfast.mqtt.Broker;
import io.holdfast.mqtt.BrokerOptions;
import io.holdfast.sync.SyncJson;

/**
 * One subscriber on each node of the cluster, to a topic, at QoS 0 as the stores follow the fleet's
 * commands: when a message reached each node's subscriber tells the broker's fan-out apart from the
 * time the simulated stores, a thousand in one JVM, took to get to it.
 */
final class NodeProbes implements AutoCloseable {

    /** A message one node's subscriber heard, and when (monotonic nanoseconds). */
    private record Heard(int node, long nanos, byte[] payload) {
    }

    private final List<MqttClient> clients = new ArrayList<>();
    private final Queue<Heard> heard = new ConcurrentLinkedQueue<>();

    /** @param broker the cluster's nodes and a user who may read {@code topic} */
    NodeProbes(Broker broker, String topic) throws MqttException {
        for (int node = 0; node < broker.nodes().size(); node++) {
            int index = node;
            MqttClient client = new MqttClient(broker.nodes().get(node).toString(), "probe-" + UUID.randomUUID(),
                    new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    // A probe that lost its node reports nothing for it.
                }

                @Override
                public void messageArrived(String arrivedOn, MqttMessage message) {
                    heard.add(new Heard(index, System.nanoTime(), message.getPayload()));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // Probes publish nothing.
                }
            });
            MqttConnectOptions options = BrokerOptions.connect(
                    new Broker(List.of(broker.nodes().get(node)), broker.login(), broker.trustedIssuer()), 0);
            options.setCleanSession(true);
            client.connect(options);
            client.subscribe(topic, 0);
            clients.add(client);
        }
    }

    /** Forgets what was heard. */
    void reset() {
        heard.clear();
    }

    /**
     * Milliseconds from {@code sentNanos} until each node's subscriber heard the signed command
     * {@code commandId}, in node order; -1 for a node that did not hear it. Other commands heard
     * meanwhile (a SET_RATE sent just before) are told apart by the id inside the envelope.
     */
    List<Long> millisUntil(String commandId, long sentNanos) {
        List<Long> millis = new ArrayList<>();
        for (int node = 0; node < clients.size(); node++) {
            int wanted = node;
            millis.add(heard.stream().filter(h -> h.node() == wanted && carries(h.payload(), commandId))
                    .mapToLong(h -> (h.nanos() - sentNanos) / 1_000_000).min().orElse(-1));
        }
        return millis;
    }

    private static boolean carries(byte[] envelope, String commandId) {
        try {
            String command = new String(Base64.getDecoder().decode(SyncJson.MAPPER.readTree(envelope).path("command").asText("")),
                    StandardCharsets.UTF_8);
            return command.contains("\"" + commandId + "\"");
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (MqttClient client : clients) {
            try {
                client.disconnectForcibly(0, 1_000);
                client.close(true);
            } catch (MqttException ignored) {
                // Leaving.
            }
        }
    }
}
