package io.holdfast.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.holdfast.mqtt.Broker;
import io.holdfast.mqtt.BrokerOptions;

/**
 * One subscriber on each node of the cluster, to a topic, at QoS 0 as the stores follow the fleet's
 * commands: when a message reached each node's subscriber tells the broker's fan-out apart from the
 * time the simulated stores, a thousand in one JVM, took to get to it.
 */
final class NodeProbes implements AutoCloseable {

    private final List<MqttClient> clients = new ArrayList<>();
    private final ConcurrentMap<Integer, Long> heardAt = new ConcurrentHashMap<>();

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
                    heardAt.putIfAbsent(index, System.nanoTime());
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

    /** Forgets what was heard: the next message is timed afresh. */
    void reset() {
        heardAt.clear();
    }

    /** Milliseconds from {@code sentNanos} until each node's subscriber heard the message, in node order; -1 if not. */
    List<Long> millisSince(long sentNanos) {
        List<Long> millis = new ArrayList<>();
        for (int node = 0; node < clients.size(); node++) {
            Long at = heardAt.get(node);
            millis.add(at == null ? -1 : (at - sentNanos) / 1_000_000);
        }
        return millis;
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
