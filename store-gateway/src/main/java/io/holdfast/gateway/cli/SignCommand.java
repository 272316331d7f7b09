package io.holdfast.gateway.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.holdfast.mode.Capability;
import io.holdfast.sync.SyncJson;
import io.holdfast.sync.Topics;
import io.holdfast.sync.command.CommandPublisher;
import io.holdfast.sync.command.CommandSigner;
import io.holdfast.release.ReleaseBundle;
import io.holdfast.release.ReleaseFiles;
import io.holdfast.release.ReleaseManifestJson;
import io.holdfast.sync.command.KeyFiles;

/**
 * {@code holdfast sign}: regional IT by hand. Makes a key pair, or signs one command and publishes
 * it to a broker. The defaults match {@code ./holdfast demo}.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Sign one command as regional IT and publish it to the stores' broker.",
                "Or make a key pair with --keygen. The defaults match ./holdfast demo."})
public final class SignCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = SyncJson.MAPPER;

    private final java.time.Clock clock;

    SignCommand(java.time.Clock clock) {
        this.clock = clock;
    }

    enum Type { ISOLATE, RESTORE, SET_NOTICE, SET_RATE, REPLACE_POLICY, UPDATE_AVAILABLE, FREEZE }

    @Option(names = "--keygen", paramLabel = "DIR", description = "Write KEY-ID.key and KEY-ID.pub to DIR and stop.")
    Path keygen;

    @Option(names = "--type", defaultValue = "ISOLATE",
            description = "ISOLATE, RESTORE, SET_NOTICE, SET_RATE, REPLACE_POLICY, UPDATE_AVAILABLE or FREEZE"
                    + " (default: ${DEFAULT-VALUE}).")
    Type type;

    @Option(names = "--capabilities", split = ",", defaultValue = "ORDERS",
            description = "For ISOLATE and RESTORE, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Capability> capabilities;

    @Option(names = "--notice-capability", defaultValue = "ORDERS",
            description = "For SET_NOTICE: whose notice (default: ${DEFAULT-VALUE}).")
    String noticeCapability;

    @Option(names = "--state", defaultValue = "DEGRADED",
            description = "For SET_NOTICE: the state it is shown in (default: ${DEFAULT-VALUE}).")
    String noticeState;

    @Option(names = "--audience", defaultValue = "CUSTOMER",
            description = "For SET_NOTICE: CUSTOMER or COLLEAGUE (default: ${DEFAULT-VALUE}).")
    String audience;

    @Option(names = "--text", description = "For SET_NOTICE: the words, 1 to 280 characters.")
    String text;

    @Option(names = "--rate", defaultValue = "500", description = "For SET_RATE: events a second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--policy", paramLabel = "FILE", description = "For REPLACE_POLICY: a JSON object with a version.")
    Path policy;

    @Option(names = "--bundle", paramLabel = "FILE",
            description = "For UPDATE_AVAILABLE: the signed release bundle, as the release server serves it by name.")
    Path bundle;

    @Option(names = "--urgent", description = "For UPDATE_AVAILABLE: install outside the maintenance window.")
    boolean urgent;

    @Option(names = "--freeze-for", defaultValue = "PT48H",
            description = "For FREEZE: how long no release but a fix installs; PT0S lifts a freeze (default: ${DEFAULT-VALUE}).")
    Duration freezeFor;

    @Option(names = "--store", defaultValue = "0421", description = "The store, or 'all' (default: ${DEFAULT-VALUE}).")
    String store;

    @Option(names = "--reason", defaultValue = "regional IT by hand", description = "Shown with the change.")
    String reason;

    @Option(names = "--key-id", defaultValue = "demo-regional-it", description = "The key's id (default: ${DEFAULT-VALUE}).")
    String keyId;

    @Option(names = "--key", defaultValue = "data/demo-regional-it.key", paramLabel = "FILE",
            description = "The private key (default: ${DEFAULT-VALUE}).")
    Path key;

    @Option(names = "--approve-with", paramLabel = "ID=FILE",
            description = "A second person's key that approves the same command: a fleet-wide RESTORE and"
                    + " UPDATE_AVAILABLE need one (repeatable).")
    java.util.Map<String, Path> approveWith = new java.util.LinkedHashMap<>();

    @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:18830", description = "Default: ${DEFAULT-VALUE}.")
    URI broker;

    @Option(names = "--sequence", description = "Higher than the last accepted from this key (default: now in ms).")
    Long sequence;

    @Option(names = "--expires-in", defaultValue = "PT10M", description = "ISO-8601 duration (default: ${DEFAULT-VALUE}).")
    Duration expiresIn;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        var out = spec.commandLine().getOut();
        if (keygen != null) {
            var pair = KeyFiles.create(keygen, keyId);
            out.printf("Wrote %s and %s. Trust it in the store's configuration:%n", keygen.resolve(keyId + ".key"),
                    keygen.resolve(keyId + ".pub"));
            out.printf("holdfast:%n  sync:%n    trusted-keys:%n      - id: %s%n        public-key: %s%n", keyId,
                    KeyFiles.publicText(pair));
            return 0;
        }
        Instant now = clock.instant();
        ObjectNode command = JSON.createObjectNode();
        command.put("id", UUID.randomUUID().toString());
        command.put("store", store);
        command.put("sequence", sequence == null ? now.toEpochMilli() : sequence);
        command.put("issuedAt", now.toString());
        command.put("expiresAt", now.plus(expiresIn).toString());
        command.put("type", type.name());
        if (type == Type.SET_RATE) {
            command.put("eventsPerSecond", rate);
        } else if (type == Type.SET_NOTICE) {
            if (text == null || text.isBlank()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "SET_NOTICE needs --text");
            }
            command.put("capability", noticeCapability);
            command.put("state", noticeState);
            command.put("audience", audience);
            command.put("text", text);
        } else if (type == Type.REPLACE_POLICY) {
            if (policy == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "REPLACE_POLICY needs --policy FILE");
            }
            command.set("policy", JSON.readTree(policy.toFile()));
        } else if (type == Type.UPDATE_AVAILABLE) {
            if (bundle == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "UPDATE_AVAILABLE needs --bundle FILE");
            }
            ReleaseBundle.Contents contents = ReleaseBundle.read(bundle);
            command.put("release", ReleaseManifestJson.read(contents.manifestJson()).release());
            command.put("bundle", bundle.getFileName().toString());
            command.put("sha256", ReleaseFiles.sha256(bundle));
            command.put("urgent", urgent);
        } else if (type == Type.FREEZE) {
            command.put("until", now.plus(freezeFor).toString());
            command.put("reason", reason);
        } else {
            var names = command.putArray("capabilities");
            capabilities.forEach(capability -> names.add(capability.name()));
            command.put("reason", reason);
        }
        byte[] envelope = new CommandSigner(keyId, KeyFiles.readPrivate(key)).envelope(command.toString());
        for (var approver : approveWith.entrySet()) {
            envelope = new CommandSigner(approver.getKey(), KeyFiles.readPrivate(approver.getValue())).approve(envelope);
        }
        String topic = "all".equals(store) ? Topics.fleetCommands() : Topics.commands(store);
        try {
            CommandPublisher.publishOnce(broker, topic, envelope);
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("holdfast: sign: " + e.getMessage()
                    + " (is the broker running? --broker names it)");
            return 1;
        }
        out.printf("Published to %s on %s:%n%s%n", topic, broker, command.toPrettyString());
        return 0;
    }
}
