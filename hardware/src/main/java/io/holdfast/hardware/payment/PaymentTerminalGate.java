package io.holdfast.hardware.payment;

/**
 * Switches the tills' contactless terminals on and off. In the incident they were switched off to
 * protect card data; the gateway drives this from the PAYMENTS capability.
 */
public interface PaymentTerminalGate {

    void enable();

    /** @param reasonOnTerminal what the terminal shows customers, in a few words */
    void disable(String reasonOnTerminal);

    TerminalState state();
}
