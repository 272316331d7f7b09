package io.holdfast.sync.command;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.holdfast.mqtt.Broker;
import io.holdfast.mqtt.BrokerOptions;

/** Publishes signed commands to a broker (QoS 1), for regional IT's command-line tool and the simulated fleet. */
public final class CommandPublisher {

    private CommandPublisher() {
    }

    public static void publishOnce(URI broker, String topic, byte[] envelope) {
        publishOnce(Broker.at(broker), topic, envelope);
    }

    /** Through the first of the broker's nodes that answers, as its user (regional IT's) on the broker. */
    public static void publishOnce(Broker broker, String topic, byte[] envelope) {
        publishAll(broker, Map.of(topic, envelope));
    }

    /** Several commands, each on its topic, in the map's order, over one connection. */
    public static void publishAll(Broker broker, Map<String, byte[]> envelopes) {
        try (MqttClient client = new MqttClient(broker.nodes().getFirst().toString(), "holdfast-sign-"
                + UUID.randomUUID(), new MemoryPersistence())) {
            client.setTimeToWait(10_000);
            MqttConnectOptions options = BrokerOptions.connect(broker, 0);
            options.setCleanSession(true);
            options.setConnectionTimeout(10);
            client.connect(options);
            for (Map.Entry<String, byte[]> command : envelopes.entrySet()) {
                client.publish(command.getKey(), command.getValue(), 1, false);
            }
            client.disconnect(2_000);
        } catch (MqttException e) {
            String first = envelopes.keySet().iterator().next();
            String which = envelopes.size() > 1 ? first + " (one of " + envelopes.size() + " commands)" : first;
            throw new IllegalStateException("could not publish to " + which + " at " + broker + ": " + e.getMessage(), e);
        }
    }
}
