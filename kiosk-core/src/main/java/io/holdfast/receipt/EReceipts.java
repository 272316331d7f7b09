package io.holdfast.receipt;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.holdfast.money.Money;
import io.holdfast.store.CoreJson;
import io.holdfast.store.Keys;
import io.holdfast.store.StoreException;

/**
 * Signed e-receipts: {@code HFR1.<payload>.<signature>}, both base64url, the payload the sale's
 * lines and tenders (never the loyalty id) and the id of the key that signed it, a store's or
 * central's. Any store that trusts that key checks a receipt from another store offline; a code
 * changed by one byte, or signed by a key the store does not trust, is refused.
 */
public final class EReceipts {

    public static final String PREFIX = "HFR1.";

    /** The key this store signs its own receipts with. */
    public record Signer(String keyId, PrivateKey key) {
        public Signer {
            Objects.requireNonNull(keyId, "key id");
            Objects.requireNonNull(key, "private key");
        }
    }

    /** The verdict on a presented e-receipt. */
    public sealed interface Check {
        /** @param keyId who signed it: a store's key or central's */
        record Valid(Receipt receipt, String keyId) implements Check {
        }

        /** @param reason what the customer reads */
        record Refused(String reason) implements Check {
        }
    }

    record Payload(@JsonProperty("k") String keyId, @JsonProperty("id") String id, @JsonProperty("till") String till,
                   @JsonProperty("at") Instant issuedAt, @JsonProperty("cur") String currency,
                   @JsonProperty("lines") List<List<Object>> lines, @JsonProperty("tenders") List<List<Object>> tenders) {
    }

    private final Map<String, PublicKey> trusted;
    private final Optional<Signer> signer;

    /** @param trusted key id to the Ed25519 public key, for every store and central this store accepts */
    public EReceipts(Map<String, PublicKey> trusted, Optional<Signer> signer) {
        this.trusted = Map.copyOf(trusted);
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    public boolean canSign() {
        return signer.isPresent();
    }

    /** The QR text for a sale, signed with this store's key; empty when the store has no signing key. */
    public Optional<String> sign(Receipt receipt) {
        return signer.map(own -> sign(receipt, own));
    }

    public static String sign(Receipt receipt, Signer signer) {
        byte[] payload = CoreJson.write(payload(receipt, signer.keyId())).getBytes(StandardCharsets.UTF_8);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return PREFIX + base64.encodeToString(payload) + "."
                + base64.encodeToString(Keys.sign(signer.key(), payload, "e-receipt " + receipt.id()));
    }

    public Check verify(String code) {
        String text = code.strip();
        String[] parts = text.startsWith(PREFIX) ? text.substring(PREFIX.length()).split("\\.", -1) : new String[0];
        if (parts.length != 2) {
            return new Check.Refused("This is not an e-receipt code.");
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = Base64.getUrlDecoder().decode(parts[0]);
            signature = Base64.getUrlDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return new Check.Refused("This e-receipt code is damaged; please scan it again or use the printed receipt.");
        }
        Payload claims;
        try {
            claims = CoreJson.read(new String(payload, StandardCharsets.UTF_8), Payload.class);
        } catch (StoreException e) {
            return new Check.Refused("This e-receipt code is damaged; please scan it again or use the printed receipt.");
        }
        Optional<PublicKey> key = Optional.ofNullable(claims.keyId()).map(trusted::get);
        if (key.isEmpty()) {
            return new Check.Refused("This e-receipt was signed by a key this store does not know ("
                    + claims.keyId() + "); a colleague at the desk can help.");
        }
        if (!Keys.verifies(key.get(), payload, signature)) {
            return new Check.Refused("This e-receipt has been changed since it was issued; it cannot be used for a return.");
        }
        try {
            return new Check.Valid(receipt(claims), claims.keyId());
        } catch (RuntimeException e) {
            return new Check.Refused("This e-receipt is signed but its contents cannot be read; a colleague can help.");
        }
    }

    private static Payload payload(Receipt receipt, String keyId) {
        List<List<Object>> lines = new ArrayList<>();
        for (ReceiptLine line : receipt.lines()) {
            lines.add(List.of(line.lineNumber(), line.sku(), line.description(), line.category(), line.quantity(),
                    line.unitPrice().amount()));
        }
        List<List<Object>> tenders = new ArrayList<>();
        for (Tender tender : receipt.tenders()) {
            tenders.add(List.of(tender.kind().name(), tender.amount().amount(), tender.reference()));
        }
        return new Payload(keyId, receipt.id().value(), receipt.tillId(), receipt.issuedAt(),
                receipt.total().currency().getCurrencyCode(), lines, tenders);
    }

    private static Receipt receipt(Payload claims) {
        String currency = claims.currency();
        List<ReceiptLine> lines = claims.lines().stream().map(l -> new ReceiptLine(number(l.get(0)), (String) l.get(1),
                (String) l.get(2), number(l.get(4)), Money.of(number(l.get(5)), currency), (String) l.get(3))).toList();
        List<Tender> tenders = claims.tenders().stream().map(t -> new Tender(Tender.Kind.valueOf((String) t.get(0)),
                Money.of(number(t.get(1)), currency), (String) t.get(2))).toList();
        return new Receipt(new ReceiptId(claims.id()), claims.till(), claims.issuedAt(), lines, tenders, Optional.empty());
    }

    private static int number(Object value) {
        return Math.toIntExact(((Number) value).longValue());
    }
}
