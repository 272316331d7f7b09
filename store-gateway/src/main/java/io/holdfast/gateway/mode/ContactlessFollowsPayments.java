package io.holdfast.gateway.mode;

import java.util.Collection;
import java.util.List;

import io.holdfast.hardware.payment.PaymentTerminalGate;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.ModeBoard;
import io.holdfast.mode.Transition;

/**
 * Contactless is off while PAYMENTS is isolated (in the incident, to protect card data) and stays
 * off while it is restoring; it comes back on once PAYMENTS is online or merely degraded.
 */
public final class ContactlessFollowsPayments {

    /** What the terminal shows customers; fits its two lines. */
    static final String REASON = "Please use chip and PIN today";

    private final List<PaymentTerminalGate> terminals;
    private final ModeBoard board;

    public ContactlessFollowsPayments(Collection<PaymentTerminalGate> terminals, ModeBoard board) {
        this.terminals = List.copyOf(terminals);
        this.board = board;
        board.addListener(this::follow);
    }

    /** Puts the terminals where the board says, at start-up. */
    public void applyNow() {
        apply(board.status(Capability.PAYMENTS).state());
    }

    private void follow(Transition transition) {
        if (transition.capability() == Capability.PAYMENTS) {
            apply(transition.to());
        }
    }

    private void apply(CapabilityState state) {
        boolean off = state == CapabilityState.ISOLATED || state == CapabilityState.RESTORING;
        for (PaymentTerminalGate terminal : terminals) {
            if (off) {
                terminal.disable(REASON);
            } else {
                terminal.enable();
            }
        }
    }
}
