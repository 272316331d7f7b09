package io.holdfast.hardware.scan;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Whatever a scanner or a keyboard sends, the parser answers with a result and never throws.
 * Bounded: a fixed number of tries per property, so the suite's time stays fixed.
 */
class ScanParserFuzzTest {

    private final ScanParser parser = new ScanParser();

    @Property(tries = 3000)
    void anyTextGetsAnAnswer(@ForAll @StringLength(max = 1200) String raw) {
        assertAnswered(raw);
    }

    @Property(tries = 3000)
    void textMadeOfBarcodeCharactersGetsAnAnswer(@ForAll("barcodeLike") String raw) {
        assertAnswered(raw);
    }

    @Property(tries = 2000)
    void gs1LikeTextGetsAnAnswer(@ForAll("gs1Like") String raw) {
        assertAnswered(raw);
    }

    @Provide
    Arbitrary<String> barcodeLike() {
        return Arbitraries.strings().withChars("0123456789RC-HFR1.=_]d\r\n").ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> gs1Like() {
        Arbitrary<String> prefix = Arbitraries.of("", "]C1", "]d2", "]Q3", "(", "\u001D");
        Arbitrary<String> body = Arbitraries.strings().withChars("0123456789()\u001DABCxyz-!%").ofMaxLength(60);
        return prefix.flatMap(p -> body.map(b -> p + b));
    }

    private void assertAnswered(String raw) {
        ScanResult result = parser.parse(raw);
        assertThat(result).isNotNull();
        if (result instanceof ScanResult.Rejected rejected) {
            assertThat(rejected.reason()).isNotBlank();
        }
    }
}
