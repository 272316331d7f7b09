package io.holdfast.sync.command;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** The envelope for a command given as JSON text, signed over its exact UTF-8 bytes. */
    public byte[] envelope(String commandJson) {
        byte[] command = commandJson.getBytes(StandardCharsets.UTF_8);
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(command);
            ObjectNode envelope = JSON.createObjectNode();
            envelope.put("keyId", keyId);
            envelope.put("command", Base64.getEncoder().encodeToString(command));
            envelope.put("signature", Base64.getEncoder().encodeToString(signer.sign()));
            return envelope.toString().getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with key '" + keyId + "'", e);
        }
    }
}
