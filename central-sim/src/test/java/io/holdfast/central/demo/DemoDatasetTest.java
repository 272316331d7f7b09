package io.holdfast.central.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.holdfast.order.CollectionCodes;

class DemoDatasetTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void theSameSeedGivesTheSameStore() {
        assertThat(DemoDataset.generate("0421", DemoDataset.Size.DEMO, 42L, CLOCK))
                .isEqualTo(DemoDataset.generate("0421", DemoDataset.Size.DEMO, 42L, CLOCK));
        assertThat(DemoDataset.generate("0421", DemoDataset.Size.DEMO, 42L, CLOCK))
                .isNotEqualTo(DemoDataset.generate("0421", DemoDataset.Size.DEMO, 43L, CLOCK));
    }

    @Test
    void aDemoStoreHasAFewHundredOrdersAndSomeReceiptsAndCards() {
        DemoDataset dataset = DemoDataset.generate("0421", DemoDataset.Size.DEMO, 42L, CLOCK);

        assertThat(dataset.orders()).hasSize(300);
        assertThat(dataset.receipts()).hasSize(200);
        assertThat(dataset.giftCards()).hasSize(50);
        assertThat(dataset.orders()).anySatisfy(o ->
                assertThat(o.order().pickupBy()).isBefore(LocalDate.now(CLOCK)));
    }

    @Test
    void theStoreGetsOnlyTheHashOfEachCollectionCode() {
        DemoDataset.DemoOrder order = DemoDataset.generate("0421", DemoDataset.Size.DEMO, 42L, CLOCK).orders().get(5);

        assertThat(order.order().collectionCodeHash())
                .isEqualTo(new CollectionCodes(DemoDataset.COLLECTION_CODE_KEY).hash(order.collectionCode()))
                .doesNotContain(order.collectionCode());
    }

    @Test
    void giftCardNumbersCarryAValidLuhnCheckDigit() {
        // 79927398713 is the textbook Luhn example: body 7992739871, check digit 3.
        assertThat(io.holdfast.giftcard.Luhn.checkDigit("7992739871")).isEqualTo(3);
        String number = GiftCardNumbers.number(17);
        assertThat(number).hasSize(19).startsWith("628039");
        assertThat(io.holdfast.giftcard.Luhn.checkDigit(number.substring(0, 18)))
                .isEqualTo(number.charAt(18) - '0');
    }
}
