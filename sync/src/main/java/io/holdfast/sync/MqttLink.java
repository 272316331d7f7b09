package io.holdfast.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;

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
 * One MQTT connection through Paho's v3 client: connect (to the first of the broker's nodes that
 * answers), subscribe, publish, disconnect. It only moves bytes. Paho keeps nothing (MemoryPersistence, clean session) and does not reconnect by
 * itself: the relay decides. Arriving messages and a lost connection go to the relay's sink, which
 * may wait (a bounded queue): Paho's reader then waits too, and the broker holds what is unread.
 * Publishing hands the message to Paho and does not wait for the broker's PUBACK: what counts for an
 * event is central's own acknowledgement, and nothing of ours ever waits on a reader that waits on us.
 */
final class MqttLink implements AutoCloseable {

    /** What Paho tells the relay, in order. */
    sealed interface Signal {
        record Arrived(String topic, byte[] payload) implements Signal {
        }

        record Lost(String reason) implements Signal {
        }
    }

    /** Where Paho's signals go; may wait for room. */
    interface Sink {
        void accept(Signal signal) throws InterruptedException;
    }

    /**
     * QoS 1 messages handed to Paho and not yet acknowledged by the broker: well above the relay's
     * window of batches plus its status and command replies.
     */
    static final int MAX_IN_FLIGHT = 1_000;

    /**
     * How long a connect, a subscription or a hand-over to Paho may take. A cluster that has just lost
     * a node takes over a thousand stores' sessions at once and answers slowly: a store that gave up
     * after 5 s connected again at once, took its own half-made session over, and kept the cluster
     * busier still (the 1,000-store bench stalled so).
     */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final MqttClient client;
    private final Broker broker;
    private final int firstNode;

    /** @param firstNode the broker's node to try first; the others follow in turn */
    MqttLink(Broker broker, int firstNode, String clientId, BlockingQueue<Signal> signals) throws MqttException {
        this(broker, firstNode, clientId, signals::put);
    }

    MqttLink(Broker broker, int firstNode, String clientId, Sink signals) throws MqttException {
        this.broker = broker;
        this.firstNode = firstNode;
        this.client = new MqttClient(broker.nodes().getFirst().toString(), clientId, new MemoryPersistence());
        client.setTimeToWait(PATIENCE.toMillis());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                deliver(new Signal.Lost(cause == null ? "connection lost" : String.valueOf(cause.getMessage())));
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                deliver(new Signal.Arrived(topic, message.getPayload()));
            }

            private void deliver(Signal signal) {
                try {
                    signals.accept(signal);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // A PUBACK proves only that the broker has it; central's own acknowledgement counts.
            }
        });
    }

    /** Connects without a last will: for a look at the broker, such as the check for a rival gateway. */
    void connect() throws MqttException {
        client.connect(options());
    }

    void connect(String willTopic, byte[] willPayload) throws MqttException {
        MqttConnectOptions options = options();
        options.setWill(willTopic, willPayload, 1, true);
        client.connect(options);
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = BrokerOptions.connect(broker, firstNode);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) PATIENCE.toSeconds());
        options.setKeepAliveInterval(30);
        options.setMaxInflight(MAX_IN_FLIGHT);
        return options;
    }

    /** QoS 1 where a message must arrive; QoS 0 where the sender covers a loss, or for a look at retained ones. */
    void subscribe(List<String> topics, int qos) throws MqttException {
        for (String topic : topics) {
            client.subscribe(topic, qos);
        }
    }

    /** Hands a QoS 1 message to Paho, which sends it; does not wait for the broker's PUBACK. */
    void publish(String topic, byte[] payload, boolean retained) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(retained);
        client.getTopic(topic).publish(message);
    }

    /** The node this link is connected to. */
    String node() {
        return client.getCurrentServerURI();
    }

    boolean isConnected() {
        return client.isConnected();
    }

    void disconnect() {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000);
            }
        } catch (MqttException e) {
            try {
                client.disconnectForcibly(0, 0);
            } catch (MqttException ignored) {
                // Already gone.
            }
        }
    }

    @Override
    public void close() {
        disconnect();
        try {
            client.close();
        } catch (MqttException ignored) {
            // Closing a client that never connected.
        }
    }
}
