package io.holdfast.hardware.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EscPosRoundTripTest {

    private final EscPosEncoder encoder = new EscPosEncoder(EscPosEncoder.COLUMNS_80MM);

    @Test
    void whatIsEncodedDecodesBackToTheSameReceipt() {
        DecodedReceipt printed = EscPosDecoder.decode(encoder.encode(Receipts.collectionReceipt()));

        assertThat(printed.problems()).isEmpty();
        assertThat(printed.lines()).contains("HOLDFAST LEEDS", "Click & collect", "Order CC-104233",
                "Handed over: 2 of 2 parcels", "-".repeat(48));
        assertThat(printed.lines()).anySatisfy(line -> assertThat(line).startsWith("Total").endsWith("£71.00").hasSize(48));
        assertThat(printed.barcodes()).containsExactly("R04210320261121004217");
        assertThat(printed.qrCodes()).containsExactly("HFR1.eyJyIjoiMDQyMSJ9.c2ln");
        assertThat(printed.isCut()).isTrue();
    }

    @Test
    void thePoundSignIsSentAsCodePage437AndTheTableIsSelectedFirst() {
        byte[] bytes = encoder.encode(ReceiptDocument.builder().line("£5").build());

        assertThat(bytes).containsSequence(0x1B, 't', 0x00);
        assertThat(bytes).containsSequence((byte) 0x9C, '5');
    }

    @Test
    void stylesSurviveTheRoundTrip() {
        DecodedReceipt printed = EscPosDecoder.decode(encoder.encode(Receipts.collectionReceipt()));

        assertThat(printed.items()).contains(
                new PrintedItem.Line("HOLDFAST LEEDS", Align.CENTRE, true, true),
                new PrintedItem.Line("Click & collect", Align.CENTRE, false, false),
                new PrintedItem.Line("Handed over: 2 of 2 parcels", Align.LEFT, true, false));
    }

    @Test
    void aReceiptCutShortHasNoCutAndSaysNothingFalse() {
        byte[] whole = encoder.encode(Receipts.collectionReceipt());
        byte[] half = java.util.Arrays.copyOf(whole, whole.length / 2);

        DecodedReceipt torn = EscPosDecoder.decode(half);

        assertThat(torn.isCut()).isFalse();
        assertThat(torn.lines()).contains("HOLDFAST LEEDS");
    }

    @Test
    void previewsShowTheReceiptAsTextAndHtml() {
        DecodedReceipt printed = EscPosDecoder.decode(encoder.encode(Receipts.collectionReceipt()));

        assertThat(ReceiptPreview.text(printed, 48)).contains("HOLDFAST LEEDS").contains("£71.00")
                .contains("||| R04210320261121004217 |||");
        assertThat(ReceiptPreview.html(printed)).contains("<strong>HOLDFAST LEEDS</strong>")
                .contains("Click &amp; collect").contains("data-code128=\"R04210320261121004217\"")
                .contains("<hr class=\"cut\">")
                .contains("<img alt=\"HFR1.eyJyIjoiMDQyMSJ9.c2ln\" src=\"data:image/png;base64,");
    }

    @Test
    void badElementsAreRefusedWithWhatTheyGot() {
        assertThatThrownBy(() -> ReceiptDocument.builder().barcode("£12").build())
                .hasMessage("a Code 128 barcode needs 1 to 60 printable ASCII characters, but got '£12'");
        assertThatThrownBy(() -> new EscPosEncoder(10)).hasMessage("a receipt line must be 24 to 64 characters, but was 10");
    }
}
