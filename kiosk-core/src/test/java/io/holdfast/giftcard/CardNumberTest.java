package io.holdfast.giftcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CardNumberTest {

    @Test
    void aNumberIs16To19DigitsWithALuhnCheckDigitAndShowsOnlyItsLastFour() {
        // 79927398713 is the textbook Luhn example; padded with zeros in front it keeps its check digit.
        CardNumber card = CardNumber.parse("0000 0000 7992 7398 713");
        assertThat(card.digits()).isEqualTo("0000000079927398713");
        assertThat(card.lastFour()).isEqualTo("8713");
        assertThat(card.toString()).isEqualTo("card ****8713").doesNotContain("79927");
        assertThat(new CardPin("4321").toString()).doesNotContain("4321");

        assertThat(CardNumber.problem("0000000079927398714")).hasValueSatisfying(p -> assertThat(p).contains("check digit"));
        assertThat(CardNumber.problem("79927398713")).hasValueSatisfying(p -> assertThat(p).contains("16 to 19"));
        assertThat(CardNumber.problem("00000000799273987a3")).hasValueSatisfying(p -> assertThat(p).contains("digits"));
        assertThatThrownBy(() -> new CardPin("12")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCheckDigitMakesAnyBodyValid() {
        String body = "628039000000123456";
        String number = body + Luhn.checkDigit(body);
        assertThat(Luhn.valid(number)).isTrue();
        assertThat(Luhn.valid(body + (Luhn.checkDigit(body) + 1) % 10)).isFalse();
    }
}
