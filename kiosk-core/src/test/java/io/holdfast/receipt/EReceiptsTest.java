package io.holdfast.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.holdfast.money.Money;

/** Signed e-receipts: checked offline against trusted keys; changed or unknown ones are refused. */
class EReceiptsTest {

    private final KeyPair store = ed25519();
    private final KeyPair stranger = ed25519();
    private final EReceipts here = new EReceipts(Map.of("store-0421", store.getPublic()),
            Optional.of(new EReceipts.Signer("store-0421", store.getPrivate())));
    private final Receipt sale = new Receipt(new ReceiptId("0421-03-20261121-0042"), "03",
            Instant.parse("2026-11-21T09:12:00Z"),
            List.of(new ReceiptLine(1, "5001001", "Linen shirt, blue, M", 2, Money.of(2950, "GBP"), "CLOTHING"),
                    new ReceiptLine(2, "5004012", "Pierced earrings", 1, Money.of(2500, "GBP"), "PIERCED_JEWELLERY")),
            List.of(new Tender(Tender.Kind.CARD, Money.of(8400, "GBP"), "VISA ****1234")), Optional.of("LOY-7781"));

    @Test
    void aSignedReceiptVerifiesWithItsLinesAndTendersButWithoutTheLoyaltyId() {
        String code = here.sign(sale).orElseThrow();

        assertThat(code).startsWith(EReceipts.PREFIX);
        assertThat(here.verify(code)).isEqualTo(new EReceipts.Check.Valid(new Receipt(sale.id(), sale.tillId(),
                sale.issuedAt(), sale.lines(), sale.tenders(), Optional.empty()), "store-0421"));
    }

    @Test
    void aChangedPriceIsRefused() {
        String code = here.sign(sale).orElseThrow();
        String[] parts = code.substring(EReceipts.PREFIX.length()).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("2950", "9950");
        String forged = EReceipts.PREFIX + parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(here.verify(forged)).isInstanceOfSatisfying(EReceipts.Check.Refused.class,
                refused -> assertThat(refused.reason()).contains("changed since it was issued"));
    }

    @Test
    void aReceiptSignedByAKeyTheStoreDoesNotTrustIsRefused() {
        String code = EReceipts.sign(sale, new EReceipts.Signer("store-0421", stranger.getPrivate()));
        String unknownId = EReceipts.sign(sale, new EReceipts.Signer("store-9999", stranger.getPrivate()));

        assertThat(here.verify(code)).isInstanceOf(EReceipts.Check.Refused.class);
        assertThat(here.verify(unknownId)).isInstanceOfSatisfying(EReceipts.Check.Refused.class,
                refused -> assertThat(refused.reason()).contains("does not know (store-9999)"));
        assertThat(here.verify("HFR1.not-base64!.x")).isInstanceOf(EReceipts.Check.Refused.class);
        assertThat(here.verify("CC-100001")).isEqualTo(new EReceipts.Check.Refused("This is not an e-receipt code."));
    }

    @Test
    void theKeyIdIsOutsideTheSignedBytesAndAPayloadIsReadOnlyAfterItsSignatureIsProved() {
        String code = here.sign(sale).orElseThrow();
        String[] parts = code.substring(EReceipts.PREFIX.length()).split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(parts[0]).isEqualTo("store-0421");

        String garbage = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"lines\": 7".getBytes(StandardCharsets.UTF_8));
        assertThat(here.verify(EReceipts.PREFIX + "store-0421." + garbage + "." + parts[2]))
                .as("an unsigned payload is refused for its signature, never parsed")
                .isInstanceOfSatisfying(EReceipts.Check.Refused.class,
                        refused -> assertThat(refused.reason()).contains("changed since it was issued"));
        assertThat(here.verify(EReceipts.PREFIX + "store\n0421." + parts[1] + "." + parts[2]))
                .isEqualTo(new EReceipts.Check.Refused("This is not an e-receipt code."));
    }

    @Test
    void aCodePrintedBeforeTheKeyIdMovedOutIsStillHonoured() {
        String code = here.sign(sale).orElseThrow();
        String[] parts = code.substring(EReceipts.PREFIX.length()).split("\\.");
        String legacy = "HFR1." + parts[1] + "." + parts[2];

        assertThat(here.verify(legacy)).isInstanceOf(EReceipts.Check.Valid.class);
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[0] ^= 1;
        assertThat(here.verify("HFR1." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature)))
                .isInstanceOf(EReceipts.Check.Refused.class);
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
