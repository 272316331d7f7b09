package io.holdfast.sync.command;

import java.net.URI;
import java.util.UUID;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.holdfast.mqtt.Broker;
import io.holdfast.mqtt.BrokerOptions;

/** Publishes one signed command to a broker (QoS 1), for regional IT's command-line tool. */
public final class CommandPublisher {

    private CommandPublisher() {
    }

    public static void publishOnce(URI broker, String topic, byte[] envelope) {
        publishOnce(Broker.at(broker), topic, envelope);
    }

    /** Through the first of the broker's nodes that answers, as its user (regional IT's) on the broker. */
    public static void publishOnce(Broker broker, String topic, byte[] envelope) {
        try (MqttClient client = new MqttClient(broker.nodes().getFirst().toString(), "holdfast-sign-"
                + UUID.randomUUID(), new MemoryPersistence())) {
            client.setTimeToWait(10_000);
            MqttConnectOptions options = BrokerOptions.connect(broker, 0);
            options.setCleanSession(true);
            options.setConnectionTimeout(10);
            client.connect(options);
            client.publish(topic, envelope, 1, false);
            client.disconnect(2_000);
        } catch (MqttException e) {
            throw new IllegalStateException("could not publish to " + topic + " at " + broker + ": " + e.getMessage(),
                    e);
        }
    }
}
