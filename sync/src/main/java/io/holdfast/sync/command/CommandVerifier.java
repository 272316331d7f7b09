package io.holdfast.sync.command;

import java.io.IOException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.holdfast.mode.Audience;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.release.ReleaseAnnouncement;
import io.holdfast.store.Keys;
import io.holdfast.sync.SyncJson;

/**
 * Decides whether a message on a commands topic is a command this store obeys. The envelope is
 * {@code {"keyId": .., "command": base64(JSON), "signature": base64(Ed25519 over those bytes)}},
 * with {@code "approvals": [{"keyId": .., "signature": ..}]} when a second person signed the same
 * bytes; the signed bytes are exactly what was sent, so nothing depends on how JSON is re-serialised.
 * A fleet-wide RESTORE and a release announcement need two distinct trusted keys
 * ({@link SignedCommand#needsApproval}); every approval given must verify.
 * Checks, in order: the envelope, the key, the signature, the command's fields and type, its store,
 * its validity window (with a tolerance for clock skew either side), and last its sequence, which
 * is claimed so that the same command is never accepted twice.
 */
public final class CommandVerifier {

    /** A signed command is small; anything larger is refused before any crypto. */
    public static final int MAX_ENVELOPE_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = SyncJson.MAPPER;

    private final TrustedKeys keys;
    private final String storeId;
    private final CommandSequences sequences;
    private final Clock clock;
    private final Duration skew;

    /** @param skew how far the store's clock and regional IT's may disagree */
    public CommandVerifier(TrustedKeys keys, String storeId, CommandSequences sequences, Clock clock, Duration skew) {
        this.keys = keys;
        this.storeId = storeId;
        this.sequences = sequences;
        this.clock = clock;
        this.skew = skew;
    }

    /**
     * Checks and claims the command's sequence in a transaction of its own: for a caller with no
     * other work to do with it. The command handler checks, then claims, obeys and audits in one.
     */
    public Verdict verify(byte[] message) {
        Verdict checked = check(message);
        if (checked instanceof Verdict.Accepted accepted && !sequences.claim(accepted.command(), clock.instant())) {
            return replay(accepted.command());
        }
        return checked;
    }

    /** The refusal of a command whose sequence is not newer than the last one claimed for its key. */
    static Verdict.Refused replay(SignedCommand command) {
        return new Verdict.Refused(Refusal.REPLAY, "sequence " + command.sequence() + " of key '" + command.keyId()
                + "' is not newer than the last accepted", Optional.of(command.id()), Optional.of(command.keyId()));
    }

    /** Every check but the sequence: signature, store, validity window, instruction. */
    public Verdict check(byte[] message) {
        if (message.length > MAX_ENVELOPE_BYTES) {
            return refuse(Refusal.UNREADABLE, message.length + " bytes is larger than a command may be", null, null);
        }
        JsonNode envelope;
        try {
            envelope = JSON.readTree(message);
        } catch (IOException e) {
            return refuse(Refusal.UNREADABLE, "the envelope is not JSON", null, null);
        }
        if (envelope == null || !envelope.path("keyId").isTextual() || !envelope.path("command").isTextual()
                || !envelope.path("signature").isTextual()) {
            return refuse(Refusal.UNREADABLE, "the envelope needs keyId, command and signature as text", null, null);
        }
        String keyId = envelope.get("keyId").asText();
        Optional<PublicKey> key = keys.find(keyId);
        if (key.isEmpty()) {
            return refuse(Refusal.UNKNOWN_KEY, "no trusted key is called '" + keyId + "'", null, keyId);
        }
        byte[] signed;
        byte[] signature;
        try {
            signed = Base64.getDecoder().decode(envelope.get("command").asText());
            signature = Base64.getDecoder().decode(envelope.get("signature").asText());
        } catch (IllegalArgumentException e) {
            return refuse(Refusal.UNREADABLE, "command or signature is not Base64", null, keyId);
        }
        if (!Keys.verifies(key.get(), signed, signature)) {
            return refuse(Refusal.BAD_SIGNATURE, "the signature does not match key '" + keyId + "'", null, keyId);
        }
        List<String> approvedBy = new ArrayList<>();
        JsonNode approvals = envelope.path("approvals");
        if (!approvals.isMissingNode() && !approvals.isArray()) {
            return refuse(Refusal.UNREADABLE, "approvals must be a list", null, keyId);
        }
        for (JsonNode approval : approvals) {
            String approver = approval.path("keyId").asText("");
            Optional<PublicKey> approverKey = keys.find(approver);
            if (approverKey.isEmpty()) {
                return refuse(Refusal.UNKNOWN_KEY, "no trusted key is called '" + approver + "' (an approval)", null,
                        keyId);
            }
            if (approver.equals(keyId) || approvedBy.contains(approver)) {
                return refuse(Refusal.BAD_SIGNATURE, "key '" + approver + "' signed twice: an approval must come from"
                        + " another key", null, keyId);
            }
            byte[] approverSignature;
            try {
                approverSignature = Base64.getDecoder().decode(approval.path("signature").asText(""));
            } catch (IllegalArgumentException e) {
                return refuse(Refusal.UNREADABLE, "an approval's signature is not Base64", null, keyId);
            }
            if (!Keys.verifies(approverKey.get(), signed, approverSignature)) {
                return refuse(Refusal.BAD_SIGNATURE, "the approval does not match key '" + approver + "'", null, keyId);
            }
            approvedBy.add(approver);
        }
        return checkSigned(keyId, signed, approvedBy);
    }

    private Verdict checkSigned(String keyId, byte[] signed, List<String> approvedBy) {
        JsonNode command;
        try {
            command = JSON.readTree(signed);
        } catch (IOException e) {
            return refuse(Refusal.MALFORMED, "the signed command is not JSON", null, keyId);
        }
        if (command == null || !command.path("id").isTextual()) {
            return refuse(Refusal.MALFORMED, "the command has no id", null, keyId);
        }
        String id = command.get("id").asText();
        Instant issuedAt;
        Instant expiresAt;
        try {
            for (String field : new String[] {"store", "type", "issuedAt", "expiresAt"}) {
                if (!command.path(field).isTextual()) {
                    return refuse(Refusal.MALFORMED, "the command has no '" + field + "'", id, keyId);
                }
            }
            if (!command.path("sequence").isIntegralNumber() || !command.path("sequence").canConvertToLong()
                    || command.get("sequence").asLong() < 1) {
                return refuse(Refusal.MALFORMED, "the command needs a positive sequence", id, keyId);
            }
            issuedAt = Instant.parse(command.get("issuedAt").asText());
            expiresAt = Instant.parse(command.get("expiresAt").asText());
        } catch (DateTimeParseException e) {
            return refuse(Refusal.MALFORMED, "issuedAt and expiresAt must be ISO-8601 instants", id, keyId);
        }
        Instruction instruction;
        try {
            Optional<Instruction> read = instruction(command);
            if (read.isEmpty()) {
                return refuse(Refusal.UNKNOWN_TYPE, "'" + command.get("type").asText() + "' is not one of "
                        + Instruction.TYPES, id, keyId);
            }
            instruction = read.get();
        } catch (IllegalArgumentException e) {
            return refuse(Refusal.MALFORMED, e.getMessage(), id, keyId);
        }
        String store = command.get("store").asText();
        if (!store.equals(storeId) && !store.equals("all")) {
            return refuse(Refusal.OTHER_STORE, "it is for '" + store + "', this is '" + storeId + "'", id, keyId);
        }
        if (SignedCommand.needsApproval(store, instruction) && approvedBy.isEmpty()) {
            return refuse(Refusal.APPROVAL_MISSING, (instruction instanceof Instruction.UpdateAvailable
                    ? "a release" : "a fleet-wide RESTORE") + " needs the signatures of two distinct trusted keys;"
                    + " only '" + keyId + "' signed it", id, keyId);
        }
        Instant now = clock.instant();
        if (issuedAt.isAfter(now.plus(skew))) {
            return refuse(Refusal.NOT_YET_VALID, "issued at " + issuedAt + ", after this store's " + now + " + "
                    + skew.toSeconds() + " s tolerance", id, keyId);
        }
        if (now.isAfter(expiresAt.plus(skew))) {
            return refuse(Refusal.EXPIRED, "expired at " + expiresAt + "; it is " + now + " here (tolerance "
                    + skew.toSeconds() + " s)", id, keyId);
        }
        return new Verdict.Accepted(new SignedCommand(id, keyId, store, command.get("sequence").asLong(), issuedAt,
                expiresAt, instruction, approvedBy));
    }

    private static Optional<Instruction> instruction(JsonNode command) {
        return switch (command.get("type").asText()) {
            case "ISOLATE" -> Optional.of(new Instruction.Isolate(capabilities(command), reason(command)));
            case "RESTORE" -> Optional.of(new Instruction.Restore(capabilities(command), reason(command)));
            case "SET_NOTICE" -> Optional.of(new Instruction.SetNotice(
                    parse(Capability.class, command.path("capability")),
                    parse(CapabilityState.class, command.path("state")),
                    parse(Audience.class, command.path("audience")), text(command.path("text"))));
            case "SET_RATE" -> {
                JsonNode given = command.path("eventsPerSecond");
                int rate = given.isIntegralNumber() && given.canConvertToInt() ? given.intValue() : 0;
                if (rate < 1) {
                    throw new IllegalArgumentException("SET_RATE needs a positive eventsPerSecond");
                }
                yield Optional.of(new Instruction.SetRate(rate));
            }
            case "REPLACE_POLICY" -> {
                JsonNode policy = command.path("policy");
                if (!policy.isObject() || !policy.path("version").isIntegralNumber()
                        || !policy.path("version").canConvertToLong() || policy.get("version").asLong() < 1) {
                    throw new IllegalArgumentException("REPLACE_POLICY needs a 'policy' object with a positive version");
                }
                yield Optional.of(new Instruction.ReplacePolicy(policy.get("version").asLong(), policy.toString()));
            }
            case "UPDATE_AVAILABLE" -> {
                JsonNode release = command.path("release");
                if (!release.isIntegralNumber() || !release.canConvertToLong()) {
                    throw new IllegalArgumentException("UPDATE_AVAILABLE needs a positive 'release' number");
                }
                yield Optional.of(new Instruction.UpdateAvailable(new ReleaseAnnouncement(release.asLong(),
                        command.path("bundle").asText(""), command.path("sha256").asText(""),
                        command.path("urgent").asBoolean(false), "regional-it")));
            }
            case "FREEZE" -> {
                try {
                    yield Optional.of(new Instruction.Freeze(Instant.parse(command.path("until").asText("")),
                            reason(command)));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("FREEZE needs 'until', an ISO-8601 instant");
                }
            }
            default -> Optional.empty();
        };
    }

    private static Set<Capability> capabilities(JsonNode command) {
        JsonNode list = command.path("capabilities");
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("the command needs a non-empty 'capabilities' list");
        }
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        list.forEach(name -> capabilities.add(parse(Capability.class, name)));
        return capabilities;
    }

    private static String reason(JsonNode command) {
        return command.path("reason").isTextual() ? command.get("reason").asText() : "regional IT";
    }

    private static String text(JsonNode node) {
        if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > 280) {
            throw new IllegalArgumentException("SET_NOTICE needs a 'text' of 1 to 280 characters");
        }
        return node.asText();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, JsonNode node) {
        try {
            return Enum.valueOf(type, node.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + node.asText() + "' is not a " + type.getSimpleName());
        }
    }

    private static Verdict refuse(Refusal reason, String detail, String commandId, String keyId) {
        return new Verdict.Refused(reason, detail, Optional.ofNullable(commandId), Optional.ofNullable(keyId));
    }
}
