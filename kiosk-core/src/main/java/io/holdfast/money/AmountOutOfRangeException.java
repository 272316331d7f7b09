package io.holdfast.money;

/** Money arithmetic whose result no amount can hold: an input fault (a price of 10^17 pence), not a crash. */
public final class AmountOutOfRangeException extends IllegalArgumentException {

    AmountOutOfRangeException(String message, ArithmeticException cause) {
        super(message, cause);
    }
}
