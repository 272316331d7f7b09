package io.holdfast.regional;

import java.util.UUID;
import java.util.function.BiConsumer;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.holdfast.mqtt.Broker;
import io.holdfast.mqtt.BrokerOptions;
import io.holdfast.sync.Topics;

/**
 * The console's one connection to the broker: it reads every store's retained status and publishes
 * signed commands (QoS 1, waiting for the broker's PUBACK). It never talks to a store any other way.
 * One client, so Paho's own reconnect (with its fixed back-off) is enough here; the subscription is
 * made again on each reconnect, and the retained statuses arrive again with it.
 */
public final class ConsoleLink implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConsoleLink.class.getName());
    private static final String ALL_STATUS = "holdfast/v1/+/status";

    private final MqttClient client;

    private ConsoleLink(MqttClient client) {
        this.client = client;
    }

    /** @param statuses given the store's id and the payload of each message on a status topic */
    public static ConsoleLink connect(Broker broker, BiConsumer<String, byte[]> statuses) {
        try {
            MqttClient client = new MqttClient(broker.nodes().getFirst().toString(), "holdfast-console-" + UUID.randomUUID(),
                    new MemoryPersistence());
            client.setTimeToWait(10_000);
            client.setCallback(new MqttCallbackExtended() {
                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                    try {
                        client.subscribe(ALL_STATUS, 1);
                        LOG.log(System.Logger.Level.INFO, "console {0} to {1}; following every store's status",
                                reconnect ? "reconnected" : "connected", serverURI);
                    } catch (MqttException e) {
                        LOG.log(System.Logger.Level.WARNING, "cannot subscribe to the stores' status", e);
                    }
                }

                @Override
                public void connectionLost(Throwable cause) {
                    LOG.log(System.Logger.Level.WARNING, "lost the broker ({0}); reconnecting", cause.getMessage());
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    try {
                        statuses.accept(Topics.storeOf(topic), message.getPayload());
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "a status on " + topic + " could not be taken", e);
                    }
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            // Paho's own reconnect tries the nodes in turn.
            MqttConnectOptions options = BrokerOptions.connect(broker, 0);
            options.setCleanSession(true);
            options.setAutomaticReconnect(true);
            options.setConnectionTimeout(10);
            options.setMaxInflight(1_000);
            client.connect(options);
            return new ConsoleLink(client);
        } catch (MqttException e) {
            throw new IllegalStateException("the console cannot reach the broker " + broker + ": " + e.getMessage(), e);
        }
    }

    public boolean connected() {
        return client.isConnected();
    }

    /** Publishes at QoS 1 and returns once the broker has it. */
    public void publish(String topic, byte[] payload) {
        try {
            client.publish(topic, payload, 1, false);
        } catch (MqttException e) {
            throw new IllegalStateException("could not publish to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
            client.close();
        } catch (MqttException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the console's broker link: {0}", e.getMessage());
        }
    }
}
