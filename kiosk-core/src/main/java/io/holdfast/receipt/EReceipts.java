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

/**
 * Signed e-receipts: {@code HFR2.<key id>.<payload>.<signature>}, payload and signature base64url,
 * the payload the sale's lines and tenders (never the loyalty id), the key id (a store's or
 * central's) outside the signed bytes as in a signed command, so the signature is checked before a
 * byte of the payload is parsed. Any store that trusts that key checks a receipt from another store
 * offline; a code changed by one byte, or signed by a key the store does not trust, is refused.
 * Codes printed before ({@code HFR1.<payload>.<signature>}, the key id only inside the payload) are
 * still honoured, checked against every trusted key before they are read.
 */
public final class EReceipts {

    public static final String PREFIX = "HFR2.";
    static final String LEGACY_PREFIX = "HFR1.";
    private static final java.util.regex.Pattern KEY_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String DAMAGED = "This e-receipt code is damaged; please scan it again or use the printed receipt.";

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
        if (!KEY_ID.matcher(signer.keyId()).matches()) {
            throw new IllegalArgumentException("an e-receipt key id is 1 to 64 letters, digits, '-' or '_', but was '"
                    + signer.keyId() + "'");
        }
        byte[] payload = CoreJson.write(payload(receipt, signer.keyId())).getBytes(StandardCharsets.UTF_8);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return PREFIX + signer.keyId() + "." + base64.encodeToString(payload) + "."
                + base64.encodeToString(Keys.sign(signer.key(), payload, "e-receipt " + receipt.id()));
    }

    /** Checks a presented code: its signature first, under the key it names; only then its contents. */
    public Check verify(String code) {
        String text = code.strip();
        if (text.startsWith(LEGACY_PREFIX)) {
            return verifyLegacy(text.substring(LEGACY_PREFIX.length()));
        }
        String[] parts = text.startsWith(PREFIX) ? text.substring(PREFIX.length()).split("\\.", -1) : new String[0];
        if (parts.length != 3 || !KEY_ID.matcher(parts[0]).matches()) {
            return new Check.Refused("This is not an e-receipt code.");
        }
        String keyId = parts[0];
        Optional<Signed> signed = decode(parts[1], parts[2]);
        if (signed.isEmpty()) {
            return new Check.Refused(DAMAGED);
        }
        PublicKey key = trusted.get(keyId);
        if (key == null) {
            return new Check.Refused("This e-receipt was signed by a key this store does not know (" + keyId
                    + "); a colleague at the desk can help.");
        }
        if (!Keys.verifies(key, signed.get().payload(), signed.get().signature())) {
            return new Check.Refused("This e-receipt has been changed since it was issued; it cannot be used for a return.");
        }
        return read(signed.get().payload(), keyId);
    }

    /** An {@code HFR1} code names its key only inside the payload: try every trusted key before reading it. */
    private Check verifyLegacy(String rest) {
        String[] parts = rest.split("\\.", -1);
        Optional<Signed> signed = parts.length == 2 ? decode(parts[0], parts[1]) : Optional.empty();
        if (signed.isEmpty()) {
            return new Check.Refused(DAMAGED);
        }
        for (Map.Entry<String, PublicKey> key : trusted.entrySet()) {
            if (Keys.verifies(key.getValue(), signed.get().payload(), signed.get().signature())) {
                return read(signed.get().payload(), key.getKey());
            }
        }
        return new Check.Refused("This e-receipt was changed since it was issued, or signed by a key this store does"
                + " not know; a colleague at the desk can help.");
    }

    private record Signed(byte[] payload, byte[] signature) {
    }

    private static Optional<Signed> decode(String payload, String signature) {
        try {
            return Optional.of(new Signed(Base64.getUrlDecoder().decode(payload), Base64.getUrlDecoder().decode(signature)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The contents of a payload whose signature under {@code keyId} was proved. */
    private static Check read(byte[] payload, String keyId) {
        try {
            Payload claims = CoreJson.read(new String(payload, StandardCharsets.UTF_8), Payload.class);
            if (!keyId.equals(claims.keyId())) {
                return new Check.Refused("This e-receipt names another key than the one that signed it; a colleague"
                        + " can help.");
            }
            return new Check.Valid(receipt(claims), keyId);
        } catch (RuntimeException e) { // a StoreException for JSON that is not a receipt, others for odd values
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
