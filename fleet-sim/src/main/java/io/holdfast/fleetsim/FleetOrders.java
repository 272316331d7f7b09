package io.holdfast.fleetsim;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import io.holdfast.mode.Capability;
import io.holdfast.mqtt.Broker;
import io.holdfast.sync.SyncConfig;
import io.holdfast.sync.Topics;
import io.holdfast.sync.command.CommandPublisher;
import io.holdfast.sync.command.CommandSigner;

/**
 * Regional IT's two keys for a simulated fleet, and the signed orders that tests and benchmarks
 * give: to every store an ISOLATE signed once, a RESTORE with the second signature a fleet-wide
 * restore needs, or a SET_RATE; to chosen stores, one command each. Sequences follow the clock's
 * milliseconds, so they are newer than any before.
 */
public final class FleetOrders {

    private static final Duration VALID_FOR = Duration.ofMinutes(10);

    private final KeyPair regional = CommandSigner.newKeyPair();
    private final KeyPair approver = CommandSigner.newKeyPair();
    private final Clock clock;
    private long sequence;

    public FleetOrders(Clock clock) {
        this.clock = clock;
        this.sequence = clock.millis();
    }

    /** {@code config} with both keys trusted, as every store of the fleet needs. */
    public SyncConfig trustedBy(SyncConfig config) {
        return config.withTrustedKey("regional-1", base64(regional)).withTrustedKey("approver-1", base64(approver));
    }

    /**
     * Signs a {@code type} (ISOLATE or RESTORE) of {@code capabilities} for every store and publishes it.
     *
     * @return the command's id
     */
    public String toAll(Broker broker, String type, List<Capability> capabilities, String reason) {
        String id = commandId(type);
        CommandPublisher.publishOnce(broker, Topics.fleetCommands(), envelope(id, "all", type,
                fields(capabilities, reason)));
        return id;
    }

    /**
     * Signs a {@code type} of {@code capabilities} for each of {@code stores}, each on its own topic,
     * and publishes them over one connection. A RESTORE to one store needs one signature.
     */
    public void toEach(Broker broker, List<String> stores, String type, List<Capability> capabilities, String reason) {
        Map<String, byte[]> commands = new LinkedHashMap<>();
        for (String store : stores) {
            commands.put(Topics.commands(store), envelope(commandId(type), store, type, fields(capabilities, reason)));
        }
        CommandPublisher.publishAll(broker, commands);
    }

    /** Signs a SET_RATE for every store: the events a second each store's relay may send. */
    public void rateForAll(Broker broker, int eventsPerSecond) {
        CommandPublisher.publishOnce(broker, Topics.fleetCommands(),
                envelope(commandId("SET_RATE"), "all", "SET_RATE", "\"eventsPerSecond\":" + eventsPerSecond));
    }

    private static String commandId(String type) {
        return type.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID();
    }

    private synchronized byte[] envelope(String id, String store, String type, String fields) {
        Instant now = clock.instant();
        String command = "{\"id\":\"" + id + "\",\"store\":\""
                + store + "\",\"sequence\":" + ++sequence + ",\"issuedAt\":\"" + now + "\",\"expiresAt\":\""
                + now.plus(VALID_FOR) + "\",\"type\":\"" + type + "\"," + fields + "}";
        byte[] envelope = new CommandSigner("regional-1", regional.getPrivate()).envelope(command);
        return type.equals("RESTORE") && store.equals("all")
                ? new CommandSigner("approver-1", approver.getPrivate()).approve(envelope) : envelope;
    }

    private static String fields(List<Capability> capabilities, String reason) {
        return "\"capabilities\":" + capabilities.stream().map(capability -> "\"" + capability.name() + "\"")
                .collect(Collectors.joining(",", "[", "]")) + ",\"reason\":\"" + reason.replace("\"", "'") + "\"";
    }

    private static String base64(KeyPair key) {
        return Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    }
}
