package io.holdfast.giftcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.money.Money;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;

class SqliteGiftCardBalancesTest {

    private static final byte[] KEY = "a store key of at least 32 bytes!".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path folder;

    @Test
    void findsACardByTheFingerprintOfItsNumberAlone() {
        CardFingerprinter fingerprinter = new CardFingerprinter(KEY);
        CardFingerprint card = fingerprinter.fingerprint("6280391234567890");
        GiftCardBalance balance = new GiftCardBalance(card, "7890", Money.of(2500, "GBP"),
                Instant.parse("2026-11-21T06:00:00Z"));

        try (Database database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")))) {
            GiftCardBalances balances = new SqliteGiftCardBalances(database);
            balances.putAll(List.of(balance));

            assertThat(balances.find(fingerprinter.fingerprint("6280391234567890"))).contains(balance);
            assertThat(balances.find(fingerprinter.fingerprint("6280391234567891"))).isEmpty();
            assertThat(balances.count()).isEqualTo(1);
        }
    }

    @Test
    void theSameNumberUnderAnotherKeyIsAnotherFingerprint() {
        byte[] otherKey = "another store key of 32+ bytes!!".getBytes(StandardCharsets.US_ASCII);

        assertThat(new CardFingerprinter(KEY).fingerprint("6280391234567890"))
                .isNotEqualTo(new CardFingerprinter(otherKey).fingerprint("6280391234567890"))
                .isEqualTo(new CardFingerprinter(KEY).fingerprint("6280391234567890"));
    }

    @Test
    void refusesAShortKey() {
        assertThatThrownBy(() -> new CardFingerprinter(new byte[16]))
                .hasMessage("gift-card key must be at least 32 bytes, but was 16");
    }
}
