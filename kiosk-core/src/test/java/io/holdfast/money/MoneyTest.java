package io.holdfast.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void addsAndSubtractsInMinorUnits() {
        assertThat(Money.of(1299, "GBP").plus(Money.of(1, "GBP"))).isEqualTo(Money.of(1300, "GBP"));
        assertThat(Money.of(500, "GBP").minus(Money.of(1299, "GBP"))).isEqualTo(Money.of(-799, "GBP"));
        assertThat(Money.of(1299, "GBP").times(3)).isEqualTo(Money.of(3897, "GBP"));
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatThrownBy(() -> Money.of(100, "GBP").plus(Money.of(100, "EUR")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot add EUR to or from GBP (100 GBP, 100 EUR)");
    }

    @Test
    void refusesAnUnknownCurrency() {
        assertThatThrownBy(() -> Money.of(100, "XYZ1"))
                .hasMessage("currency must be an ISO 4217 code, but was 'XYZ1'");
    }

    @Test
    void overflowIsAnInputErrorNotAWrapAround() {
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "GBP").plus(Money.of(1, "GBP")))
                .isInstanceOf(AmountOutOfRangeException.class).hasMessageContaining("more than an amount can hold");
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE / 2, "GBP").times(3))
                .isInstanceOf(AmountOutOfRangeException.class).hasMessageContaining("× 3");
    }
}
