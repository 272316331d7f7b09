package io.holdfast.gateway.receipt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.holdfast.gateway.config.ReturnsSettings;
import io.holdfast.receipt.EReceipts;
import io.holdfast.store.Keys;
import io.holdfast.sync.command.KeyFiles;

/**
 * The e-receipt keys from configuration: the store's own signing key ({@code ID.key}, whose
 * {@code ID.pub} beside it is trusted too) and the other stores' and central's public keys.
 */
public final class ReceiptKeys {

    private ReceiptKeys() {
    }

    public static EReceipts eReceipts(ReturnsSettings settings) {
        Map<String, PublicKey> trusted = new LinkedHashMap<>();
        settings.trustedReceiptKeys().forEach((id, key) -> trusted.put(id, Keys.ed25519PublicKey(key)));
        Optional<EReceipts.Signer> signer = settings.receiptSigningKey().map(file -> {
            String name = file.getFileName().toString();
            String keyId = name.endsWith(".key") ? name.substring(0, name.length() - 4) : name;
            Path publicFile = file.resolveSibling(keyId + ".pub");
            if (!Files.isRegularFile(publicFile)) {
                throw new IllegalArgumentException("holdfast.receipts.signing-key " + file + " needs its public key "
                        + publicFile + " beside it (./holdfast sign --keygen writes both)");
            }
            trusted.put(keyId, Keys.ed25519PublicKey(KeyFiles.readPublicText(publicFile)));
            return new EReceipts.Signer(keyId, KeyFiles.readPrivate(file));
        });
        return new EReceipts(trusted, signer);
    }
}
