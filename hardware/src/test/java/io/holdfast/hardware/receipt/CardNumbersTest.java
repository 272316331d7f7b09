package io.holdfast.hardware.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardNumbersTest {

    @Test
    void aPreviewShowsACardByItsLastFourDigitsAndNoPin() {
        assertThat(CardNumbers.mask("Card 6337 9912 3456 7890 123")).isEqualTo("Card •••• 0123");
        assertThat(CardNumbers.mask("6337991234567890123")).isEqualTo("•••• 0123");
        assertThat(CardNumbers.mask("PIN 482913")).isEqualTo("PIN ••••••");
        assertThat(CardNumbers.mask("Against 0421-01-20261120-0005 for £29.50")).as("a receipt id is not a card")
                .isEqualTo("Against 0421-01-20261120-0005 for £29.50");
        assertThat(CardNumbers.appearIn(ReceiptDocument.builder().qr("6337991234567890123").build())).isTrue();
        assertThat(CardNumbers.appearIn(ReceiptDocument.builder().qr("HFC1.abc.def").line("CC-100001").build()))
                .isFalse();
    }

    @Test
    void aVoucherPreviewHidesTheNumberThePinAndTheCodeThatHoldsThem() {
        DecodedReceipt voucher = new DecodedReceipt(java.util.List.of(
                new PrintedItem.Line("STORE CREDIT VOUCHER", Align.LEFT, true, false),
                new PrintedItem.QrCode("6337991234567890123"),
                new PrintedItem.Line("Card 6337 9912 3456 7890 123", Align.CENTRE, false, false),
                new PrintedItem.Line("PIN 482913", Align.CENTRE, false, false)), java.util.List.of());

        String html = ReceiptPreview.html(voucher);
        String text = ReceiptPreview.text(voucher, 48);

        for (String preview : new String[]{html, text}) {
            assertThat(preview).doesNotContain("6337991234567890123").doesNotContain("7890 123")
                    .doesNotContain("482913").contains("•••• 0123");
        }
        assertThat(html).doesNotContain("<img");
    }
}
