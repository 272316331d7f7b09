package io.holdfast.order;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.holdfast.store.CoreJson;
import io.holdfast.store.StoreException;

/**
 * Collection QR codes, signed by central with Ed25519: {@code HFC1.<payload>.<signature>}, both
 * base64url, the payload a small JSON object naming the order, the store and an expiry. A store
 * verifies one with central's public key alone, so it proves the order is the customer's even
 * when the store's manifest is stale.
 */
public final class CollectionQr {

    public static final String PREFIX = "HFC1.";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm").withZone(ZoneOffset.UTC);

    /** What a collection QR code carries. */
    public record Claims(@JsonProperty("order") String orderId, @JsonProperty("store") String store,
                        @JsonProperty("expires") Instant expires) {
        public Claims {
            Objects.requireNonNull(orderId, "order");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(expires, "expires");
        }
    }

    /** The verdict on a scanned code. */
    public sealed interface Check {
        record Valid(Claims claims) implements Check {
        }

        /** @param reason what the colleague reads and may tell the customer */
        record Refused(String reason) implements Check {
        }
    }

    private final PublicKey central;
    private final String storeId;
    private final Clock clock;

    public CollectionQr(PublicKey central, String storeId, Clock clock) {
        this.central = Objects.requireNonNull(central, "central's public key");
        this.storeId = Objects.requireNonNull(storeId, "store id");
        this.clock = clock;
    }

    /** Central's side: signs claims into the text a QR code carries. */
    public static String sign(Claims claims, PrivateKey centralKey) {
        byte[] payload = CoreJson.write(claims).getBytes(StandardCharsets.UTF_8);
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(centralKey);
            ed25519.update(payload);
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            return PREFIX + base64.encodeToString(payload) + "." + base64.encodeToString(ed25519.sign());
        } catch (GeneralSecurityException e) {
            throw new StoreException("Cannot sign a collection QR code: " + e.getMessage(), e);
        }
    }

    public Check verify(byte[] payload, byte[] signature) {
        if (!signedByCentral(payload, signature)) {
            return new Check.Refused("This code was not issued by head office (its signature does not match). "
                    + "Do not hand over on this code; ask for ID or the collection code.");
        }
        Claims claims;
        try {
            claims = CoreJson.read(new String(payload, StandardCharsets.UTF_8), Claims.class);
        } catch (StoreException | IllegalArgumentException | NullPointerException e) {
            return new Check.Refused("This code is signed but its contents cannot be read; ask for ID or the collection code.");
        }
        if (!claims.store().equals(storeId)) {
            return new Check.Refused("This code is for store " + claims.store() + ", not this store (" + storeId
                    + "). The order is waiting there.");
        }
        if (!clock.instant().isBefore(claims.expires())) {
            return new Check.Refused("This code expired on " + DAY.format(claims.expires())
                    + " UTC; ask for ID or the collection code.");
        }
        if (!OrderId.isWellFormed(claims.orderId())) {
            return new Check.Refused("This code names '" + claims.orderId() + "', which is not an order number.");
        }
        return new Check.Valid(claims);
    }

    private boolean signedByCentral(byte[] payload, byte[] signature) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(central);
            ed25519.update(payload);
            return ed25519.verify(signature);
        } catch (InvalidKeyException e) {
            throw new StoreException("Central's public key is not an Ed25519 key: " + e.getMessage(), e);
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new StoreException("Ed25519 is part of every JDK 15+, yet failed: " + e.getMessage(), e);
        }
    }
}
