package io.holdfast.hardware.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScanParserTest {

    private final ScanParser parser = new ScanParser();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "4006381333931",   // the EAN-13 example in ISO/IEC 15420 teaching material and Wikipedia
            "9780306406157",   // ISBN-13 as EAN-13 (Bookland), Wikipedia's worked example
            "5000159484695"})  // a UK grocery EAN-13 (Mars bar)
    void recognisesPublishedEan13Codes(String digits) {
        assertThat(parser.parse(digits)).isEqualTo(new ScanResult.Recognised(new ScannedCode.Ean13(digits)));
    }

    @Test
    void recognisesThePublishedUpcAExample() {
        ScanResult result = parser.parse("036000291452");

        assertThat(result).isEqualTo(new ScanResult.Recognised(new ScannedCode.UpcA("036000291452")));
        assertThat(((ScannedCode.UpcA) recognised(result)).asGtin13()).isEqualTo("0036000291452");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "4006381333932, 'EAN-13 check digit does not match: the last digit should be 1'",
            "036000291453, 'UPC-A check digit does not match: the last digit should be 2'"})
    void aWrongCheckDigitIsRejectedWithTheRightOne(String digits, String reason) {
        assertThat(parser.parse(digits)).isEqualTo(new ScanResult.Rejected(reason, digits));
    }

    @Test
    void readsTheGs1ExampleInBracketedForm() {
        ScannedCode.Gs1ElementString gs1 = gs1(parser.parse("(01)09506000134352(17)281231(10)ABC123(21)XYZ-77"));

        assertThat(gs1.elements()).containsExactly(Map.entry("01", "09506000134352"), Map.entry("17", "281231"),
                Map.entry("10", "ABC123"), Map.entry("21", "XYZ-77"));
        assertThat(gs1.gtin()).hasValue("09506000134352");
        assertThat(gs1.expiry()).hasValue(LocalDate.of(2028, 12, 31));
        assertThat(gs1.batch()).hasValue("ABC123");
        assertThat(gs1.serial()).hasValue("XYZ-77");
    }

    @Test
    void readsAGs1_128ScanWithItsSymbologyIdentifierAndGroupSeparators() {
        String scanned = "]C1" + "0109506000134352" + "17281200" + "10ABC123" + "\u001D" + "21XYZ-77";

        ScannedCode.Gs1ElementString gs1 = gs1(parser.parse(scanned));

        assertThat(gs1.elements()).containsExactly(Map.entry("01", "09506000134352"), Map.entry("17", "281200"),
                Map.entry("10", "ABC123"), Map.entry("21", "XYZ-77"));
        assertThat(gs1.expiry()).as("day 00 is the end of the month").hasValue(LocalDate.of(2028, 12, 31));
    }

    @Test
    void readsAGs1DataMatrixScanWithALeadingFnc1() {
        ScannedCode.Gs1ElementString gs1 = gs1(parser.parse("]d2\u001D0109506000134352" + "21SN0001\u001D10L7"));

        assertThat(gs1.elements()).containsExactly(Map.entry("01", "09506000134352"), Map.entry("21", "SN0001"),
                Map.entry("10", "L7"));
    }

    @Test
    void readsTheGs1SsccExample() {
        assertThat(gs1(parser.parse("(00)106141412345678908")).elements()).containsEntry("00", "106141412345678908");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "(01)09506000134353               | (01) GTIN check digit does not match",
            "(01)0950600013435                | (01) GTIN must be 14 characters, but has 13",
            "(17)281301                       | (17) expiry is not a real date (YYMMDD): 281301",
            "(99)ANYTHING                     | application identifier (99) is not one this store reads",
            "(10)ABCDEFGHIJKLMNOPQRSTU        | (10) batch or lot may be at most 20 characters, but has 21",
            "(01)09506000134352(01)09506000134352 | (01) GTIN appears twice",
            "]C10109506000134                 | (01) GTIN needs 14 characters, but only 11 follow",
            "(10)AB C                         | (10) batch or lot holds a character GS1 does not allow"})
    void aBrokenGs1CodeIsRejectedWithTheReason(String scanned, String reason) {
        ScanResult result = parser.parse(scanned);

        assertThat(result).isInstanceOf(ScanResult.Rejected.class);
        assertThat(((ScanResult.Rejected) result).reason()).isEqualTo(reason);
    }

    @Test
    void readsThisRetailersReceiptBarcode() {
        String body = "0421" + "03" + "20261121" + "0042";
        String barcode = "R" + body + CheckDigits.luhn(body);

        ScannedCode.ReceiptBarcode receipt = (ScannedCode.ReceiptBarcode) recognised(parser.parse(barcode));

        assertThat(receipt).isEqualTo(new ScannedCode.ReceiptBarcode("0421", "03", LocalDate.of(2026, 11, 21), "0042"));
        assertThat(receipt.receiptNumber()).isEqualTo("0421-03-20261121-0042");
    }

    @Test
    void aReceiptBarcodeWithABadCheckDigitOrDateIsRejected() {
        String body = "0421" + "03" + "20261121" + "0042";
        int wrong = (CheckDigits.luhn(body) + 1) % 10;
        String badDate = "0421" + "03" + "20260231" + "0042";

        assertThat(parser.parse("R" + body + wrong))
                .isEqualTo(new ScanResult.Rejected("receipt barcode check digit does not match", "R" + body + wrong));
        assertThat(((ScanResult.Rejected) parser.parse("R" + badDate + CheckDigits.luhn(badDate))).reason())
                .isEqualTo("the date on this receipt barcode is not a real date (20260231)");
    }

    @Test
    void luhnMatchesThePublishedExample() {
        assertThat(CheckDigits.luhn("7992739871")).isEqualTo(3);
    }

    @Test
    void readsOrderNumbersAsTypedOrScanned() {
        assertThat(parser.parse("CC-104233")).isEqualTo(new ScanResult.Recognised(new ScannedCode.OrderNumber("CC-104233")));
        assertThat(parser.parse("cc-104233\r\n"))
                .as("a keyboard wedge with caps lock off, and its line end")
                .isEqualTo(new ScanResult.Recognised(new ScannedCode.OrderNumber("CC-104233")));
    }

    @Test
    void splitsASignedCollectionQrWithoutJudgingItsSignature() {
        byte[] payload = "{\"order\":\"CC-104233\",\"store\":\"0421\"}".getBytes(StandardCharsets.UTF_8);
        byte[] signature = new byte[64];
        signature[0] = 7;
        String qr = "HFC1." + b64(payload) + "." + b64(signature);

        ScannedCode.SignedQr code = (ScannedCode.SignedQr) recognised(parser.parse(qr));

        assertThat(code.kind()).isEqualTo(ScannedCode.SignedQr.Kind.COLLECTION);
        assertThat(code.payload()).isEqualTo(payload);
        assertThat(code.signature()).isEqualTo(signature);
        assertThat(code).isEqualTo(new ScannedCode.SignedQr(ScannedCode.SignedQr.Kind.COLLECTION, payload, signature));
    }

    @Test
    void aSignedQrThatIsCutOffOrDamagedIsRejected() {
        String payload = b64("{}".getBytes(StandardCharsets.UTF_8));

        assertThat(reason("HFR1." + payload)).isEqualTo("this e-receipt QR code is incomplete: it needs a payload and a signature");
        assertThat(reason("HFC1." + payload + ".!!!")).isEqualTo("this collection QR code is damaged: it is not base64url");
        assertThat(reason("HFC1." + payload + "." + b64(new byte[10])))
                .isEqualTo("this collection QR code has a signature of 10 bytes; Ed25519 signatures are 64");
    }

    @Test
    void somethingElseIsRejectedWithAReasonAndShownSafely() {
        assertThat(parser.parse("https://example.com/promo"))
                .isEqualTo(new ScanResult.Rejected("this is not a barcode or QR code this store uses", "https://example.com/promo"));
        assertThat(parser.parse("12345678")).isEqualTo(
                new ScanResult.Rejected("an 8-digit EAN-8 code is not one this store uses", "12345678"));
        assertThat(parser.parse("  ")).isEqualTo(new ScanResult.Rejected("nothing was scanned", ""));
        assertThat(((ScanResult.Rejected) parser.parse("AB\u0007CD")).raw()).isEqualTo("AB<07>CD");
    }

    private String reason(String scanned) {
        return ((ScanResult.Rejected) parser.parse(scanned)).reason();
    }

    private static ScannedCode recognised(ScanResult result) {
        assertThat(result).isInstanceOf(ScanResult.Recognised.class);
        return ((ScanResult.Recognised) result).code();
    }

    private static ScannedCode.Gs1ElementString gs1(ScanResult result) {
        assertThat(result).as(result.toString()).isInstanceOf(ScanResult.Recognised.class);
        return (ScannedCode.Gs1ElementString) ((ScanResult.Recognised) result).code();
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
