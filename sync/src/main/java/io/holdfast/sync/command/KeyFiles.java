package io.holdfast.sync.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Regional IT's key files: {@code ID.key} holds the Base64 PKCS#8 private key (owner-only), and
 * {@code ID.pub} the Base64 X.509 public key, which is what the store's configuration trusts.
 */
public final class KeyFiles {

    private KeyFiles() {
    }

    /** Writes a fresh pair; refuses to overwrite a key that exists. */
    public static KeyPair create(Path folder, String keyId) {
        Path privateFile = folder.resolve(keyId + ".key");
        if (Files.exists(privateFile)) {
            throw new IllegalStateException(privateFile + " exists already; a signing key is never overwritten");
        }
        KeyPair pair = CommandSigner.newKeyPair();
        try {
            Files.createDirectories(folder);
            Files.writeString(privateFile, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n");
            try {
                Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder's ACL applies.
            }
            Files.writeString(folder.resolve(keyId + ".pub"), publicText(pair) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key pair '" + keyId + "' to " + folder, e);
        }
        return pair;
    }

    public static String publicText(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    public static PrivateKey readPrivate(Path file) {
        try {
            byte[] der = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a Base64 PKCS#8 Ed25519 private key", e);
        }
    }

    public static String readPublicText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the public key " + file, e);
        }
    }
}
