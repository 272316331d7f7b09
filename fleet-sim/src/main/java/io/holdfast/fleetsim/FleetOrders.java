package io.holdfast.fleetsim;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
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
 * Regional IT's two keys for a simulated fleet, and the signed orders to every store that tests
 * and benchmarks give: an ISOLATE signed once, a RESTORE with the second signature a fleet-wide
 * restore needs. Sequences follow the clock's milliseconds, so they are newer than any before.
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

    /** Signs a {@code type} (ISOLATE or RESTORE) of {@code capabilities} for every store and publishes it. */
    public void toAll(Broker broker, String type, List<Capability> capabilities, String reason) {
        CommandPublisher.publishOnce(broker, Topics.fleetCommands(), envelope(type, capabilities, reason));
    }

    synchronized byte[] envelope(String type, List<Capability> capabilities, String reason) {
        Instant now = clock.instant();
        String command = "{\"id\":\"" + type.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID() + "\",\"store\":\"all\","
                + "\"sequence\":" + ++sequence + ",\"issuedAt\":\"" + now + "\",\"expiresAt\":\"" + now.plus(VALID_FOR)
                + "\",\"type\":\"" + type + "\",\"capabilities\":" + capabilities.stream()
                .map(capability -> "\"" + capability.name() + "\"").collect(Collectors.joining(",", "[", "]"))
                + ",\"reason\":\"" + reason.replace("\"", "'") + "\"}";
        byte[] envelope = new CommandSigner("regional-1", regional.getPrivate()).envelope(command);
        return type.equals("RESTORE") ? new CommandSigner("approver-1", approver.getPrivate()).approve(envelope)
                : envelope;
    }

    private static String base64(KeyPair key) {
        return Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    }
}
