package io.holdfast.order;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.holdfast.store.CoreJson;
import io.holdfast.store.Keys;
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
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return PREFIX + base64.encodeToString(payload) + "."
                + base64.encodeToString(Keys.sign(centralKey, payload, "a collection QR code"));
    }

    public Check verify(byte[] payload, byte[] signature) {
        if (!Keys.verifies(central, payload, signature)) {
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
}
