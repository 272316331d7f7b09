package io.holdfast.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.holdfast.testing.SteppingClock;

class CollectionQrTest {

    private static final KeyPair CENTRAL = ed25519();
    private static final KeyPair SOMEONE_ELSE = ed25519();
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final CollectionQr verifier = new CollectionQr(CENTRAL.getPublic(), "0421", clock);
    private final CollectionQr.Claims claims =
            new CollectionQr.Claims("CC-104233", "0421", Instant.parse("2026-11-30T23:59:59Z"));

    @Test
    void aCodeCentralSignedForThisStoreIsValid() {
        assertThat(verify(CollectionQr.sign(claims, CENTRAL.getPrivate())))
                .isEqualTo(new CollectionQr.Check.Valid(claims));
    }

    @Test
    void aCodeSignedByAnyoneElseIsRefused() {
        assertThat(reason(CollectionQr.sign(claims, SOMEONE_ELSE.getPrivate())))
                .startsWith("This code was not issued by head office");
    }

    @Test
    void aCodeWhosePayloadWasChangedIsRefused() {
        String genuine = CollectionQr.sign(claims, CENTRAL.getPrivate());
        String otherOrder = CollectionQr.sign(new CollectionQr.Claims("CC-100001", "0421", claims.expires()),
                CENTRAL.getPrivate());
        String forged = "HFC1." + otherOrder.split("\\.")[1] + "." + genuine.split("\\.")[2];

        assertThat(reason(forged)).startsWith("This code was not issued by head office");
    }

    @Test
    void anExpiredCodeIsRefusedWithItsDate() {
        clock.advance(Duration.ofDays(10));

        assertThat(reason(CollectionQr.sign(claims, CENTRAL.getPrivate())))
                .isEqualTo("This code expired on 30 Nov 2026 23:59 UTC; ask for ID or the collection code.");
    }

    @Test
    void anotherStoresCodeIsRefusedAndSaysWhere() {
        String elsewhere = CollectionQr.sign(new CollectionQr.Claims("CC-104233", "0117", claims.expires()),
                CENTRAL.getPrivate());

        assertThat(reason(elsewhere)).isEqualTo("This code is for store 0117, not this store (0421). The order is waiting there.");
    }

    private CollectionQr.Check verify(String qr) {
        String[] parts = qr.split("\\.");
        return verifier.verify(Base64.getUrlDecoder().decode(parts[1]), Base64.getUrlDecoder().decode(parts[2]));
    }

    private String reason(String qr) {
        CollectionQr.Check check = verify(qr);
        assertThat(check).isInstanceOf(CollectionQr.Check.Refused.class);
        return ((CollectionQr.Check.Refused) check).reason();
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
