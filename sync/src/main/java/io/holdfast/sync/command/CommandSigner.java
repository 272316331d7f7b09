package io.holdfast.sync.command;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.holdfast.store.Keys;
import io.holdfast.sync.SyncJson;

/** Regional IT's side: makes Ed25519 key pairs and signs command envelopes. */
public final class CommandSigner {

    private static final ObjectMapper JSON = SyncJson.MAPPER;

    private final String keyId;
    private final PrivateKey key;

    public CommandSigner(String keyId, PrivateKey key) {
        this.keyId = keyId;
        this.key = key;
    }

    public static KeyPair newKeyPair() {
        return Keys.newEd25519Pair();
    }

    /** The envelope for a command given as JSON text, signed over its exact UTF-8 bytes. */
    public byte[] envelope(String commandJson) {
        byte[] command = commandJson.getBytes(StandardCharsets.UTF_8);
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("keyId", keyId);
        envelope.put("command", Base64.getEncoder().encodeToString(command));
        envelope.put("signature", Base64.getEncoder().encodeToString(
                Keys.sign(key, command, "a command with key '" + keyId + "'")));
        return envelope.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The envelope with this key's approval added: a signature over the same command bytes, so the
     * approver signs exactly what the first person signed.
     */
    public byte[] approve(byte[] envelope) {
        try {
            ObjectNode signed = (ObjectNode) JSON.readTree(envelope);
            byte[] command = Base64.getDecoder().decode(signed.path("command").asText());
            ArrayNode approvals = signed.has("approvals") ? (ArrayNode) signed.get("approvals")
                    : signed.putArray("approvals");
            ObjectNode approval = approvals.addObject();
            approval.put("keyId", keyId);
            approval.put("signature", Base64.getEncoder().encodeToString(
                    Keys.sign(key, command, "an approval with key '" + keyId + "'")));
            return signed.toString().getBytes(StandardCharsets.UTF_8);
        } catch (java.io.IOException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot approve: the envelope is not a signed command (" + e.getMessage()
                    + ")", e);
        }
    }
}
