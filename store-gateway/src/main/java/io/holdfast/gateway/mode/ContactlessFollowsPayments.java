package io.holdfast.gateway.mode;

import java.util.Collection;
import java.util.List;

import io.holdfast.hardware.payment.PaymentTerminalGate;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.ModeBoard;
import io.holdfast.mode.Transition;

/**
 * Contactless is on only while PAYMENTS is online. It goes off when central's payments are failing
 * (degraded: a contactless payment cannot be authorised, and chip and PIN can still be taken offline
 * within the terminal's floor limits), while PAYMENTS is isolated (in the incident, to protect card
 * data), and while it is restoring; it comes back on once PAYMENTS is online again.
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
        boolean off = state != CapabilityState.ONLINE;
        for (PaymentTerminalGate terminal : terminals) {
            if (off) {
                terminal.disable(REASON);
            } else {
                terminal.enable();
            }
        }
    }
}
