package io.holdfast.sync;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.paho.client.mqttv3.MqttException;

import io.holdfast.mqtt.Broker;

/**
 * One gateway per store on the broker: the store's retained status says which installation (store
 * file) holds the store. The relay announces its own, and looks before it connects: a second client
 * with the store's client id would knock the first off, and be knocked off in turn.
 */
final class StoreClaim {

    /** How long to wait for the store's retained status before connecting. */
    private static final Duration LOOK = Duration.ofMillis(500);
    /** How often a relay kept off by another gateway looks again. */
    static final Duration RECHECK = Duration.ofSeconds(10);
    /** A gateway not heard from for this long is gone, whatever its last status said. */
    private static final Duration SILENCE = Duration.ofMinutes(2);

    private final Broker broker;
    private final String storeId;
    private final String installation;
    private final Clock clock;

    StoreClaim(Broker broker, String storeId, String installation, Clock clock) {
        this.broker = broker;
        this.storeId = storeId;
        this.installation = installation;
        this.clock = clock;
    }

    String installation() {
        return installation;
    }

    /** The status the broker keeps for this store while this gateway is connected. */
    byte[] online() {
        return ("{\"store\":\"" + storeId + "\",\"online\":true,\"installation\":\"" + installation
                + "\",\"at\":\"" + clock.instant() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** The status after a goodbye, and the last will the broker publishes if the gateway dies. */
    byte[] offline() {
        return ("{\"store\":\"" + storeId + "\",\"online\":false,\"installation\":\"" + installation + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Another installation's gateway online for this store on the broker, read from the store's retained
     * status with a throwaway client: online, not this installation, and heard from lately (a gateway
     * that died without a word is not waited for beyond that).
     */
    Optional<String> rival() throws MqttException, InterruptedException {
        BlockingQueue<MqttLink.Signal> seen = new LinkedBlockingQueue<>();
        try (MqttLink look = new MqttLink(broker, 0, "holdfast-" + storeId + "-look-" + UUID.randomUUID(), seen)) {
            look.connect();
            look.subscribe(List.of(Topics.status(storeId)), 0);
            long deadline = System.nanoTime() + LOOK.toNanos();
            while (System.nanoTime() < deadline) {
                MqttLink.Signal signal = seen.poll(20, TimeUnit.MILLISECONDS);
                if (signal instanceof MqttLink.Signal.Arrived arrived) {
                    return rival(arrived.payload());
                }
            }
            return Optional.empty();
        }
    }

    private Optional<String> rival(byte[] status) {
        try {
            JsonNode node = SyncJson.MAPPER.readTree(status);
            String other = node.path("installation").asText("");
            Instant at = node.hasNonNull("at") ? Instant.parse(node.get("at").asText()) : Instant.EPOCH;
            boolean lately = at.isAfter(clock.instant().minus(SILENCE));
            if (node.path("online").asBoolean(false) && !other.isEmpty() && !other.equals(installation) && lately) {
                return Optional.of("another gateway for store " + storeId + " (installation " + other
                        + ", heard from at " + at + ") is connected to " + broker
                        + "; two gateways for one store would knock each other off. Stop one of them");
            }
            return Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
